import { describe, expect, it } from 'vitest';
import { fieldRect, fieldText } from './field';

describe('receptive field on the overlay', () => {
  const box = { x: 100, y: 50, side: 512 };

  it("is the field's square around the joint, scaled from input pixels to the picture", () => {
    expect(fieldRect({ x: 300, y: 300 }, 107, box, 256, 1000, 1000)).toEqual({ x: 193, y: 193, width: 214, height: 214 });
  });

  it('is clipped to the crop and the picture where the field is larger than both (later stages)', () => {
    expect(fieldRect({ x: 300, y: 300 }, 1095, box, 256, 400, 1000)).toEqual({ x: 100, y: 50, width: 300, height: 512 });
  });

  it('says in words how much of the crop a stage sees', () => {
    expect(fieldText(1, 107, 256)).toBe('stage 1 sees 107 px of the 256 px crop');
    expect(fieldText(2, 300, 256)).toBe('stage 2 sees 300 px: as wide as the crop');
    expect(fieldText(3, 1095, 256)).toBe('stage 3 sees 1095 px: all of the crop, wherever the joint is');
  });
});
