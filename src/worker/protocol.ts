/**
 * Every message between the page and the CPM worker, both ways. Plain data only; big arrays and frames travel as
 * transferables. The page never imports tfjs: everything it needs about the model is in ModelSummary.
 */
import type { Box, Point } from '../pose/box';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface ModelSummary {
  id: string;
  name: string;
  member: string;
  trained: boolean;
  heldOutPck: number | null;
  /** The person box the model reads best by default, in units of the image's larger side. */
  boxSize: number;
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
  /** Parameters of the feature layers and stages, without a backbone's. */
  parameters: number;
  /** The backbone graph's source (e.g. movenet-thunder) and whether this project fine-tuned it; null without one. */
  backbone: { source: string; fineTuned: boolean } | null;
}

// ---- page → worker ----

export interface LoadRequest {
  type: 'load';
  modelUrl: string;
  /** Backends not to try (e.g. after the GPU device was lost). */
  exclude?: BackendName[];
}

export interface FrameRequest {
  type: 'frame';
  id: number;
  /** performance.now() when the frame was grabbed, carried back for FPS and smoothing. */
  timestamp: number;
  bitmap: ImageBitmap;
  /** Center-map position in bitmap pixels; null = the image centre. */
  center: Point | null;
  /** 1 for single-scale; e.g. [0.7, 1, 1.3] for multi-scale testing. */
  scales: number[];
  /** Flip testing: also read the mirrored crop and average its maps (left and right swapped back) with the plain ones. */
  flip: boolean;
  /**
   * Person box side as a multiple of the image's longer side (1 = the whole image letterboxed). CPM reads people at
   * the size it was trained on: a person filling the picture needs a box about the model's evalCropScale times larger.
   */
  boxSize: number;
  /** Read each stage back as it completes and time it (costs a GPU round trip per stage). */
  timeStages: boolean;
}

export interface MemoryRequest {
  type: 'memory';
}

/**
 * Runs the loaded network on a reference input and compares each stage with maps computed by an independent
 * implementation (the model's golden fixture, PyTorch).
 */
export interface VerifyFixtureRequest {
  type: 'verifyFixture';
  /** S×S×3 normalised HWC input. */
  input: Float32Array;
  /** Center-map position in input pixels. */
  center: Point;
  /** stages × g × g × channels. */
  expected: Float32Array;
}

/** Debug: destroys the GPU device, to exercise the device-lost path. */
export interface LoseDeviceRequest {
  type: 'loseDevice';
}

export type PageToWorker = LoadRequest | FrameRequest | MemoryRequest | VerifyFixtureRequest | LoseDeviceRequest;

// ---- worker → page ----

export interface ProgressMessage {
  type: 'progress';
  phase: 'download' | 'warmup';
  fraction: number;
}

export interface BackendMessage {
  type: 'backend';
  backend: BackendName;
  /** Why a preferred backend was not used; null when WebGPU runs. */
  reason: string | null;
}

export interface ReadyMessage {
  type: 'ready';
  model: ModelSummary;
  warmupMs: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  timestamp: number;
  /** Size of the bitmap the frame had (the coordinates' frame of reference). */
  width: number;
  height: number;
  /** The base box (scale 1); fused multi-scale maps are expressed in it. */
  box: Box;
  center: Point;
  scales: number[];
  /** Whether the maps are flip-tested (averaged with the mirrored crop's). */
  flip: boolean;
  /** stages × g × g × channels (HWC per stage), summed over scales. */
  maps: Float32Array;
  /** g × g center map of the base box. */
  centerMap: Float32Array;
  /** Milliseconds until each stage's maps were read back (summed over scales); all equal when not timed. */
  stageMs: number[];
  stagesTimed: boolean;
  totalMs: number;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
  /** The frame that failed, if any. */
  id?: number;
  /** True when the worker cannot run the model any more (the page should reload it). */
  fatal: boolean;
}

export interface MemoryMessage {
  type: 'memory';
  numTensors: number;
  numBytes: number;
  backend: BackendName;
}

export interface FixtureMessage {
  type: 'fixture';
  backend: BackendName;
  /** Max |browser − reference| per stage. */
  maxAbsDiff: number[];
}

/** A frame that was skipped because a newer one arrived first (latest frame wins). */
export interface DroppedMessage {
  type: 'dropped';
  id: number;
}

export interface DeviceLostMessage {
  type: 'deviceLost';
  message: string;
}

export type WorkerToPage =
  | ProgressMessage
  | BackendMessage
  | ReadyMessage
  | ResultMessage
  | ErrorMessage
  | MemoryMessage
  | FixtureMessage
  | DroppedMessage
  | DeviceLostMessage;

const PAGE_TYPES: ReadonlySet<string> = new Set(['load', 'frame', 'memory', 'verifyFixture', 'loseDevice']);
const WORKER_TYPES: ReadonlySet<string> = new Set([
  'progress',
  'backend',
  'ready',
  'result',
  'error',
  'memory',
  'fixture',
  'dropped',
  'deviceLost',
]);

function hasType(data: unknown, types: ReadonlySet<string>): boolean {
  return typeof data === 'object' && data !== null && types.has(String((data as { type?: unknown }).type));
}

export function isPageToWorker(data: unknown): data is PageToWorker {
  return hasType(data, PAGE_TYPES);
}

export function isWorkerToPage(data: unknown): data is WorkerToPage {
  return hasType(data, WORKER_TYPES);
}

/** The transferables of a message, so that no big buffer is copied. */
export function transferables(message: PageToWorker | WorkerToPage): Transferable[] {
  switch (message.type) {
    case 'frame':
      return [message.bitmap];
    case 'result':
      return [message.maps.buffer as ArrayBuffer, message.centerMap.buffer as ArrayBuffer];
    default:
      return [];
  }
}
