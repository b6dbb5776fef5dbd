import type { Reading } from '../estimator/estimate';
import { framingBox } from '../pose/box';
import { useApp } from '../store';

/** The scales of the "Multi-scale" option (the paper tests at several scales and sums the belief maps). */
export const MULTI_SCALES = [0.7, 1, 1.3];

/** How the app reads a width×height picture now: the user's framing (centre, box size) and options. */
export function currentReading(width: number, height: number): Reading {
  const { multiScale, flipTest, center, boxSize } = useApp.getState();
  return { box: framingBox(width, height, center, boxSize), scales: multiScale ? MULTI_SCALES : [1], flip: flipTest };
}
