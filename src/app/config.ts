import { framingBox } from '../pose/box';
import { CAMERA_PERSON_SCORES, type FoundPerson, STILL_PERSON_SCORES } from '../pose/people';
import { stillSecondLook } from '../pose/tracker';
import { type SourceKind, useApp } from '../store';
import type { FrameOptions } from '../worker/client';
import type { ModelSummary } from '../worker/protocol';

/** The scales of the "Multi-scale" option (the paper tests at several scales and sums the belief maps). */
export const MULTI_SCALES = [0.7, 1, 1.3];

/**
 * How the app reads a width×height picture now: every person the finder sees (each cut out at the model's crop
 * scale; `found`: the people already found in it, when it is read again), or, after a click away from everyone, a
 * box framed by hand; and the scales and flip test the user set (the flip test for this kind of source).
 */
export function currentFrameOptions(kind: SourceKind, model: ModelSummary, width: number, height: number, found?: FoundPerson[]): FrameOptions {
  const { multiScale, flipTest, center, boxSize } = useApp.getState();
  const scales = multiScale ? MULTI_SCALES : [1];
  const box = framingBox(width, height, center, boxSize);
  // A still is read once more where the first reading's joints frame a clearly different box; the camera's tracking
  // does the same from frame to frame instead.
  const secondLook = kind === 'image' ? stillSecondLook(model.weakPeak) : undefined;
  const framing = center
    ? { kind: 'box' as const, box }
    : { kind: 'people' as const, cropScale: model.cropScale, scores: kind === 'image' ? STILL_PERSON_SCORES : CAMERA_PERSON_SCORES, fallback: box, found, secondLook };
  return { framing, scales, flip: flipTest[kind] };
}
