/** A joint found in a belief map: input-pixel position and the map's peak value. */
export interface Peak {
  x: number;
  y: number;
  confidence: number;
}

/** Vertex of the parabola through three samples, clipped to half a cell (0 where the samples are not a peak). */
export function refineOffset(left: number, centre: number, right: number): number {
  const curvature = left - 2 * centre + right;
  if (curvature >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
}

/** Input-pixel coordinate of map cell g: cell g covers pixels stride*g … stride*g+stride-1. */
export function cellCentre(g: number, stride: number): number {
  return g * stride + (stride - 1) / 2;
}

/**
 * Per-joint argmax with sub-cell refinement (not on the border, where one neighbour is missing). maps: g×g×channels, HWC (tfjs NHWC without the batch);
 * the first `joints` channels are decoded.
 */
export function decodePeaks(maps: Float32Array, grid: number, channels: number, stride: number, joints: number): Peak[] {
  const at = (x: number, y: number, c: number): number => maps[(y * grid + x) * channels + c];
  const inside = (g: number): boolean => g > 0 && g < grid - 1;
  const peaks: Peak[] = [];
  for (let c = 0; c < joints; c += 1) {
    let best = -Infinity;
    let bx = 0;
    let by = 0;
    for (let y = 0; y < grid; y += 1) {
      for (let x = 0; x < grid; x += 1) {
        const v = maps[(y * grid + x) * channels + c];
        if (v > best) {
          best = v;
          bx = x;
          by = y;
        }
      }
    }
    const dx = inside(bx) ? refineOffset(at(bx - 1, by, c), best, at(bx + 1, by, c)) : 0;
    const dy = inside(by) ? refineOffset(at(bx, by - 1, c), best, at(bx, by + 1, c)) : 0;
    peaks.push({ x: cellCentre(bx + dx, stride), y: cellCentre(by + dy, stride), confidence: best });
  }
  return peaks;
}
