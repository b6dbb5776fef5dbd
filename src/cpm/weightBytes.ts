import type * as tf from '@tensorflow/tfjs';

/** Bytes a weights-manifest entry takes in its shard (quantised entries at their stored width). */
export function weightBytes(entry: tf.io.WeightsManifestEntry): number {
  const count = entry.shape.reduce((a, b) => a * b, 1);
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  return count * (dtype === 'float16' || dtype === 'uint16' ? 2 : dtype === 'uint8' ? 1 : 4);
}
