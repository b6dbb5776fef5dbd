import { create } from 'zustand';
import type { ModelEntry } from './cpm/modelIndex';
import type { Point } from './pose/box';
import type { PersonEstimate, ReadingProgress } from './estimator/people';
import type { StagePose } from './pose/keypoints';
import type { MapSelection } from './render/beliefImage';
import type { WeakStyle } from './render/skeleton';
import type { BackendName, ModelSummary, ResultMessage } from './worker/protocol';

export type { ModelEntry };

/** The picture being read: a still image, or the latest video frame's size in camera mode. */
export type SourceKind = 'image' | 'camera';

export interface SourceImage {
  kind: SourceKind;
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
  /**
   * Flip testing, by source: each frame is also read mirrored and the two readings averaged (two passes). On for
   * still images, off for the camera (half the frame time for about half a point of PCK), unless the user says.
   */
  flipTest: Record<SourceKind, boolean>;
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
  /** Draw the selected stage's receptive field around the selected joint's peak. */
  showField: boolean;
  /** Joints below the card's weakPeak: drawn hollow, or hidden. */
  weakStyle: WeakStyle;
  /** How far the still image's reading is while one runs (the previous result is dimmed meanwhile), else null. */
  estimating: ReadingProgress | null;
  /** Camera: results per second (smoothed), and how long the shown result took from its frame's capture. */
  fps: number;
  latencyMs: number | null;
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
  flipTest: { image: true, camera: false },
  boxSize: 1,
  result: null,
  selected: 0,
  poses: null,
  finderError: null,
  smoothing: true,
  weakStyle: 'hollow',
  showField: false,
  estimating: null,
  fps: 0,
  latencyMs: null,
  stageMs: [],
  set: (patch) => set(patch),
  setSource: (source) =>
    set((state) => {
      if (state.source?.bitmap && state.source.bitmap !== source?.bitmap) state.source.bitmap.close();
      return { source, center: null, result: null, selected: 0, poses: null, error: null };
    }),
}));

/** The selection kept within a new result's people (0 when there are none). */
export function clampSelected(selected: number, count: number): number {
  return Math.max(0, Math.min(selected, count - 1));
}

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
