import { type Box, inputToImage } from './box';
import { type Peak, decodePeaks } from './decode';

export interface Keypoint {
  joint: string;
  /** Pixels of the bitmap that was read (the decoded picture, downscaled when very large; see SourceImage.toOriginal). */
  x: number;
  y: number;
  /** The joint's belief peak, clipped to 0…1 (a belief; the network's raw value may stray a little past it). */
  confidence: number;
  /** The raw peak value of the belief map. */
  peak: number;
}

export interface StagePose {
  stage: number;
  keypoints: Keypoint[];
}

/** Peaks in input pixels → keypoints in image pixels (times `toOriginal` when the image was downscaled). */
export function peaksToKeypoints(peaks: Peak[], joints: string[], box: Box, inputSize: number, toOriginal = 1): Keypoint[] {
  return peaks.map((peak, j) => {
    const p = inputToImage(box, inputSize, peak);
    return { joint: joints[j], x: p.x * toOriginal, y: p.y * toOriginal, confidence: Math.min(1, Math.max(0, peak.confidence)), peak: peak.confidence };
  });
}

export interface MapLayout {
  grid: number;
  channels: number;
  stride: number;
  inputSize: number;
}

/** One stage's g×g×channels slice of the all-stages buffer. */
export function stageSlice(maps: Float32Array, layout: MapLayout, stage: number): Float32Array {
  const size = layout.grid * layout.grid * layout.channels;
  return maps.subarray((stage - 1) * size, stage * size);
}

/** Decodes every stage: the skeleton each stage would report. */
export function decodeStages(
  maps: Float32Array,
  stages: number,
  layout: MapLayout,
  joints: string[],
  box: Box,
  toOriginal = 1,
): StagePose[] {
  const poses: StagePose[] = [];
  for (let stage = 1; stage <= stages; stage += 1) {
    const peaks = decodePeaks(stageSlice(maps, layout, stage), layout.grid, layout.channels, layout.stride, joints.length);
    poses.push({ stage, keypoints: peaksToKeypoints(peaks, joints, box, layout.inputSize, toOriginal) });
  }
  return poses;
}

/** Per joint: whether its peak is below the model card's `weakPeak` (a joint the network is unsure of). */
export function weakJoints(pose: StagePose, weakPeak: number): boolean[] {
  return pose.keypoints.map((k) => k.confidence < weakPeak);
}

/** One person in the keypoint JSON: what the finder saw, where the pose network read them, every stage. */
export interface PersonDocument {
  /** The person finder's score and box [x0, y0, x1, y1] (image pixels); null for a person framed by hand. */
  finderScore: number | null;
  finderBox: [number, number, number, number] | null;
  /** The box the pose network read, image pixels. */
  box: { x: number; y: number; side: number };
  /** The center-map position in image pixels. */
  center: { x: number; y: number };
  stages: StagePose[];
  /** Joints whose stage-T peak is below the model's weakPeak (drawn hollow: maybe hidden or out of the picture). */
  weakJoints: string[];
}

/** The keypoint JSON; `Config`: the settings the picture was read with (the estimator's), so a reading can be repeated. */
export interface PoseDocument<Config = unknown> {
  model: { id: string; name: string; trained: boolean };
  image: { name: string; width: number; height: number };
  config: Config;
  scales: number[];
  /** Flip-tested (maps averaged with the mirrored picture's). */
  flip: boolean;
  edges: [number, number][];
  /** The model card's weak-joint threshold (0: none is weak). */
  weakPeak: number;
  /** Every person read, best finder score first; `selected` indexes the one the panel showed. */
  people: PersonDocument[];
  selected: number;
  /** The selected person's center map position and stages (people[selected]'s). */
  center: { x: number; y: number };
  stages: StagePose[];
}

/** A person's reading in image pixels, `k` original pixels per bitmap pixel. */
export function personDocument(
  reading: { person: { score: number; x0: number; y0: number; x1: number; y1: number } | null; box: Box; center: { x: number; y: number } },
  stages: StagePose[],
  k: number,
  weakPeak: number,
): PersonDocument {
  const { box, center, person } = reading;
  const last = stages.at(-1);
  const weak = last ? weakJoints(last, weakPeak) : [];
  return {
    finderScore: person?.score ?? null,
    finderBox: person ? [person.x0 * k, person.y0 * k, person.x1 * k, person.y1 * k] : null,
    box: { x: box.x * k, y: box.y * k, side: box.side * k },
    center: { x: center.x * k, y: center.y * k },
    stages: stages.map((pose) => ({ ...pose, keypoints: pose.keypoints.map((p) => ({ ...p, x: p.x * k, y: p.y * k })) })),
    weakJoints: last ? last.keypoints.filter((_, j) => weak[j]).map((p) => p.joint) : [],
  };
}

export function poseDocument<Config>(doc: PoseDocument<Config>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
