/** Viridis (matplotlib, CC0), 9 evenly spaced stops; linear interpolation in between. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** t in [0, 1] (clamped) → RGB bytes. */
export function viridis(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** A horizontal legend strip, width×1 RGBA, low values left. */
export function legendPixels(width: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * 4);
  for (let i = 0; i < width; i += 1) {
    const [r, g, b] = viridis(width === 1 ? 0 : i / (width - 1));
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}
