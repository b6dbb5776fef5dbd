import { describe, expect, it } from 'vitest';
import { beliefImage, legendLabel, selectPlane } from './beliefImage';
import { legendPixels, viridis } from './colormap';
import { centerMapPixels, containedPoint, mapRect } from './layers';
import { type DrawingContext, drawSkeleton, limbColour } from './skeleton';

describe('colour map', () => {
  it('runs from viridis purple to yellow and clamps', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(Number.NaN)).toEqual(viridis(0));
  });

  it('draws a legend strip from low to high', () => {
    const strip = legendPixels(3);
    expect(Array.from(strip.slice(0, 4))).toEqual([68, 1, 84, 255]);
    expect(Array.from(strip.slice(8, 12))).toEqual([253, 231, 37, 255]);
  });
});

describe('belief maps', () => {
  // 2×2 grid, 3 channels (2 joints + background).
  const stage = Float32Array.from([0.1, 0.9, 0.0, 0.5, 0.2, 0.3, 0.0, 0.0, 1.0, 0.7, 0.1, 0.2]);

  it('selects one joint, the max over joints, or the background', () => {
    expect(Array.from(selectPlane(stage, 2, 3, 2, 1))).toEqual([0.9, 0.2, 0, 0.1].map(Math.fround));
    expect(Array.from(selectPlane(stage, 2, 3, 2, 'all'))).toEqual([0.9, 0.5, 0, 0.7].map(Math.fround));
    expect(Array.from(selectPlane(stage, 2, 3, 2, 'background'))).toEqual([0, 0.3, 1, 0.2].map(Math.fround));
  });

  it('keeps a fixed 0…1 scale for beliefs in range and widens it for others', () => {
    expect(beliefImage(Float32Array.from([0.2, 0.5]))).toMatchObject({ min: 0, max: 1 });
    const wide = beliefImage(Float32Array.from([-2, 3]));
    expect(wide).toMatchObject({ min: -2, max: 3 });
    expect(Array.from(wide.rgba.slice(0, 4))).toEqual([...viridis(0), 255]);
    expect(Array.from(wide.rgba.slice(4, 8))).toEqual([...viridis(1), 255]);
  });

  it("clips a trained model's small strays past 0…1 to the scale's ends, so the legend reads 0 and 1", () => {
    const image = beliefImage(Float32Array.from([-0.05, 1.06]));
    expect(image).toMatchObject({ min: 0, max: 1 });
    expect(Array.from(image.rgba.slice(0, 4))).toEqual([...viridis(0), 255]);
    expect(Array.from(image.rgba.slice(4, 8))).toEqual([...viridis(1), 255]);
    expect([-0.001, 0, 0.5, 1].map(legendLabel)).toEqual(['0.00', '0.00', '0.50', '1.00']);
  });

  it('places a map over its box and shows the center map as alpha', () => {
    // k = 100/128 image pixels per input pixel: cell 0's centre (input 3.5) is image pixel -5 + 3.5k, whose canvas
    // centre is half a pixel further; the drawn cell 0 spans [x, x + 8k], centred at x + 4k.
    const rect = mapRect({ x: -5, y: 10, side: 100 }, 16, 8, 128);
    const k = 100 / 128;
    expect(rect.side).toBeCloseTo(100, 10);
    expect(rect.x + 4 * k).toBeCloseTo(-5 + 3.5 * k + 0.5, 10);
    expect(rect.y + 4 * k).toBeCloseTo(10 + 3.5 * k + 0.5, 10);
    expect(Array.from(centerMapPixels(Float32Array.from([0.5, 1])))).toEqual([255, 0, 200, 128, 255, 0, 200, 255]);
  });
});

describe('containedPoint', () => {
  it('undoes object-fit: contain letterboxing', () => {
    // A 100×50 picture in a 200×200 box: scale 2, bands of 50 px above and below.
    // The click lands on the edge between picture pixels 49 and 50 (centres 49 and 50), at the top edge of row 0.
    expect(containedPoint({ x: 110, y: 60 }, { left: 10, top: 10, width: 200, height: 200 }, 100, 50)).toEqual({ x: 49.5, y: -0.5 });
  });
});

/** A drawing context that records its calls (paths' begin and move only when `paths`). */
function recordingContext(calls: string[], paths: boolean): DrawingContext {
  return {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    beginPath: () => paths && calls.push('begin'),
    moveTo: (x, y) => paths && calls.push(`move ${x},${y}`),
    lineTo: (x, y) => calls.push(`line ${x},${y}`),
    arc: (x, y) => calls.push(`arc ${x},${y}`),
    stroke: () => calls.push('stroke'),
    fill: () => calls.push('fill'),
    setLineDash: (segments) => calls.push(`dash ${segments.length}`),
  };
}

describe('skeleton', () => {
  it('colours limbs by side and draws every edge and joint', () => {
    const joints = ['head top', 'neck', 'right shoulder', 'left shoulder'];
    expect(limbColour(joints, 0, 1)).toBe('#ffffff');
    expect(limbColour(joints, 1, 2)).toBe('#ff5a36');
    expect(limbColour(joints, 1, 3)).toBe('#36a2ff');
    const calls: string[] = [];
    const ctx = recordingContext(calls, true);
    const points = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
      [1, 3],
    ];
    const strong = [false, false, false, false];
    drawSkeleton(ctx, points, edges, joints, { radius: 4, highlight: 2, weak: strong, weakStyle: 'hollow' });
    expect(calls.filter((c) => c === 'stroke')).toHaveLength(3);
    expect(calls.filter((c) => c === 'fill')).toHaveLength(4);
    expect(calls.filter((c) => c.startsWith('arc'))).toHaveLength(4);
    expect(calls).toContain('line 2,2');
    expect(calls).not.toContain('dash 2');
  });

  it('draws a weak joint hollow with dashed limbs, or leaves it and its limbs out', () => {
    const joints = ['head top', 'neck', 'right shoulder'];
    const calls: string[] = [];
    const ctx = recordingContext(calls, false);
    const points = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ];
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
    ];
    const weak = [false, false, true];
    drawSkeleton(ctx, points, edges, joints, { radius: 4, highlight: null, weak, weakStyle: 'hollow' });
    expect(calls).toEqual(['dash 0', 'line 1,1', 'stroke', 'dash 2', 'line 2,2', 'stroke', 'dash 0', 'arc 0,0', 'fill', 'arc 1,1', 'fill', 'arc 2,2', 'stroke']);
    calls.length = 0;
    drawSkeleton(ctx, points, edges, joints, { radius: 4, highlight: null, weak, weakStyle: 'hidden' });
    expect(calls).toEqual(['dash 0', 'line 1,1', 'stroke', 'dash 0', 'arc 0,0', 'fill', 'arc 1,1', 'fill']);
  });
});
