import * as tf from '@tensorflow/tfjs';
import type { ConvCase } from './sanityCheck';

/**
 * The start-up check's two convolutions (dilated conv and dilated depthwise conv, the family's two ops) on the current
 * backend. Inputs are built afresh here: comparing through tensors migrated between backends is unreliable.
 */
export function sanityOutputs(c: ConvCase, depthwiseWeights: Float32Array): [tf.Tensor4D, tf.Tensor4D] {
  return tf.tidy(() => {
    const x = tf.tensor4d(c.input, [1, ...c.inputShape]);
    return [
      tf.fused.conv2d({
        x,
        filter: tf.tensor4d(c.weights, [c.kernel, c.kernel, c.inputShape[2], c.filters]),
        strides: 1,
        pad: 'same',
        dilations: c.dilation,
        bias: tf.tensor1d(c.bias),
        activation: 'relu',
      }),
      tf.fused.depthwiseConv2d({
        x,
        filter: tf.tensor4d(depthwiseWeights, [c.kernel, c.kernel, c.inputShape[2], 1]),
        strides: 1,
        pad: 'same',
        dilations: c.dilation,
        activation: 'relu',
      }),
    ];
  });
}
