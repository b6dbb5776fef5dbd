/**
 * The one zustand store: what the page shows, changed only through named actions. The actions change state; the app
 * modules (src/app) do the work they call for (open the camera, read a still) by watching it.
 */
import { create } from 'zustand';
import type { ModelEntry } from './cpm/modelIndex';
import type { ModelSummary } from './cpm/modelSummary';
import type { EstimationProgress, PersonPose, PoseEstimate } from './estimator/types';
import type { Point } from './pose/box';
import type { MapSelection } from './render/beliefImage';
import type { WeakStyle } from './render/skeleton';
import type { BackendChoice, Loaded, ModelRole, Progress, WireConfig } from './worker/protocol';

export type { ModelEntry };

/** The picture being read: a still image, or the latest video frame's size in camera mode. */
export type SourceKind = 'image' | 'camera';

export interface SourceImage {
  kind: SourceKind;
  name: string;
  /** Bitmap the worker sees (downscaled when the original is very large); null for the camera (the video plays). */
  bitmap: ImageBitmap | null;
  width: number;
  height: number;
  /** Original pixels per bitmap pixel (1 unless downscaled). */
  toOriginal: number;
}

/** The settings a user changes with the controls (setOption). */
export interface Options {
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
  /** Side of a box framed by hand, in units of the image's longer side. */
  boxSize: number;
  /** One Euro smoothing of camera keypoints. */
  smoothing: boolean;
  /** Draw the selected stage's receptive field around the selected joint's peak. */
  showField: boolean;
  /** Joints below the card's weakPeak: drawn hollow, or hidden. */
  weakStyle: WeakStyle;
}

/** Camera figures: results per second (smoothed), how long the shown result took from capture, per-stage times. */
export interface Rates {
  fps: number;
  latencyMs: number | null;
}

export interface AppState extends Options, Rates {
  models: ModelEntry[];
  /** The model of each role (stills; the camera's, which may be the same), and each one once loaded. */
  modelIds: Record<ModelRole, string | null>;
  loadedModels: Record<ModelRole, ModelSummary | null>;
  /** How long each role's first pass (shader compilation) took. */
  warmups: Record<ModelRole, number>;
  /** The model that reads the current source (the camera's while the camera runs), and its id. */
  modelId: string | null;
  download: number;
  warmingUp: boolean;
  backend: { name: BackendChoice['backend']; reason: string | null } | null;
  model: ModelSummary | null;
  /** How long the shown model's first pass (shader compilation) took. */
  warmupMs: number;
  /** Why the person finder is not available, or null when it is. */
  finderError: string | null;
  error: string | null;
  source: SourceImage | null;
  /** The camera asked for (its device, null: the default one), or null when it is off. */
  camera: { deviceId: string | null } | null;
  /** The cameras the browser lists, once one was opened. */
  cameras: MediaDeviceInfo[];
  /** A person framed by hand: the center map's position in source pixels, read besides the people found. */
  center: Point | null;
  /** The reading on screen and the config it was read with. */
  result: PoseEstimate | null;
  resultConfig: WireConfig | null;
  /** Which of the result's people the panel shows: belief maps, keypoint table, center map. */
  selected: number;
  /** How far the still image's reading is while one runs (the previous result is dimmed meanwhile), else null. */
  estimating: EstimationProgress | null;
  /** The latest per-stage timings (camera frames are timed one in ten). */
  stageMs: number[];

  openImage(source: SourceImage): void;
  startCamera(deviceId: string | null): void;
  /** The camera opened: its video's size, and the cameras the browser lists now. */
  cameraOpened(width: number, height: number, cameras: MediaDeviceInfo[]): void;
  stopCamera(): void;
  /** Frames a person by hand around `center` (in a box of `boxSize`, when given), or removes that box (null). */
  frameByHand(center: Point | null, boxSize?: number): void;
  selectPerson(index: number): void;
  setOption<K extends keyof Options>(key: K, value: Options[K]): void;
  showError(message: string | null): void;
  listModels(models: ModelEntry[]): void;
  /** A model starts loading for a role (a still model restarts the worker: every model goes). */
  modelStarting(id: string, role: ModelRole): void;
  modelProgress(progress: Progress): void;
  modelReady(loaded: Loaded, role: ModelRole): void;
  setEstimating(progress: EstimationProgress | null): void;
  /** A reading to show, the config it was read with, and (camera) the rates. */
  showResult(result: PoseEstimate, config: WireConfig, rates?: Rates): void;
}

const NO_RESULT = { result: null, resultConfig: null, selected: 0, estimating: null } as const;

/** Closes the bitmap of a source being replaced. */
function released(previous: SourceImage | null, next: SourceImage | null): void {
  if (previous?.bitmap && previous.bitmap !== next?.bitmap) previous.bitmap.close();
}

export const useApp = create<AppState>((set, get) => ({
  models: [],
  modelIds: { still: null, camera: null },
  loadedModels: { still: null, camera: null },
  warmups: { still: 0, camera: 0 },
  modelId: null,
  download: 0,
  warmingUp: false,
  backend: null,
  model: null,
  warmupMs: 0,
  finderError: null,
  error: null,
  source: null,
  camera: null,
  cameras: [],
  center: null,
  stage: 1,
  selection: 'all',
  opacity: 0.6,
  showCenterMap: false,
  multiScale: false,
  flipTest: { image: true, camera: false },
  boxSize: 1,
  smoothing: true,
  showField: false,
  weakStyle: 'hollow',
  ...NO_RESULT,
  fps: 0,
  latencyMs: null,
  stageMs: [],

  openImage: (source) => {
    released(get().source, source);
    set({ source, camera: null, center: null, error: null, ...NO_RESULT });
    set(shownModel(get()));
  },
  startCamera: (deviceId) => {
    released(get().source, null);
    set({ camera: { deviceId }, source: null, center: null, error: null, fps: 0, latencyMs: null, ...NO_RESULT });
    set(shownModel(get()));
  },
  cameraOpened: (width, height, cameras) =>
    set({ source: { kind: 'camera', name: 'camera', bitmap: null, width, height, toOriginal: 1 }, cameras }),
  stopCamera: () => {
    if (!get().camera) return;
    set({ camera: null, source: null, center: null, fps: 0, latencyMs: null, ...NO_RESULT });
    set(shownModel(get()));
  },
  // The box framed by hand is read last: the next result selects it (clampSelected), and removing it selects the first.
  frameByHand: (center, boxSize) => set({ center, selected: center ? Number.MAX_SAFE_INTEGER : 0, ...(boxSize === undefined ? {} : { boxSize }) }),
  selectPerson: (index) => set({ selected: clampSelected(index, get().result?.people.length ?? 0) }),
  setOption: (key, value) => set({ [key]: value }),
  showError: (error) => set({ error }),
  modelStarting: (id, role) => {
    const { modelIds, loadedModels } = get();
    const fresh = role === 'still';
    set({
      modelIds: { ...modelIds, [role]: id },
      loadedModels: fresh ? { still: null, camera: null } : { ...loadedModels, camera: null },
      ...(fresh ? { backend: null } : {}),
      download: 0,
      warmingUp: false,
      ...NO_RESULT,
    });
    set(shownModel(get()));
  },
  modelProgress: (progress) => {
    if (progress.phase === 'backend') set({ backend: { name: progress.backend, reason: progress.reason } });
    else if (progress.phase === 'download') set({ download: progress.fraction });
    else if (progress.phase === 'warmup') set({ warmingUp: progress.fraction < 1 });
  },
  listModels: (models) => set({ models }),
  modelReady: ({ model, warmupMs, finderError }, role) => {
    set({ loadedModels: { ...get().loadedModels, [role]: model }, warmups: { ...get().warmups, [role]: warmupMs }, finderError, warmingUp: false, download: 1 });
    set(shownModel(get()));
  },
  setEstimating: (estimating) => set({ estimating }),
  showResult: (result, resultConfig, rates) =>
    set({
      result,
      resultConfig,
      selected: clampSelected(get().selected, result.people.length),
      stageMs: result.stagesTimed ? totalStageMs(result) : get().stageMs,
      ...rates,
    }),
}));

/**
 * The model that reads the current source: the camera's while the camera runs (the still model reads the camera when
 * both are the same one), the still model otherwise; with its stage and box size when it changes.
 */
function shownModel(state: AppState): Partial<AppState> {
  const role: ModelRole = state.camera ? 'camera' : 'still';
  const same = state.modelIds.camera === null || state.modelIds.camera === state.modelIds.still;
  const shown: ModelRole = same ? 'still' : role;
  const id = state.modelIds[shown];
  const model = state.loadedModels[shown];
  const warmupMs = state.warmups[shown];
  if (model === state.model && id === state.modelId && warmupMs === state.warmupMs) return {};
  return { model, modelId: id, warmupMs, ...(model && model !== state.model ? { stage: model.stages, boxSize: model.boxSize } : {}) };
}

/** The selection kept within a new result's people (0 when there are none). */
export function clampSelected(selected: number, count: number): number {
  return Math.max(0, Math.min(selected, count - 1));
}

/** The person the panel shows. */
export function selectedPerson(state: AppState): PersonPose | null {
  return state.result?.people[state.selected] ?? null;
}

/** Milliseconds per stage over every person of a result (each read in turn). */
export function totalStageMs(result: PoseEstimate): number[] {
  return result.people.reduce<number[]>((sums, p) => p.stageMs.map((ms, s) => ms + (sums[s] ?? 0)), []);
}
