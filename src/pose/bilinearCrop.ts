import type { Box } from './box';

/**
 * Crops `box` out of an RGBA image into a size×size RGB image by bilinear sampling; outside the image is `pad`.
 * Output pixel (i, j) samples source (box.x + j·side/size, box.y + i·side/size): box.ts's pixel convention, and
 * the map of the Python side's warpAffine, so Node, the browser and training see the same crop.
 */
export function bilinearCrop(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  box: Box,
  size: number,
  pad: number,
): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const scale = box.side / size;
  const sample = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? pad : rgba[(y * width + x) * 4 + c];
  for (let i = 0; i < size; i += 1) {
    const sy = box.y + i * scale;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let j = 0; j < size; j += 1) {
      const sx = box.x + j * scale;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      for (let c = 0; c < 3; c += 1) {
        const top = sample(x0, y0, c) * (1 - fx) + sample(x0 + 1, y0, c) * fx;
        const bottom = sample(x0, y0 + 1, c) * (1 - fx) + sample(x0 + 1, y0 + 1, c) * fx;
        out[(i * size + j) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}
