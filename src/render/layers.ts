import type { Box } from '../pose/box';

/** The center map's colour: its layer over the picture and the marker on its peak. */
export const CENTER_RGB: [number, number, number] = [255, 0, 200];
export const CENTER_CSS = `rgb(${CENTER_RGB.join(', ')})`;

/**
 * Where a g×g map of a box is drawn on a canvas showing the picture at its own pixels (canvas edge coordinates,
 * pose/box.ts): cell g is stride input pixels wide and centred on input pixel stride·g + (stride − 1)/2.
 */
export function mapRect(box: Box, grid: number, stride: number, inputSize: number): { x: number; y: number; side: number } {
  const k = box.side / inputSize;
  return { x: box.x + 0.5 - 0.5 * k, y: box.y + 0.5 - 0.5 * k, side: grid * stride * k };
}

/** One colour per person found (their box on the overlay and their row in the person list), by rank. */
const PERSON_COLOURS = ['#ffd400', '#00e0ff', '#ff6bd6', '#7dff6b', '#ff9f40', '#b48cff'];

export function personColour(rank: number): string {
  return PERSON_COLOURS[rank % PERSON_COLOURS.length];
}

/** A found person's box: solid for the selected person, dashed for the others. */
export function drawPersonBox(
  ctx: Pick<CanvasRenderingContext2D, 'strokeStyle' | 'lineWidth' | 'setLineDash' | 'strokeRect'>,
  box: { x0: number; y0: number; x1: number; y1: number },
  colour: string,
  width: number,
  selected: boolean,
): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = selected ? width * 2 : width;
  ctx.setLineDash(selected ? [] : [width * 4, width * 3]);
  ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  ctx.setLineDash([]);
}

/** The center map as a layer whose alpha follows the prior (peak = opaque). */
export function centerMapPixels(plane: Float32Array): Uint8ClampedArray {
  let max = 0;
  for (const v of plane) max = Math.max(max, v);
  const rgba = new Uint8ClampedArray(plane.length * 4);
  plane.forEach((v, i) => rgba.set([...CENTER_RGB, max > 0 ? Math.round((255 * v) / max) : 0], i * 4));
  return rgba;
}

/**
 * A click on an element showing a width×height picture with `object-fit: contain` → picture pixels (pixel-index
 * coordinates, pose/box.ts; the element's box may be larger than the picture on one axis).
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
  return { x: (client.x - left) / scale - 0.5, y: (client.y - top) / scale - 0.5 };
}
