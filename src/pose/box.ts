/**
 * The person box and the one pixel convention of the project (TypeScript and Python alike).
 *
 * Coordinates are pixel-index coordinates: pixel i of an image, of the S×S network input or of a map is centred at
 * coordinate i (OpenCV's convention, which training's warpAffine crops use). A square box {x, y, side} in image pixels
 * is resampled to the S×S input so that input pixel u is image point x + u·side/S: the box's top-left corner lands on
 * input pixel 0 and its centre on input pixel S/2. A belief map's cell g is centred at input pixel
 * stride·g + (stride − 1)/2 (decode.cellCentre): cell g covers input pixels stride·g … stride·g + stride − 1.
 *
 * training/cpm_train/model/pixels.py states the same rule for Python.
 *
 * Canvas drawing (drawImage, fillRect) uses edge coordinates instead: pixel i covers [i, i + 1). `drawRect` and
 * `render/layers.mapRect` convert, so the browser's crop and overlay follow the same map as Node's bilinear crop.
 */
export interface Box {
  /** The box's top-left corner in image pixels (may be negative: the box may stick out of the image). */
  x: number;
  y: number;
  /** Side in image pixels. */
  side: number;
}

/** A rectangle by its edges, picture pixels (a found person's box, a pasted sprite). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A square box of side `side` centred on `centre`. */
export function boxAround(centre: Point, side: number): Box {
  return { x: centre.x - side / 2, y: centre.y - side / 2, side };
}

/** The point the box is centred on (where the center map of a reading of this box peaks). */
export function boxCentre(box: Box): Point {
  return { x: box.x + box.side / 2, y: box.y + box.side / 2 };
}

/**
 * The box the app reads when the user frames a picture: side `boxSize` × the image's longer side (1 = the whole image
 * letterboxed), centred on the chosen centre or, with none, on the image.
 */
export function framingBox(width: number, height: number, centre: Point | null, boxSize: number): Box {
  return boxAround(centre ?? { x: width / 2, y: height / 2 }, Math.max(width, height) * boxSize);
}

/** The same centre, `scale` times smaller: the person looks `scale` times larger (the paper's multi-scale testing). */
export function zoomBox(box: Box, scale: number): Box {
  return scale === 1 ? box : boxAround(boxCentre(box), box.side / scale);
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

/**
 * Where the image lands on the S×S input canvas: the arguments of drawImage(image, dx, dy, dw, dh). drawImage maps
 * edges to edges, so image pixel centre X + ½ must land on input pixel centre u + ½ with u = (X − box.x)·S/side.
 */
export function drawRect(box: Box, inputSize: number, width: number, height: number): { dx: number; dy: number; dw: number; dh: number } {
  const k = inputSize / box.side;
  return { dx: 0.5 - (box.x + 0.5) * k, dy: 0.5 - (box.y + 0.5) * k, dw: width * k, dh: height * k };
}

/** A size no larger than `maxSide` on its longer side, keeping the aspect ratio (for very large images). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}
