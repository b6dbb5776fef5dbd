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
 * Beliefs a trained model gives stray a little past 0…1 (a few hundredths below 0, above 1): within this slack they
 * keep the fixed 0…1 scale, clipped to its ends, so the legend reads 0 and 1 and every stage shares one scale.
 */
const SLACK = 0.1;

/**
 * Colour-maps a plane. The range is 0…1 for a trained model's beliefs (values within SLACK of it are clipped), and
 * the plane's own range where it strays further (an untrained model's arbitrary values still show).
 */
export function beliefImage(plane: Float32Array): BeliefImage {
  let low = 0;
  let high = 1;
  for (const v of plane) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const min = low < -SLACK ? low : 0;
  const max = high > 1 + SLACK ? high : 1;
  const rgba = new Uint8ClampedArray(plane.length * 4);
  const span = max - min;
  plane.forEach((v, i) => {
    const [r, g, b] = viridis(Math.min(1, Math.max(0, (v - min) / span)));
    rgba.set([r, g, b, 255], i * 4);
  });
  return { rgba, min, max };
}

/** A legend end, two decimals (never "-0.00"). */
export function legendLabel(value: number): string {
  const text = value.toFixed(2);
  return Number(text) === 0 ? '0.00' : text;
}

/** Belief images already made, per maps buffer: both canvases show the same one, colour-mapped once per result. */
const made = new WeakMap<Float32Array, Map<string, BeliefImage>>();

/** The belief image both canvases show: stage `stage`'s chosen map, colour-mapped (maps: every stage, HWC each). */
export function stageBeliefImage(
  maps: Float32Array,
  layout: MapLayout & { joints: string[] },
  stage: number,
  selection: MapSelection,
): BeliefImage {
  const images = made.get(maps) ?? new Map<string, BeliefImage>();
  made.set(maps, images);
  const key = `${stage}:${selection}`;
  const cached = images.get(key);
  if (cached) return cached;
  const plane = selectPlane(stageSlice(maps, layout, stage), layout.grid, layout.channels, layout.joints.length, selection);
  const image = beliefImage(plane);
  images.set(key, image);
  return image;
}
