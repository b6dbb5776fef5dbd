import { describe, expect, it } from 'vitest';
import { centerMap } from './centerMap';

describe('centerMap', () => {
  it('peaks at the cell whose pooling window is centred on the centre, symmetric around it', () => {
    const map = centerMap(368, 8, 180, 180, 21);
    expect(map.length).toBe(46 * 46);
    const peak = map.indexOf(Math.max(...map));
    expect([peak % 46, Math.floor(peak / 46)]).toEqual([22, 22]);
    expect(map[22 * 46 + 21]).toBeCloseTo(map[22 * 46 + 23], 6);
  });

  it('is the 9×9 average of the full-resolution Gaussian', () => {
    const size = 64;
    const sigma = 7;
    const map = centerMap(size, 8, 20, 37, sigma);
    let sum = 0;
    let count = 0;
    for (let y = 16; y <= 24; y += 1) {
      for (let x = 8; x <= 16; x += 1) {
        sum += Math.exp(-((x - 20) ** 2 + (y - 37) ** 2) / (2 * sigma * sigma));
        count += 1;
      }
    }
    expect(map[2 * 8 + 1]).toBeCloseTo(sum / count, 6);
  });
});
