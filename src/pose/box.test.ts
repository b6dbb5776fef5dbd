import { describe, expect, it } from 'vitest';
import { bilinearCrop } from './bilinearCrop';
import { boxAround, drawRect, fitWithin, framingBox, imageToInput, inputToImage, zoomBox } from './box';
import { cellCentre, decodePeaks } from './decode';

describe('framingBox', () => {
  it('letterboxes the whole image by default: side = max(w, h), centred', () => {
    expect(framingBox(200, 100, null, 1)).toEqual({ x: 0, y: -50, side: 200 });
  });

  it('re-centres on a chosen centre and scales with the box size', () => {
    expect(framingBox(200, 100, { x: 40, y: 30 }, 0.5)).toEqual({ x: -10, y: -20, side: 100 });
  });

  it('zooms about the same centre (scale 1 is the box itself)', () => {
    const box = boxAround({ x: 40, y: 30 }, 100);
    expect(zoomBox(box, 2)).toEqual({ x: 15, y: 5, side: 50 });
    expect(zoomBox(box, 1)).toBe(box);
  });
});

describe('input ↔ image mapping', () => {
  const box = { x: -10, y: 20, side: 300 };

  it('is a round trip', () => {
    const p = inputToImage(box, 128, imageToInput(box, 128, { x: 77, y: 5 }));
    expect(p.x).toBeCloseTo(77, 10);
    expect(p.y).toBeCloseTo(5, 10);
  });

  it('maps input pixel S/2 to the box centre', () => {
    expect(inputToImage(box, 128, { x: 64, y: 64 })).toEqual({ x: 140, y: 170 });
  });

  it('places the image on the input canvas so that pixel centres follow the index map', () => {
    // k = 0.5: image pixel 0 (edges 0…1) must cover input centre u = (0 − 0)·0.5 = 0, i.e. edges −0.25…0.75.
    expect(drawRect({ x: 0, y: -50, side: 200 }, 100, 200, 100)).toEqual({ dx: 0.25, dy: 25.25, dw: 100, dh: 50 });
  });
});

/** An RGBA image whose red channel is the column index and green the row index. */
function ramp(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) rgba.set([x, y, 0, 255], (y * width + x) * 4);
  return rgba;
}

describe('one pixel convention: image → input → map cell → image', () => {
  // Odd and even image sizes, boxes larger and smaller than the input, odd and even input sizes.
  const cases = [
    { width: 133, height: 188, size: 256, stride: 8, box: framingBox(133, 188, null, 1.4) },
    { width: 200, height: 120, size: 256, stride: 8, box: framingBox(200, 120, { x: 61, y: 44 }, 0.9) },
    { width: 97, height: 64, size: 368, stride: 8, box: boxAround({ x: 48.5, y: 30 }, 45) },
    { width: 64, height: 65, size: 65, stride: 5, box: boxAround({ x: 31, y: 33 }, 60) },
  ];

  it.each(cases)('the crop samples image point box.x + u·side/S at input pixel u ($width×$height into $size)', (c) => {
    const crop = bilinearCrop(ramp(c.width, c.height), c.width, c.height, c.box, c.size, 0);
    for (const [u, v] of [[Math.floor(c.size / 2), Math.floor(c.size / 2)], [Math.floor(c.size / 2) + 3, Math.floor(c.size / 2) - 5]]) {
      const p = inputToImage(c.box, c.size, { x: u, y: v });
      expect(Math.abs(crop[(v * c.size + u) * 3] - p.x)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(crop[(v * c.size + u) * 3 + 1] - p.y)).toBeLessThanOrEqual(0.5);
    }
  });

  it.each(cases)('a belief map peaked on an image point decodes back within 0.5 px ($width×$height into $size)', (c) => {
    const grid = Math.ceil(c.size / c.stride);
    const { box } = c;
    for (const [fx, fy] of [[0.5, 0.5], [0.31, 0.62], [0.8, 0.2], [0.123, 0.877]]) {
      const point = { x: box.x + fx * box.side, y: box.y + fy * box.side };
      const input = imageToInput(box, c.size, point);
      // A training target (training/cpm_train/data/targets.label_maps): a Gaussian of one cell over the cell centres.
      const sigma = c.stride;
      const maps = new Float32Array(grid * grid);
      for (let gy = 0; gy < grid; gy += 1) {
        for (let gx = 0; gx < grid; gx += 1) {
          const d2 = (cellCentre(gx, c.stride) - input.x) ** 2 + (cellCentre(gy, c.stride) - input.y) ** 2;
          maps[gy * grid + gx] = Math.exp(-d2 / (2 * sigma * sigma));
        }
      }
      const back = inputToImage(box, c.size, decodePeaks(maps, grid, 1, c.stride, 1)[0]);
      expect(Math.abs(back.x - point.x)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(back.y - point.y)).toBeLessThanOrEqual(0.5);
    }
  });

});

describe('fitWithin', () => {
  it('downscales a 12000×12000 image to the limit and leaves small ones alone', () => {
    expect(fitWithin(12000, 12000, 2048)).toEqual({ width: 2048, height: 2048 });
    expect(fitWithin(12000, 6000, 2048)).toEqual({ width: 2048, height: 1024 });
    expect(fitWithin(300, 200, 2048)).toEqual({ width: 300, height: 200 });
  });
});
