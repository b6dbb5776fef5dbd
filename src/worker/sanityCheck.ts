/**
 * A tiny fixed convolution computed in plain JavaScript: the reference that a GPU backend must match before the app
 * trusts it (tfjs WebGPU results have diverged from other backends for some ops in past releases).
 */
export interface ConvCase {
  /** [h, w, cin], NHWC without the batch. */
  inputShape: [number, number, number];
  input: Float32Array;
  kernel: number;
  filters: number;
  dilation: number;
  /** HWIO. */
  weights: Float32Array;
  bias: Float32Array;
}

export function sanityCase(): ConvCase {
  const inputShape: [number, number, number] = [9, 7, 3];
  const kernel = 3;
  const filters = 4;
  const input = Float32Array.from({ length: 9 * 7 * 3 }, (_, i) => Math.sin(i * 0.37));
  const weights = Float32Array.from({ length: kernel * kernel * 3 * filters }, (_, i) => Math.cos(i * 0.11) * 0.3);
  const bias = Float32Array.from({ length: filters }, (_, i) => (i - 1.5) * 0.1);
  return { inputShape, input, kernel, filters, dilation: 2, weights, bias };
}

/** conv2d, stride 1, TensorFlow SAME padding, dilation, bias, ReLU: the reference for the backend check. */
export function referenceConv2d(c: ConvCase): Float32Array {
  const [h, w, cin] = c.inputShape;
  const span = (c.kernel - 1) * c.dilation;
  const before = Math.floor(span / 2);
  const out = new Float32Array(h * w * c.filters);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      for (let f = 0; f < c.filters; f += 1) {
        let sum = c.bias[f];
        for (let ky = 0; ky < c.kernel; ky += 1) {
          const iy = y + ky * c.dilation - before;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < c.kernel; kx += 1) {
            const ix = x + kx * c.dilation - before;
            if (ix < 0 || ix >= w) continue;
            for (let ci = 0; ci < cin; ci += 1) {
              sum += c.input[(iy * w + ix) * cin + ci] * c.weights[((ky * c.kernel + kx) * cin + ci) * c.filters + f];
            }
          }
        }
        out[(y * w + x) * c.filters + f] = Math.max(0, sum);
      }
    }
  }
  return out;
}

/** HWC1 depthwise weights for the same case: the other convolution the CPM family uses (MobileNet features). */
export function depthwiseWeights(c: ConvCase): Float32Array {
  return Float32Array.from({ length: c.kernel * c.kernel * c.inputShape[2] }, (_, i) => Math.sin(i * 0.23 + 1) * 0.5);
}

/** Depthwise conv2d, stride 1, SAME padding, dilation, no bias, ReLU. */
export function referenceDepthwise(c: ConvCase, weights: Float32Array): Float32Array {
  const [h, w, cin] = c.inputShape;
  const before = Math.floor(((c.kernel - 1) * c.dilation) / 2);
  const out = new Float32Array(h * w * cin);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      for (let ci = 0; ci < cin; ci += 1) {
        let sum = 0;
        for (let ky = 0; ky < c.kernel; ky += 1) {
          const iy = y + ky * c.dilation - before;
          for (let kx = 0; kx < c.kernel; kx += 1) {
            const ix = x + kx * c.dilation - before;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            sum += c.input[(iy * w + ix) * cin + ci] * weights[(ky * c.kernel + kx) * cin + ci];
          }
        }
        out[(y * w + x) * cin + ci] = Math.max(0, sum);
      }
    }
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i += 1) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
