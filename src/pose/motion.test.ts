import { describe, expect, it } from 'vitest';
import { MOVED_LEVELS, movedOutside, thumbnailOf } from './motion';

const SIZE = 10;

/** A 10×10 RGB thumbnail of a 100-pixel-wide frame, grey `level`, with `cells` ([x, y]) white. */
function frame(level: number, cells: [number, number][] = []) {
  const rgb = new Uint8Array(SIZE * SIZE * 3).fill(level);
  for (const [x, y] of cells) rgb.fill(255, 3 * (y * SIZE + x), 3 * (y * SIZE + x) + 3);
  return thumbnailOf(rgb, SIZE, 100);
}

describe('someone new in a video', () => {
  it('makes grey thumbnails of RGB and RGBA crops alike', () => {
    const rgba = new Uint8Array(SIZE * SIZE * 4).fill(200);
    expect(thumbnailOf(rgba, SIZE, 100).grey).toEqual(frame(200).grey);
  });

  it('counts the cells that changed outside every person, their box widened by the margin', () => {
    const then = frame(40);
    // Cells (1, 1) and (8, 8) changed; a person stands over pixels 0…25 (cells 0…2).
    const now = frame(40, [
      [1, 1],
      [8, 8],
    ]);
    const person = { x0: 0, y0: 0, x1: 25, y1: 25 };
    expect(movedOutside(then, now, [], 0)).toBe(2);
    expect(movedOutside(then, now, [person], 0)).toBe(1);
    // Widened by 3 sides it reaches pixel 100: nothing changed outside it.
    expect(movedOutside(then, now, [person], 3)).toBe(0);
  });

  it("ignores changes below a webcam's noise, and thumbnails of another frame size", () => {
    expect(movedOutside(frame(40), frame(40 + MOVED_LEVELS - 1), [], 0)).toBe(0);
    expect(movedOutside(frame(40), frame(40 + MOVED_LEVELS), [], 0)).toBe(SIZE * SIZE);
    expect(movedOutside(frame(40), thumbnailOf(new Uint8Array(SIZE * SIZE * 3), SIZE, 200), [], 0)).toBe(0);
  });
});
