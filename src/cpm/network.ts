import * as tf from '@tensorflow/tfjs';
import { type LayerSpec, type MemberSpec, stageLayers } from './architecture';
import type { LoadedModel } from './modelFile';

type Activation = 'relu' | 'relu6' | 'linear';

function fusedActivation(layer: LayerSpec): Activation {
  return layer.activation === 'none' || layer.activation === undefined ? 'linear' : layer.activation;
}

/**
 * The CPM forward pass over tfjs ops, built from the member's layer list and a map of named weights
 * (`<layer>/kernel`, `<layer>/bias`, batch norm already folded). Padding is TensorFlow's SAME, as in training.
 */
export class CpmNetwork {
  /**
   * Stages 2..T's first kernels with a zero row added where their input ([beliefs, features, center map]) has an
   * odd number of channels, for WebGL: its packed im2col ran a 3×3 convolution over 33 channels in about 1.5× the
   * time it took over 34 (SwiftShader, 32×32 maps), while WebGPU's ran 34 channels slower than 33 (its vec4 path
   * wants a multiple of 4). The extra input channel is the center map again, so the zero row keeps the sum exact.
   */
  private readonly evenKernels = new Map<string, tf.Tensor4D>();

  constructor(
    readonly spec: MemberSpec,
    private readonly weights: tf.NamedTensorMap,
    private readonly backbone: tf.GraphModel<tf.io.IOHandlerSync> | null = null,
  ) {
    for (const layer of [...spec.features, ...this.allStageLayers()]) {
      if (!isPool(layer) && !(`${layer.name}/kernel` in weights)) {
        throw new Error(`model weights lack ${layer.name}/kernel`);
      }
    }
    if (spec.backbone && !backbone) throw new Error(`this member needs its backbone graph (${spec.backbone.graph})`);
    for (let stage = 2; stage <= spec.stages; stage += 1) {
      const first = stageLayers(spec, stage)[0].name;
      const kernel = weights[`${first}/kernel`] as tf.Tensor4D;
      if (kernel.shape[2] % 2 === 1) this.evenKernels.set(first, tf.pad(kernel, [[0, 0], [0, 0], [0, 1], [0, 0]]));
    }
  }

  private allStageLayers(): LayerSpec[] {
    const layers: LayerSpec[] = [];
    for (let stage = 1; stage <= this.spec.stages; stage += 1) layers.push(...stageLayers(this.spec, stage));
    return layers;
  }

  private layer(x: tf.Tensor4D, layer: LayerSpec, kernel = this.weights[`${layer.name}/kernel`] as tf.Tensor4D): tf.Tensor4D {
    const dilation = layer.dilation ?? 1;
    if (layer.op === 'maxPool') return tf.maxPool(x, layer.kernel, layer.stride, 'same');
    if (layer.op === 'avgPool') return tf.avgPool(x, layer.kernel, layer.stride, 'same');
    const args = {
      x,
      filter: kernel,
      strides: layer.stride,
      pad: 'same' as const,
      dilations: dilation,
      bias: this.weights[`${layer.name}/bias`],
      activation: fusedActivation(layer),
    };
    return layer.op === 'depthwiseConv' ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
  }

  /** The layers in turn over x; `firstKernel` stands in for the first layer's kernel. */
  private chain(x: tf.Tensor4D, layers: LayerSpec[], firstKernel?: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => layers.reduce((input, layer, i) => this.layer(input, layer, i === 0 ? firstKernel : undefined), x));
  }

  /**
   * The shared image features, [1, g, g, C]: the feature layers over the image, or over the backbone's output; and,
   * for a member whose stage 1 reads a shallower layer of the backbone (`backbone.local`), that layer.
   */
  features(image: tf.Tensor4D): { features: tf.Tensor4D; local: tf.Tensor4D | null } {
    const backbone = this.spec.backbone;
    if (!backbone || !this.backbone) return { features: this.chain(image, this.spec.features), local: null };
    const outputs = backbone.local ? [backbone.output, backbone.local.output] : [backbone.output];
    // GraphModel.execute gives a lone tensor, not an array, when one output is asked for.
    const result = this.backbone.execute({ [backbone.input]: image }, outputs) as tf.Tensor4D | tf.Tensor4D[];
    const [maps, local] = Array.isArray(result) ? result : [result];
    const features = this.chain(maps, this.spec.features);
    maps.dispose();
    return { features, local: local ?? null };
  }

  /**
   * image: [1,S,S,3] normalised; centerMap: [1,g,g,1]. Each stage's belief maps [1,g,g,15] are handed to onStage as
   * soon as they are computed (stage 1 from the features or the local layer, stage t from [beliefs t-1, features,
   * center map]).
   * Returns every stage's maps; the caller disposes them.
   */
  runStages(
    image: tf.Tensor4D,
    centerMap: tf.Tensor4D,
    onStage?: (stage: number, beliefs: tf.Tensor4D) => void,
  ): tf.Tensor4D[] {
    const { features, local } = this.features(image);
    const even = tf.getBackend() === 'webgl';
    const beliefs: tf.Tensor4D[] = [];
    for (let stage = 1; stage <= this.spec.stages; stage += 1) {
      const layers = stageLayers(this.spec, stage);
      const maps =
        stage === 1
          ? this.chain(local ?? features, layers)
          : tf.tidy((): tf.Tensor4D => {
              const previous = beliefs[stage - 2];
              const evenKernel = even ? this.evenKernels.get(layers[0].name) : undefined;
              const input = evenKernel ? [previous, features, centerMap, centerMap] : [previous, features, centerMap];
              const refinement = this.chain(tf.concat(input, 3), layers, evenKernel);
              return this.spec.residual ? tf.add<tf.Tensor4D>(previous, refinement) : refinement;
            });
      beliefs.push(maps);
      onStage?.(stage, maps);
    }
    features.dispose();
    local?.dispose();
    return beliefs;
  }

  dispose(): void {
    tf.dispose(this.weights);
    tf.dispose([...this.evenKernels.values()]);
    this.backbone?.dispose();
  }
}

function isPool(layer: LayerSpec): boolean {
  return layer.op === 'maxPool' || layer.op === 'avgPool';
}

/** The network for a loaded model file, its backbone graph (if the member has one) built from memory. */
export function networkFrom(model: LoadedModel): CpmNetwork {
  const backbone = model.backbone ? tf.loadGraphModelSync(model.backbone) : null;
  return new CpmNetwork(model.file.cpm.architecture, model.weights, backbone);
}
