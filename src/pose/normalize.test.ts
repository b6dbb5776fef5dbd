import { describe, expect, it } from 'vitest';
import { normalizePixels } from './normalize';

describe('normalizePixels', () => {
  const rgba = new Uint8Array([255, 0, 128, 255]);

  it('scales RGB to [-1, 1] for the PoseNet-based member', () => {
    const out = normalizePixels(rgba, 1, 1, { channelOrder: 'RGB', scale: 2 / 255, offset: -1, padValue: 128 });
    expect(Array.from(out).map((v) => Number(v.toFixed(3)))).toEqual([1, -1, 0.004]);
  });

  it("swaps to BGR and scales x/256 − 0.5 for the paper's network", () => {
    const out = normalizePixels(rgba, 1, 1, { channelOrder: 'BGR', scale: 1 / 256, offset: -0.5, padValue: 128 });
    expect(Array.from(out)).toEqual([0, -0.5, 255 / 256 - 0.5]);
  });
});
