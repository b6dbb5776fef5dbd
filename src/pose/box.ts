/**
 * The person box: the square region of the image that is resized to the network's input (S×S).
 * Outside the image the box is filled with the member's pad value, as the authors' release pads with grey.
 */
export interface Box {
  /** Top-left corner in image pixels (may be negative: the box may stick out of the image). */
  x: number;
  y: number;
  /** Side in image pixels. */
  side: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * The box for one scale. Default (no centre chosen): the whole image letterboxed, side = max(w, h), centred.
 * With a chosen centre the box is re-centred on it. Scale s > 1 zooms in (the person looks s times larger),
 * as in the paper's multi-scale testing.
 */
export function personBox(width: number, height: number, centre: Point | null, scale = 1): Box {
  const side = Math.max(width, height) / scale;
  const c = centre ?? { x: width / 2, y: height / 2 };
  return { x: c.x - side / 2, y: c.y - side / 2, side };
}

/** Input pixels (0…inputSize) of the box → image pixels. */
export function inputToImage(box: Box, inputSize: number, p: Point): Point {
  const k = box.side / inputSize;
  return { x: box.x + p.x * k, y: box.y + p.y * k };
}

/** Image pixels → input pixels of the box. */
export function imageToInput(box: Box, inputSize: number, p: Point): Point {
  const k = inputSize / box.side;
  return { x: (p.x - box.x) * k, y: (p.y - box.y) * k };
}

/** Where the image lands on the S×S input canvas: the arguments of drawImage(image, dx, dy, dw, dh). */
export function drawRect(box: Box, inputSize: number, width: number, height: number): { dx: number; dy: number; dw: number; dh: number } {
  const k = inputSize / box.side;
  return { dx: -box.x * k, dy: -box.y * k, dw: width * k, dh: height * k };
}

/** A size no larger than `maxSide` on its longer side, keeping the aspect ratio (for very large images). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}
