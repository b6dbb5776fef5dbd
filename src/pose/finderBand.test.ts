import { describe, expect, it } from 'vitest';
import { framingBox } from './box';
import { BAND_SHARE, finderBand, wholeInput } from './finderBand';

describe('the band of the finder input a picture fills', () => {
  it('reads a 4:3 or wider picture in the middle three quarters of the rows', () => {
    // 640×480 letterboxed into 256²: the picture fills rows 32…224.
    expect(finderBand(640, 480, framingBox(640, 480, null, 1), 256)).toEqual({ top: 32, left: 0, rows: 192, cols: 256 });
    // 1600×900 fills rows 56…200: the same band, 192 rows (a multiple of 32) holding all of it.
    expect(finderBand(1600, 900, framingBox(1600, 900, null, 1), 256)).toEqual({ top: 32, left: 0, rows: 192, cols: 256 });
  });

  it('reads a portrait picture in the middle columns', () => {
    expect(finderBand(300, 400, framingBox(300, 400, null, 1), 256)).toEqual({ top: 0, left: 32, rows: 256, cols: 192 });
  });

  it('reads the whole input where the picture is narrower than 4:3, and for a tile inside the picture', () => {
    expect(finderBand(500, 400, framingBox(500, 400, null, 1), 256)).toEqual(wholeInput(256));
    expect(finderBand(256, 256, framingBox(256, 256, null, 1), 256)).toEqual(wholeInput(256));
    expect(finderBand(1600, 900, { x: 400, y: 100, side: 405 }, 256)).toEqual(wholeInput(256));
  });

  it('keeps the narrow band a multiple of 32, as MoveNet graphs take', () => {
    expect((256 * BAND_SHARE) % 32).toBe(0);
  });
});
