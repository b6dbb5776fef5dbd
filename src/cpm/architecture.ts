import family from './architectures.json' with { type: 'json' };

/** One layer of the CPM family, as `architectures.json` states it (shared with training/). */
export interface LayerSpec {
  name: string;
  op: 'conv' | 'depthwiseConv' | 'maxPool' | 'avgPool';
  kernel: number;
  filters?: number;
  stride: number;
  dilation?: number;
  activation?: 'relu' | 'relu6' | 'none';
}

export interface Normalization {
  channelOrder: 'RGB' | 'BGR';
  scale: number;
  offset: number;
  padValue: number;
}

/**
 * A tfjs graph model (frozen or fine-tuned) ahead of the feature layers (MoveNet for cpm-movenet): the image goes in
 * as `input`, and `output` ([1, S/stride, S/stride, channels]) is what the feature layers read.
 */
export interface BackboneSpec {
  source: string;
  /** The graph's file, next to model.json. */
  graph: string;
  input: string;
  output: string;
  channels: number;
  stride: number;
  /** Receptive field of one output cell, in input pixels (computed from the graph by training/). */
  receptiveField: number;
  /** A shallower layer of the graph that stage 1 alone reads (local evidence, as the paper's stage 1). */
  local?: LocalTapSpec;
}

/** One more output of the backbone graph, at the maps' stride: what stage 1 reads instead of the features. */
export interface LocalTapSpec {
  output: string;
  channels: number;
  stride: number;
  receptiveField: number;
}

export interface MemberSpec {
  description: string;
  inputSize: number;
  stride: number;
  stages: number;
  normalization: Normalization;
  /** Center-map Gaussian sigma in input pixels (the paper: 21 at 368). */
  centerSigma: number;
  /** Label Gaussian sigma in map cells (training only). */
  labelSigma: number;
  /** Evaluation crop side in units of the person's larger bounding-box side. */
  evalCropScale: number;
  /** Range of training crop sides in the same units (training only; absent: the trainer's default). */
  trainCropScale?: [number, number];
  features: LayerSpec[];
  stage1: LayerSpec[];
  stageN: LayerSpec[];
  pretrained?: { source: string; through: string };
  backbone?: BackboneSpec;
  /** Stages 2..T add their output to the previous stage's maps (they learn a refinement). */
  residual?: boolean;
}

export interface Family {
  joints: string[];
  background: string;
  edges: [number, number][];
  flipPairs: [number, number][];
  members: Record<string, MemberSpec>;
}

/** JSON imports widen tuples to arrays; the shape is checked by architecture.test.ts against PyTorch's reading. */
export const FAMILY = family as unknown as Family;
/** 14 joints + background, background last (the CPM release's layout). */
export const NUM_JOINTS = FAMILY.joints.length;
export const NUM_MAPS = NUM_JOINTS + 1;

export function member(id: string): MemberSpec {
  const spec = FAMILY.members[id];
  if (!spec) throw new Error(`unknown CPM member ${id}`);
  return spec;
}

export function gridSize(spec: MemberSpec): number {
  return Math.ceil(spec.inputSize / spec.stride);
}

/** Layers of stage `stage` (1-based): stage 1 has its own list, later stages share a template. */
export function stageLayers(spec: MemberSpec, stage: number): LayerSpec[] {
  if (stage === 1) return spec.stage1;
  return spec.stageN.map((layer) => ({ ...layer, name: layer.name.replace('{t}', String(stage)) }));
}

export interface WeightShape {
  name: string;
  shape: number[];
}

function layerWeights(layers: LayerSpec[], inChannels: number): { shapes: WeightShape[]; channels: number } {
  const shapes: WeightShape[] = [];
  let channels = inChannels;
  for (const layer of layers) {
    if (layer.op === 'maxPool' || layer.op === 'avgPool') continue;
    if (layer.op === 'depthwiseConv') {
      shapes.push({ name: `${layer.name}/kernel`, shape: [layer.kernel, layer.kernel, channels, 1] });
    } else {
      const filters = layer.filters ?? 0;
      shapes.push({ name: `${layer.name}/kernel`, shape: [layer.kernel, layer.kernel, channels, filters] });
      channels = filters;
    }
    shapes.push({ name: `${layer.name}/bias`, shape: [channels] });
  }
  return { shapes, channels };
}

/** Every weight tensor of a member, in network order: kernels HWIO (depthwise H×W×C×1), then biases. */
export function weightShapes(spec: MemberSpec): WeightShape[] {
  const features = layerWeights(spec.features, spec.backbone?.channels ?? 3);
  const all = [...features.shapes];
  const firstChannels = spec.backbone?.local?.channels ?? features.channels;
  for (let stage = 1; stage <= spec.stages; stage += 1) {
    const inChannels = stage === 1 ? firstChannels : features.channels + NUM_MAPS + 1;
    all.push(...layerWeights(stageLayers(spec, stage), inChannels).shapes);
  }
  return all;
}

export function parameterCount(spec: MemberSpec): number {
  return weightShapes(spec).reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
}

function growField(layers: LayerSpec[], start: { field: number; jump: number }): { field: number; jump: number } {
  let { field, jump } = start;
  for (const layer of layers) {
    field += (layer.kernel - 1) * (layer.dilation ?? 1) * jump;
    jump *= layer.stride;
  }
  return { field, jump };
}

/** Receptive field of each stage's belief maps, in input pixels: each stage sees more than the last. */
export function receptiveFields(spec: MemberSpec): number[] {
  const features = growField(spec.features, {
    field: spec.backbone?.receptiveField ?? 1,
    jump: spec.backbone?.stride ?? 1,
  });
  const first = spec.backbone?.local?.receptiveField ?? features.field;
  const fields: number[] = [];
  for (let stage = 1; stage <= spec.stages; stage += 1) {
    const input = stage === 1 ? first : Math.max(features.field, fields[stage - 2]);
    fields.push(growField(stageLayers(spec, stage), { field: input, jump: features.jump }).field);
  }
  return fields;
}
