import { type MapLayout, stageSlice } from '../pose/keypoints';
import { viridis } from './colormap';

/** Which map to show: one joint (0-based), the max over all joints, or the background map. */
export type MapSelection = number | 'all' | 'background';

/** One g×g plane of the chosen map (row-major) from a g×g×channels HWC stage. */
export function selectPlane(stage: Float32Array, grid: number, channels: number, joints: number, selection: MapSelection): Float32Array {
  const out = new Float32Array(grid * grid);
  for (let i = 0; i < grid * grid; i += 1) {
    const o = i * channels;
    if (selection === 'all') {
      let best = -Infinity;
      for (let c = 0; c < joints; c += 1) best = Math.max(best, stage[o + c]);
      out[i] = best;
    } else {
      out[i] = stage[o + (selection === 'background' ? channels - 1 : selection)];
    }
  }
  return out;
}

export interface BeliefImage {
  /** g×g RGBA, ready for new ImageData(rgba, g, g). */
  rgba: Uint8ClampedArray;
  /** The values mapped to the two ends of the colour map (shown on the legend). */
  min: number;
  max: number;
}

/**
 * Colour-maps a plane. The range is [min(0, plane min), max(1, plane max)] so that a trained model's beliefs (≈ 0…1)
 * keep one fixed scale across stages, while an untrained model's arbitrary values still show.
 */
export function beliefImage(plane: Float32Array): BeliefImage {
  let min = 0;
  let max = 1;
  for (const v of plane) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const rgba = new Uint8ClampedArray(plane.length * 4);
  const span = max - min;
  plane.forEach((v, i) => {
    const [r, g, b] = viridis((v - min) / span);
    rgba.set([r, g, b, 255], i * 4);
  });
  return { rgba, min, max };
}

/** The belief image both canvases show: stage `stage`'s chosen map, colour-mapped (maps: every stage, HWC each). */
export function stageBeliefImage(
  maps: Float32Array,
  layout: MapLayout & { joints: string[] },
  stage: number,
  selection: MapSelection,
): BeliefImage {
  const plane = selectPlane(stageSlice(maps, layout, stage), layout.grid, layout.channels, layout.joints.length, selection);
  return beliefImage(plane);
}
