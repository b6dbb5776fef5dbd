/**
 * A stage's receptive field on the overlay: the square of input pixels its belief at a joint could see, scaled to
 * the picture. Later stages see more than the whole crop (the paper's point): the square is then clipped to the
 * crop, and the words say how much it sees.
 */
import type { Box, Point } from '../pose/box';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The field's square around `peak` (picture pixels), clipped to the box that was read and to the picture. */
export function fieldRect(peak: Point, fieldPx: number, box: Box, inputSize: number, width: number, height: number): Rect {
  const half = (fieldPx * box.side) / inputSize / 2;
  const x0 = Math.max(peak.x - half, box.x, 0);
  const y0 = Math.max(peak.y - half, box.y, 0);
  const x1 = Math.min(peak.x + half, box.x + box.side, width);
  const y1 = Math.min(peak.y + half, box.y + box.side, height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** The field in words, e.g. "stage 3 sees 1095 px: all of the crop" or "stage 1 sees 107 px of the 256 px crop". */
export function fieldText(stage: number, fieldPx: number, inputSize: number): string {
  const seen = fieldPx >= 2 * inputSize ? 'all of the crop, wherever the joint is' : fieldPx >= inputSize ? 'as wide as the crop' : `of the ${inputSize} px crop`;
  return `stage ${stage} sees ${fieldPx} px${fieldPx >= inputSize ? ': ' : ' '}${seen}`;
}
