import { describe, expect, it } from 'vitest';
import { CODE, readCode, writeCode } from './frameCode';

/** An RGB frame as RGBA, resized by `scale` (nearest pixel), as a camera might deliver it. */
function delivered(rgb: Uint8Array, width: number, height: number, scale: number): Uint8ClampedArray {
  const [w, h] = [width * scale, height * scale];
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const o = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3;
      rgba.set([rgb[o], rgb[o + 1], rgb[o + 2], 255], (y * w + x) * 4);
    }
  }
  return rgba;
}

describe('frame code', () => {
  it('reads back the number written into a frame, at its size or resized', () => {
    for (const f of [0, 1, 300, (1 << CODE.bits) - 1]) {
      const rgb = new Uint8Array(96 * 48 * 3).fill(90);
      writeCode(rgb, 96, 48, f);
      expect(readCode(delivered(rgb, 96, 48, 1), 96, 48)).toBe(f);
      expect(readCode(delivered(rgb, 96, 48, 2), 192, 96, 2)).toBe(f);
    }
  });
});
