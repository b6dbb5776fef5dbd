import { type Box, imageToInput, inputToImage } from './box';
import { cellCentre } from './decode';

/** Maps of one scale: g×g×channels HWC, computed on its own box. */
export interface ScaleMaps {
  box: Box;
  maps: Float32Array;
}

/** Bilinear sample of channel c at fractional cell (u, v); 0 outside the grid (that scale saw nothing there). */
function sample(maps: Float32Array, grid: number, channels: number, c: number, u: number, v: number): number {
  if (u < -0.5 || v < -0.5 || u > grid - 0.5 || v > grid - 0.5) return 0;
  const cu = Math.max(0, Math.min(grid - 1, u));
  const cv = Math.max(0, Math.min(grid - 1, v));
  const x0 = Math.floor(cu);
  const y0 = Math.floor(cv);
  const x1 = Math.min(grid - 1, x0 + 1);
  const y1 = Math.min(grid - 1, y0 + 1);
  const fx = cu - x0;
  const fy = cv - y0;
  const at = (x: number, y: number): number => maps[(y * grid + x) * channels + c];
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

/**
 * Multi-scale testing (paper, section 3 / the release's applyModel): resample each scale's belief maps into the
 * base box's grid and combine them per joint. The paper sums; the average has the same peaks and keeps a belief
 * (and the confidence the app shows, and the weak-joint threshold it is compared with) in the 0…1 of one reading.
 */
export function fuseScales(
  scales: ScaleMaps[],
  base: Box,
  inputSize: number,
  stride: number,
  grid: number,
  channels: number,
): Float32Array {
  const out = new Float32Array(grid * grid * channels);
  for (const { box, maps } of scales) {
    for (let gy = 0; gy < grid; gy += 1) {
      for (let gx = 0; gx < grid; gx += 1) {
        const image = inputToImage(base, inputSize, { x: cellCentre(gx, stride), y: cellCentre(gy, stride) });
        const p = imageToInput(box, inputSize, image);
        const u = (p.x - (stride - 1) / 2) / stride;
        const v = (p.y - (stride - 1) / 2) / stride;
        const o = (gy * grid + gx) * channels;
        for (let c = 0; c < channels; c += 1) out[o + c] += sample(maps, grid, channels, c, u, v) / scales.length;
      }
    }
  }
  return out;
}

/** One reading's every stage (g×g×channels each) on its own box. */
export interface ScaleStages {
  box: Box;
  stages: Float32Array[];
}

/**
 * Multi-scale testing for every stage: each stage's maps fused into the base box (`fuseScales`); a single reading on
 * the base box itself is returned as it is.
 */
export function fuseScaleStages(
  readings: ScaleStages[],
  base: Box,
  inputSize: number,
  stride: number,
  grid: number,
  channels: number,
): Float32Array[] {
  const [first] = readings;
  const single = readings.length === 1 && first.box.side === base.side && first.box.x === base.x && first.box.y === base.y;
  if (single) return first.stages;
  return first.stages.map((_, s) =>
    fuseScales(
      readings.map(({ box, stages }) => ({ box, maps: stages[s] })),
      base,
      inputSize,
      stride,
      grid,
      channels,
    ),
  );
}
