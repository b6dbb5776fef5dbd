import { describe, expect, it } from 'vitest';
import { framingBox, zoomBox } from './box';
import { decodePeaks } from './decode';
import { fuseScaleStages, fuseScales } from './fuse';

const GRID = 16;
const CH = 2;
const STRIDE = 8;
const SIZE = 128;

/** One-hot maps: channel 0 peaks at cell (gx, gy). */
function peakAt(gx: number, gy: number): Float32Array {
  const maps = new Float32Array(GRID * GRID * CH);
  maps[(gy * GRID + gx) * CH] = 1;
  return maps;
}

describe('fuseScales', () => {
  it('is the identity for one scale-1 map', () => {
    const base = framingBox(256, 256, null, 1);
    const maps = peakAt(5, 9);
    const fused = fuseScales([{ box: base, maps }], base, SIZE, STRIDE, GRID, CH);
    fused.forEach((v, i) => expect(v).toBeCloseTo(maps[i], 6));
  });

  it('averages scales after resampling them into the base box, so the peaks of a point agree', () => {
    const base = framingBox(256, 256, null, 1);
    const zoomed = zoomBox(framingBox(256, 256, null, 1), 2);
    // Base cell 10 (input pixel 83.5) is image pixel 167, which the 2× box (x = 64, side 128) sees at cell 12.4.
    const fused = fuseScales(
      [
        { box: base, maps: peakAt(10, 10) },
        { box: zoomed, maps: peakAt(12, 12) },
      ],
      base,
      SIZE,
      STRIDE,
      GRID,
      CH,
    );
    const [peak] = decodePeaks(fused, GRID, CH, STRIDE, 1);
    // Both scales put their peak there (1, and about 0.3 after bilinear resampling in x and y): their mean, not sum.
    expect(peak.confidence).toBeGreaterThan(0.5);
    expect(peak.confidence).toBeLessThanOrEqual(1);
    expect(Math.round((peak.x - 3.5) / 8)).toBe(10);
    expect(Math.round((peak.y - 3.5) / 8)).toBe(10);
  });

  it('adds nothing where a zoomed-in scale did not see the image', () => {
    const base = framingBox(256, 256, null, 1);
    const zoomed = zoomBox(framingBox(256, 256, null, 1), 2);
    const ones = new Float32Array(GRID * GRID * CH).fill(1);
    const fused = fuseScales([{ box: zoomed, maps: ones }], base, SIZE, STRIDE, GRID, CH);
    expect(fused[0]).toBe(0);
    expect(fused[(8 * GRID + 8) * CH]).toBeCloseTo(1, 6);
  });
});

describe('fuseScaleStages', () => {
  it('returns a single reading on the base box as it is', () => {
    const base = framingBox(256, 256, null, 1);
    const stages = [peakAt(1, 2), peakAt(3, 4)];
    expect(fuseScaleStages([{ box: base, stages }], base, SIZE, STRIDE, GRID, CH)).toBe(stages);
  });

  it('fuses every stage of several readings, stage by stage', () => {
    const base = framingBox(256, 256, null, 1);
    const zoomed = zoomBox(framingBox(256, 256, null, 1), 2);
    const plain = [peakAt(10, 10), peakAt(4, 4)];
    const near = [peakAt(12, 12), peakAt(2, 2)];
    const fused = fuseScaleStages(
      [
        { box: base, stages: plain },
        { box: zoomed, stages: near },
      ],
      base,
      SIZE,
      STRIDE,
      GRID,
      CH,
    );
    expect(fused).toHaveLength(2);
    fused.forEach((stage, s) => {
      const expected = fuseScales(
        [
          { box: base, maps: plain[s] },
          { box: zoomed, maps: near[s] },
        ],
        base,
        SIZE,
        STRIDE,
        GRID,
        CH,
      );
      expect(Array.from(stage)).toEqual(Array.from(expected));
    });
    // Stage 2's own peak (the zoomed box does not see that cell), not stage 1's: half of one scale's 1.
    expect(fused[1][(4 * GRID + 4) * CH]).toBeCloseTo(0.5, 6);
  });
});
