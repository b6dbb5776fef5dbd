import { describe, expect, it } from 'vitest';
import { MIN_SIDE, sizeProblem } from './imageFile';

describe('picture size', () => {
  it('refuses a picture too small to hold a readable person, with its size in the message', () => {
    expect(sizeProblem(1, 1)).toBe(`it is 1×1 px, too small to read (at least ${MIN_SIDE} px a side)`);
    expect(sizeProblem(640, 20)).toMatch(/640×20 px/);
    expect(sizeProblem(0, 10)).toBe('it has no pixels');
    expect(sizeProblem(MIN_SIDE, 4000)).toBeNull();
  });
});
