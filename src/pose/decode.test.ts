import { describe, expect, it } from 'vitest';
import { cellCentre, decodePeaks, refineOffset } from './decode';

function gaussianMaps(grid: number, channels: number, peaks: [number, number][], stride: number): Float32Array {
  const maps = new Float32Array(grid * grid * channels);
  const sigma = 1.5 * stride;
  peaks.forEach(([px, py], c) => {
    for (let y = 0; y < grid; y += 1) {
      for (let x = 0; x < grid; x += 1) {
        const d2 = (cellCentre(x, stride) - px) ** 2 + (cellCentre(y, stride) - py) ** 2;
        maps[(y * grid + x) * channels + c] = Math.exp(-d2 / (2 * sigma * sigma));
      }
    }
  });
  return maps;
}

describe('decodePeaks', () => {
  it('finds each joint to within a pixel, between cells, in input pixels', () => {
    const peaks: [number, number][] = [
      [30, 50],
      [100.5, 12],
      [3.5, 110],
    ];
    const decoded = decodePeaks(gaussianMaps(16, 4, peaks, 8), 16, 4, 8, 3);
    decoded.forEach((p, i) => {
      expect(Math.abs(p.x - peaks[i][0])).toBeLessThan(1.2);
      expect(Math.abs(p.y - peaks[i][1])).toBeLessThan(1.2);
      expect(p.confidence).toBeGreaterThan(0.9);
    });
  });

  it('centres cell g at stride·g + (stride − 1)/2, as the paper does (3.5 + 8g)', () => {
    expect(cellCentre(0, 8)).toBe(3.5);
    expect(cellCentre(45, 8)).toBe(363.5);
  });

  it('leaves a peak on the map border unrefined (no neighbour beyond it)', () => {
    const [peak] = decodePeaks(gaussianMaps(16, 1, [[-1, 126]], 8), 16, 1, 8, 1);
    expect([peak.x, peak.y]).toEqual([3.5, 123.5]);
  });

  it('does not move a peak on a flat or rising neighbourhood', () => {
    expect(refineOffset(1, 1, 1)).toBeCloseTo(0);
    expect(refineOffset(0.5, 1, 0.5)).toBeCloseTo(0);
    expect(refineOffset(0.9, 1, 0.1)).toBeLessThan(0);
  });
});
