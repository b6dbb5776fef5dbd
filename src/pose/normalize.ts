import type { Normalization } from '../cpm/architecture';

/** RGBA (or RGB) pixels -> the network's HWC float input, in the member's channel order, scale and offset. */
export function normalizePixels(
  pixels: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  n: Normalization,
): Float32Array {
  const stride = pixels.length / (width * height);
  const order = n.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const out = new Float32Array(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    for (let c = 0; c < 3; c += 1) out[i * 3 + c] = pixels[i * stride + order[c]] * n.scale + n.offset;
  }
  return out;
}
