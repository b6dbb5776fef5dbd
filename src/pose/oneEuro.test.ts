import { describe, expect, it } from 'vitest';
import { OneEuroFilter, PointSmoother } from './oneEuro';

describe('One Euro filter', () => {
  it('passes the first sample through and damps jitter on a still signal', () => {
    const filter = new OneEuroFilter({ minCutOff: 1, beta: 0, derivativeCutOff: 1 });
    expect(filter.filter(10, 0)).toBe(10);
    const out: number[] = [];
    for (let i = 1; i <= 30; i += 1) out.push(filter.filter(10 + (i % 2 ? 1 : -1), i / 30));
    const spread = Math.max(...out.slice(10)) - Math.min(...out.slice(10));
    expect(spread).toBeLessThan(1);
  });

  it('follows a fast move closely when beta is large', () => {
    const slow = new OneEuroFilter({ minCutOff: 1, beta: 0, derivativeCutOff: 1 });
    const fast = new OneEuroFilter({ minCutOff: 1, beta: 300, derivativeCutOff: 1 });
    let s = 0;
    let f = 0;
    for (let i = 0; i <= 10; i += 1) {
      s = slow.filter(i * 0.1, i / 30);
      f = fast.filter(i * 0.1, i / 30);
    }
    expect(Math.abs(f - 1)).toBeLessThan(Math.abs(s - 1));
  });

  it('smooths each coordinate of each point apart and keeps other fields', () => {
    const smoother = new PointSmoother();
    const first = smoother.smooth([{ x: 10, y: 20, joint: 'neck' }], 0, 100);
    expect(first).toEqual([{ x: 10, y: 20, joint: 'neck' }]);
    const [next] = smoother.smooth([{ x: 12, y: 20, joint: 'neck' }], 33, 100);
    expect(next.joint).toBe('neck');
    expect(next.x).toBeGreaterThan(10);
    expect(next.x).toBeLessThanOrEqual(12);
    expect(next.y).toBeCloseTo(20, 10);
  });
});
