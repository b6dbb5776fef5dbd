import { normalizePixels } from '../pose/normalize';
import type { MemberSpec } from './architecture';

/**
 * How far tfjs's maps may be from PyTorch's, in every golden check (Vitest on tfjs CPU and wasm, the browser e2e on
 * WebGPU): the exported weights are float16 (uint8 for a backbone) while PyTorch runs the same weights in float32.
 */
export const GOLDEN_TOLERANCE = 2e-3;

/** A golden fixture written by training/cpm_train/export/golden.py: PyTorch's per-stage maps for one real input. */
export interface GoldenFixture {
  model: string;
  /** Relative to ../shared/: a lossless PNG, never committed. */
  source: string;
  /** x, y, side of the square crop in source pixels. */
  box: [number, number, number];
  inputSize: number;
  center: [number, number];
  centerMap: string;
  stages: string;
  /** T × g × g × 15 (HWC per stage). */
  shape: [number, number, number, number];
}

export function base64Floats(data: string): Float32Array {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}

/**
 * Nearest-neighbour square crop, RGB out: output pixel (i, j) takes source pixel floor(x0 + (j + 0.5)·side/size),
 * in integer arithmetic so that Python and TypeScript pick the very same pixels.
 */
export function nearestCrop(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  box: [number, number, number],
  size: number,
  pad: number,
): Uint8Array {
  const [x0, y0, side] = box;
  const out = new Uint8Array(size * size * 3).fill(pad);
  for (let i = 0; i < size; i += 1) {
    const y = y0 + Math.floor(((2 * i + 1) * side) / (2 * size));
    if (y < 0 || y >= height) continue;
    for (let j = 0; j < size; j += 1) {
      const x = x0 + Math.floor(((2 * j + 1) * side) / (2 * size));
      if (x < 0 || x >= width) continue;
      for (let c = 0; c < 3; c += 1) out[(i * size + j) * 3 + c] = rgba[(y * width + x) * 4 + c];
    }
  }
  return out;
}

/** The fixture's network input: its box cut from the decoded source image, normalised as the member states. */
export function goldenInput(
  golden: GoldenFixture,
  image: { data: Uint8Array | Uint8ClampedArray; width: number; height: number },
  spec: MemberSpec,
): Float32Array {
  const size = spec.inputSize;
  const crop = nearestCrop(image.data, image.width, image.height, golden.box, size, spec.normalization.padValue);
  return normalizePixels(crop, size, size, spec.normalization);
}
