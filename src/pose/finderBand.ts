/**
 * The part of the person finder's size×size letterbox it runs on. MoveNet's graphs take any input whose sides are
 * multiples of 32 (their coarsest stride), so a landscape picture need not pay for the black rows above and below it
 * (or a portrait one for the columns beside it): the finder reads `rows` × `cols` of the letterbox from (top, left),
 * the same input pixels wherever the picture is. Two widths only, the whole side and BAND_SHARE of it, because every
 * new input shape compiles shaders of its own on WebGL and WebGPU: a picture 4:3 or wider (a webcam frame, most
 * photos) costs 0.75 of a square run. Pure geometry; the finder's run is in src/estimator/personFinder.ts.
 */
import type { Box } from './box';

export interface FinderBand {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** The narrower band's share of the side: 192 of 256, a multiple of 32. */
export const BAND_SHARE = 0.75;

/** The whole size×size input. */
export const wholeInput = (size: number): FinderBand => ({ top: 0, left: 0, rows: size, cols: size });

/** The band of the size×size input, showing `box` of a width×height picture, that holds all of the picture shown. */
export function finderBand(width: number, height: number, box: Box, size: number): FinderBand {
  const k = size / box.side;
  const narrow = size * BAND_SHARE;
  // [start, start + length) of the input along one axis: the whole side, or the narrow band centred on the picture.
  const span = (boxStart: number, pictureLength: number): [number, number] => {
    const a = Math.max(0, -boxStart * k);
    const b = Math.min(size, (pictureLength - boxStart) * k);
    if (b - a > narrow) return [0, size];
    return [Math.min(Math.max(Math.round((a + b - narrow) / 2), 0), size - narrow), narrow];
  };
  const [top, rows] = span(box.y, height);
  const [left, cols] = span(box.x, width);
  return { top, left, rows, cols };
}
