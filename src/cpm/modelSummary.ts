/** What the page knows of a loaded model: its card, its shape and its stages' receptive fields (no tfjs). */
import { NUM_MAPS, gridSize, parameterCount, receptiveFields } from './architecture';
import { type CpmModelFile, boxSizeOf } from './modelFile';

export interface ModelSummary {
  id: string;
  name: string;
  member: string;
  trained: boolean;
  heldOutPck: number | null;
  /** The person box the model reads best by default, in units of the image's larger side. */
  boxSize: number;
  /** The crop around a person the model reads, in units of the person's size (its evalCropScale). */
  cropScale: number;
  /** Stage-T peak below which a joint is weak (drawn hollow), from the model card; 0 when the card has none. */
  weakPeak: number;
  notes: string;
  joints: string[];
  background: string;
  edges: [number, number][];
  inputSize: number;
  stride: number;
  grid: number;
  /** Maps per stage: joints + background. */
  channels: number;
  stages: number;
  /** Each stage's receptive field, input pixels (the paper's argument: it grows stage by stage). */
  receptiveFields: number[];
  /** Parameters of the feature layers and stages, without a backbone's. */
  parameters: number;
  /** The backbone graph's source (e.g. movenet-thunder) and whether this project fine-tuned it; null without one. */
  backbone: { source: string; fineTuned: boolean } | null;
}

export function modelSummary(file: CpmModelFile): ModelSummary {
  const spec = file.cpm.architecture;
  return {
    id: file.cpm.id,
    name: file.cpm.name,
    member: file.cpm.member,
    trained: file.cpm.trained,
    heldOutPck: file.cpm.heldOutPck,
    boxSize: boxSizeOf(file.cpm),
    cropScale: spec.evalCropScale,
    weakPeak: file.cpm.weakPeak ?? 0,
    notes: file.cpm.notes,
    joints: file.cpm.joints,
    background: file.cpm.background,
    edges: file.cpm.edges,
    inputSize: spec.inputSize,
    stride: spec.stride,
    grid: gridSize(spec),
    channels: NUM_MAPS,
    stages: spec.stages,
    receptiveFields: receptiveFields(spec),
    parameters: parameterCount(spec),
    backbone: spec.backbone ? { source: spec.backbone.source, fineTuned: file.cpm.backboneFineTuned ?? false } : null,
  };
}
