/** The paper averages its full-resolution center map over 9×9 windows with stride 8 (TF SAME, padding not counted). */
export const CENTER_POOL = 9;

function pooledGaussian1d(centre: number, size: number, stride: number, sigma: number): Float32Array {
  const grid = Math.ceil(size / stride);
  const padTotal = Math.max((grid - 1) * stride + CENTER_POOL - size, 0);
  const out = new Float32Array(grid);
  for (let g = 0; g < grid; g += 1) {
    const start = g * stride - Math.floor(padTotal / 2);
    let sum = 0;
    let count = 0;
    for (let i = start; i < start + CENTER_POOL; i += 1) {
      if (i < 0 || i >= size) continue;
      sum += Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
      count += 1;
    }
    out[g] = sum / count;
  }
  return out;
}

/**
 * The Gaussian center map that tells the CPM which person to read, at map resolution (g×g, row-major).
 * cx, cy are input pixels. The Gaussian is separable, so pooling each axis apart is exact.
 */
export function centerMap(inputSize: number, stride: number, cx: number, cy: number, sigma: number): Float32Array {
  const vx = pooledGaussian1d(cx, inputSize, stride, sigma);
  const vy = pooledGaussian1d(cy, inputSize, stride, sigma);
  const grid = vx.length;
  const out = new Float32Array(grid * grid);
  for (let y = 0; y < grid; y += 1) for (let x = 0; x < grid; x += 1) out[y * grid + x] = vy[y] * vx[x];
  return out;
}
