import { create } from 'zustand';
import type { ModelEntry } from './cpm/modelIndex';
import type { Point } from './pose/box';
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
  /** Center-map position in source pixels; null = the image centre. */
  center: Point | null;
  stage: number;
  selection: MapSelection;
  opacity: number;
  showCenterMap: boolean;
  multiScale: boolean;
  /** Flip testing: each frame is also read mirrored and the two readings averaged (two passes). */
  flipTest: boolean;
  /** Person box side in units of the image's longer side (1 = whole image letterboxed). */
  boxSize: number;
  result: ResultMessage | null;
  /** Every stage's skeleton decoded from `result`, in source-bitmap pixels (smoothed over time for the camera). */
  poses: StagePose[] | null;
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
  poses: null,
  smoothing: true,
  fps: 0,
  stageMs: [],
  set: (patch) => set(patch),
  setSource: (source) =>
    set((state) => {
      if (state.source?.bitmap && state.source.bitmap !== source?.bitmap) state.source.bitmap.close();
      return { source, center: null, result: null, poses: null, error: null };
    }),
}));
