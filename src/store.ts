import { create } from 'zustand';
import type { ModelEntry } from './cpm/modelIndex';
import type { Point } from './pose/box';
import type { PersonEstimate } from './estimator/people';
import type { StagePose } from './pose/keypoints';
import type { MapSelection } from './render/beliefImage';
import type { BackendName, ModelSummary, ResultMessage } from './worker/protocol';

export type { ModelEntry };

/** The picture being read: a still image, or the latest video frame's size in camera mode. */
export interface SourceImage {
  kind: 'image' | 'camera';
  name: string;
  /** Bitmap the worker sees (downscaled when the original is very large). */
  bitmap: ImageBitmap | null;
  width: number;
  height: number;
  /** Original pixels per bitmap pixel (1 unless downscaled). */
  toOriginal: number;
}

export interface AppState {
  models: ModelEntry[];
  modelId: string | null;
  download: number;
  warmingUp: boolean;
  backend: { name: BackendName; reason: string | null } | null;
  model: ModelSummary | null;
  /** How long the first pass (shader compilation) took. */
  warmupMs: number;
  error: string | null;
  source: SourceImage | null;
  /** A person framed by hand: the center map's position in source pixels; null = read every person found. */
  center: Point | null;
  stage: number;
  selection: MapSelection;
  opacity: number;
  showCenterMap: boolean;
  multiScale: boolean;
  /** Flip testing: each frame is also read mirrored and the two readings averaged (two passes). */
  flipTest: boolean;
  /** Side of a box framed by hand (or of the whole-picture box when nobody is found), in units of the image's longer side. */
  boxSize: number;
  result: ResultMessage | null;
  /** Which of the result's readings (people) the panel shows: belief maps, keypoint table, center map. */
  selected: number;
  /** Every reading's every stage's skeleton, in source-bitmap pixels (smoothed over time for the camera). */
  poses: StagePose[][] | null;
  /** Why the person finder is not available, or null when it is. */
  finderError: string | null;
  /** One Euro smoothing of camera keypoints. */
  smoothing: boolean;
  fps: number;
  /** The latest per-stage timings (camera frames are timed one in ten). */
  stageMs: number[];
  set: (patch: Partial<AppState>) => void;
  setSource: (source: SourceImage | null) => void;
}

export const useApp = create<AppState>((set) => ({
  models: [],
  modelId: null,
  download: 0,
  warmingUp: false,
  backend: null,
  model: null,
  warmupMs: 0,
  error: null,
  source: null,
  center: null,
  stage: 1,
  selection: 'all',
  opacity: 0.6,
  showCenterMap: false,
  multiScale: false,
  flipTest: true,
  boxSize: 1,
  result: null,
  selected: 0,
  poses: null,
  finderError: null,
  smoothing: true,
  fps: 0,
  stageMs: [],
  set: (patch) => set(patch),
  setSource: (source) =>
    set((state) => {
      if (state.source?.bitmap && state.source.bitmap !== source?.bitmap) state.source.bitmap.close();
      return { source, center: null, result: null, selected: 0, poses: null, error: null };
    }),
}));

/** The reading (person) the panel shows, and its skeletons. */
export function selectedReading(state: AppState): { reading: PersonEstimate; poses: StagePose[] } | null {
  const reading = state.result?.readings[state.selected];
  const poses = state.poses?.[state.selected];
  return reading && poses ? { reading, poses } : null;
}

/** Milliseconds per stage over every reading of a result (the people found, each read in turn). */
export function totalStageMs(result: ResultMessage): number[] {
  return result.readings.reduce<number[]>((sums, r) => r.stageMs.map((ms, s) => ms + (sums[s] ?? 0)), []);
}
