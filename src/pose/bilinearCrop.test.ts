import { describe, expect, it } from 'vitest';
import { bilinearCrop } from './bilinearCrop';

function rgbaRamp(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rgba.set([x, y, 7, 255], (y * width + x) * 4);
  }
  return rgba;
}

describe('bilinearCrop', () => {
  it('samples the source at box.x + j·side/size', () => {
    const out = bilinearCrop(rgbaRamp(100, 80), 100, 80, { x: 40, y: 30, side: 20 }, 10, 128);
    // Output pixel (0, 0) samples source (40, 30); (5, 5) samples (50, 40), the box centre.
    expect([out[0], out[1], out[2]]).toEqual([40, 30, 7]);
    const middle = (5 * 10 + 5) * 3;
    expect([out[middle], out[middle + 1]]).toEqual([50, 40]);
  });

  it('interpolates between pixel centres', () => {
    const out = bilinearCrop(rgbaRamp(100, 80), 100, 80, { x: 40.5, y: 30.25, side: 20 }, 10, 128);
    expect([out[0], out[1]]).toEqual([41, 30]);
  });

  it('pads outside the image with the pad value', () => {
    const out = bilinearCrop(rgbaRamp(10, 10), 10, 10, { x: -20, y: -20, side: 40 }, 4, 128);
    expect(Array.from(out.slice(0, 3))).toEqual([128, 128, 128]);
  });
});
