/** A square region of an image: centre and side in image pixels (pixel-index coordinates: pixel i's centre is i). */
export interface SquareBox {
  cx: number;
  cy: number;
  side: number;
}

/**
 * Crops `box` out of an RGBA image into a size×size RGB image by bilinear sampling; outside the image is `pad`.
 * Output pixel (i, j) samples source ((j − size/2)·side/size + cx, (i − size/2)·side/size + cy), the same map as
 * the Python evaluator's warpAffine, so both evaluators see the same crop.
 */
export function bilinearCrop(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  box: SquareBox,
  size: number,
  pad: number,
): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const scale = box.side / size;
  const sample = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? pad : rgba[(y * width + x) * 4 + c];
  for (let i = 0; i < size; i += 1) {
    const sy = (i - size / 2) * scale + box.cy;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let j = 0; j < size; j += 1) {
      const sx = (j - size / 2) * scale + box.cx;
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

/** Input pixel of the crop -> image pixel. */
export function cropToImage(box: SquareBox, size: number, x: number, y: number): [number, number] {
  const scale = box.side / size;
  return [(x - size / 2) * scale + box.cx, (y - size / 2) * scale + box.cy];
}
