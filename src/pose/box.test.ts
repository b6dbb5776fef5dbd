import { describe, expect, it } from 'vitest';
import { drawRect, fitWithin, imageToInput, inputToImage, personBox } from './box';

describe('personBox', () => {
  it('letterboxes the whole image by default: side = max(w, h), centred', () => {
    expect(personBox(200, 100, null)).toEqual({ x: 0, y: -50, side: 200 });
  });

  it('re-centres on a chosen centre and shrinks with scale > 1', () => {
    expect(personBox(200, 100, { x: 40, y: 30 }, 2)).toEqual({ x: -10, y: -20, side: 100 });
  });
});

describe('input ↔ image mapping', () => {
  const box = { x: -10, y: 20, side: 300 };

  it('is a round trip', () => {
    const p = inputToImage(box, 128, imageToInput(box, 128, { x: 77, y: 5 }));
    expect(p.x).toBeCloseTo(77, 10);
    expect(p.y).toBeCloseTo(5, 10);
  });

  it('maps the input centre to the box centre', () => {
    expect(inputToImage(box, 128, { x: 64, y: 64 })).toEqual({ x: 140, y: 170 });
  });

  it('places the image on the input canvas', () => {
    expect(drawRect({ x: 0, y: -50, side: 200 }, 100, 200, 100)).toEqual({ dx: -0, dy: 25, dw: 100, dh: 50 });
  });
});

describe('fitWithin', () => {
  it('downscales a 12000×12000 image to the limit and leaves small ones alone', () => {
    expect(fitWithin(12000, 12000, 2048)).toEqual({ width: 2048, height: 2048 });
    expect(fitWithin(12000, 6000, 2048)).toEqual({ width: 2048, height: 1024 });
    expect(fitWithin(300, 200, 2048)).toEqual({ width: 300, height: 200 });
  });
});
