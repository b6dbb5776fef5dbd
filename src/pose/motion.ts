/**
 * Someone new in a video, without running the person finder: a small grey thumbnail of each frame, compared with the
 * thumbnail of the frame the finder last searched, outside every tracked person's box (then and now). A person who
 * walks in changes the picture where nobody is tracked; the tracked people's own movement stays inside their boxes.
 * Pure: the thumbnail is cut by the estimator (Picture.crop), the decision is made in src/estimator/videoTracks.ts.
 */
import type { Rect } from './box';

/** A square grey thumbnail of a whole frame (the frame's longer side across), and the frame's size. */
export interface Thumbnail {
  grey: Uint8Array;
  size: number;
  /** The frame's longer side, pixels: a picture coordinate times size / side is a thumbnail coordinate. */
  side: number;
}

/** Grey levels (0…255) a thumbnail cell must change by to count as moved: well above a webcam's noise. */
export const MOVED_LEVELS = 24;

/**
 * A thumbnail of `pixels` (a size×size crop, RGB or RGBA, row-major) of a frame whose longer side is `side` pixels,
 * cut from the frame's top left corner.
 */
export function thumbnailOf(pixels: Uint8Array | Uint8ClampedArray, size: number, side: number): Thumbnail {
  const channels = pixels.length / (size * size);
  const grey = new Uint8Array(size * size);
  for (let i = 0; i < grey.length; i += 1) {
    const o = i * channels;
    grey[i] = (pixels[o] * 77 + pixels[o + 1] * 150 + pixels[o + 2] * 29) >> 8;
  }
  return { grey, size, side };
}

/**
 * The cells of `now` that moved since `then` (by MOVED_LEVELS or more), outside every rectangle of `people` (picture
 * pixels, each widened on every side by `margin` times its longer side). 0 when the thumbnails do not match in size.
 */
export function movedOutside(then: Thumbnail, now: Thumbnail, people: Rect[], margin: number): number {
  if (then.size !== now.size || then.side !== now.side) return 0;
  const { size } = now;
  const scale = size / now.side;
  const masked = new Uint8Array(size * size);
  for (const p of people) {
    const grow = Math.max(p.x1 - p.x0, p.y1 - p.y0) * margin;
    const x0 = Math.max(0, Math.floor((p.x0 - grow) * scale));
    const y0 = Math.max(0, Math.floor((p.y0 - grow) * scale));
    const x1 = Math.min(size, Math.ceil((p.x1 + grow) * scale));
    const y1 = Math.min(size, Math.ceil((p.y1 + grow) * scale));
    for (let y = y0; y < y1; y += 1) masked.fill(1, y * size + x0, y * size + Math.max(x0, x1));
  }
  let moved = 0;
  for (let i = 0; i < masked.length; i += 1) {
    if (!masked[i] && Math.abs(now.grey[i] - then.grey[i]) >= MOVED_LEVELS) moved += 1;
  }
  return moved;
}
