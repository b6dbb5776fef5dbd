import type { Box } from '../pose/box';

/** Where a g×g map of a box lands in image pixels: the grid spans grid·stride input pixels of the box. */
export function mapRect(box: Box, grid: number, stride: number, inputSize: number): { x: number; y: number; side: number } {
  return { x: box.x, y: box.y, side: (box.side * grid * stride) / inputSize };
}

/** The center map as a magenta layer whose alpha follows the prior (peak = opaque). */
export function centerMapPixels(plane: Float32Array): Uint8ClampedArray {
  let max = 0;
  for (const v of plane) max = Math.max(max, v);
  const rgba = new Uint8ClampedArray(plane.length * 4);
  plane.forEach((v, i) => rgba.set([255, 0, 200, max > 0 ? Math.round((255 * v) / max) : 0], i * 4));
  return rgba;
}

/**
 * A click on an element showing a width×height picture with `object-fit: contain` → picture pixels
 * (the element's box may be larger than the picture on one axis).
 */
export function containedPoint(
  client: { x: number; y: number },
  rect: { left: number; top: number; width: number; height: number },
  width: number,
  height: number,
): { x: number; y: number } {
  const scale = Math.min(rect.width / width, rect.height / height);
  const left = rect.left + (rect.width - width * scale) / 2;
  const top = rect.top + (rect.height - height * scale) / 2;
  return { x: (client.x - left) / scale, y: (client.y - top) / scale };
}
