/**
 * Every message between the page and the CPM worker, both ways. Plain data only; big arrays and frames travel as
 * transferables. The page never imports tfjs: everything it needs about the model is in ModelSummary.
 */
import type { Framing, PictureReading, ReadingProgress } from '../estimator/people';
import type { Box, Point } from '../pose/box';
import type { KernelTable } from './kernelTimes';

/** The tfjs backends the worker can run on, in the order it prefers them (the speed check may pick a later one). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

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

// ---- page → worker ----

export interface LoadRequest {
  type: 'load';
  modelUrl: string;
  /** The person finder's model.json (public/models/person-finder). */
  finderUrl: string;
  /** Backends not to try (e.g. after the GPU device was lost). */
  exclude?: BackendName[];
  /** A backend asked for in the address (?backend=), tried first and without the speed check. */
  backend?: BackendName;
}

/** Every request that expects an answer carries an id; the answer (or an error) carries it back. */
interface Request {
  id: number;
}

export interface FrameRequest extends Request {
  type: 'frame';
  /** performance.now() when the frame was grabbed, carried back for FPS and smoothing. */
  timestamp: number;
  bitmap: ImageBitmap;
  /** Where to read: a box framed by hand, or every person the finder sees (estimator/people.ts). */
  framing: Framing;
  /** 1 for single-scale; e.g. [0.7, 1, 1.3] for multi-scale testing. */
  scales: number[];
  /** Flip testing: also read the mirrored crop and average its maps (left and right swapped back). */
  flip: boolean;
  /** Read each stage back as it completes and time it (costs a GPU round trip per stage). */
  timeStages: boolean;
}

export interface MemoryRequest extends Request {
  type: 'memory';
}

/**
 * Runs the loaded network on a reference input and compares each stage with maps computed by an independent
 * implementation (the model's golden fixture, PyTorch).
 */
export interface VerifyFixtureRequest extends Request {
  type: 'verifyFixture';
  /** S×S×3 normalised HWC input. */
  input: Float32Array;
  /** Center-map position in input pixels. */
  center: Point;
  /** stages × g × g × channels. */
  expected: Float32Array;
}

/** Debug: the network input the worker cuts for `box` of the bitmap (to compare with Node's crop). */
export interface CropRequest extends Request {
  type: 'crop';
  bitmap: ImageBitmap;
  box: Box;
}

/**
 * Benchmark: loads another tfjs graph model (a peer such as MoveNet, served by `npm run bench -- --compare`, never by
 * the app) on the worker's backend and times `frames` runs on a size×size int32 image, each read back.
 */
export interface BenchGraphRequest extends Request {
  type: 'benchGraph';
  url: string;
  size: number;
  frames: number;
}

/**
 * Benchmark: one run profiled kernel by kernel (tf.profile) after an untimed warm-up run: the loaded network's
 * reading of one S×S input (backbone and every stage, read back), the loaded person finder's graph as the app runs
 * it, or a peer graph model, each of the graphs on a size×size int32 image.
 */
export interface ProfileRequest extends Request {
  type: 'profile';
  target: 'reading' | 'finder' | { url: string; size: number };
}

/** Debug: destroys the GPU device, to exercise the device-lost path. */
export interface LoseDeviceRequest {
  type: 'loseDevice';
}

export type PageToWorker =
  | LoadRequest
  | FrameRequest
  | MemoryRequest
  | VerifyFixtureRequest
  | CropRequest
  | BenchGraphRequest
  | ProfileRequest
  | LoseDeviceRequest;

// ---- worker → page ----

export interface ProgressMessage {
  type: 'progress';
  phase: 'download' | 'warmup';
  fraction: number;
}

export interface BackendMessage {
  type: 'backend';
  backend: BackendName;
  /** Why this backend: why a preferred one was not used, what the start-up speed check measured, or that it was asked for. */
  reason: string | null;
}

export interface ReadyMessage {
  type: 'ready';
  model: ModelSummary;
  warmupMs: number;
  /** Why the person finder is not available (people are then framed by hand), or null when it is. */
  finderError: string | null;
}

export interface ResultMessage extends PictureReading {
  type: 'result';
  id: number;
  timestamp: number;
  /** Size of the bitmap the frame had (the coordinates' frame of reference). */
  width: number;
  height: number;
  scales: number[];
  /** Whether the maps are flip-tested (averaged with the mirrored crop's). */
  flip: boolean;
  stagesTimed: boolean;
  totalMs: number;
}

/**
 * How far the reading of a frame is, sent while it runs (for the page's busy state). It names the frame's id as
 * `frame`, not `id`: it is news about a request, not its answer.
 */
export interface EstimatingMessage {
  type: 'estimating';
  frame: number;
  progress: ReadingProgress;
}

/** A peer graph's mean milliseconds per frame (after one untimed warm-up run), on the worker's backend. */
export interface BenchGraphMessage {
  type: 'benchGraph';
  id: number;
  backend: BackendName;
  ms: number;
}

/** Where the profiled run's time went; wallMs is the whole run, page-independent (read back included). */
export interface ProfileMessage {
  type: 'profile';
  id: number;
  backend: BackendName;
  wallMs: number;
  kernels: KernelTable;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
  /** The request that failed, if any. */
  id?: number;
}

export interface MemoryMessage {
  type: 'memory';
  id: number;
  numTensors: number;
  numBytes: number;
  backend: BackendName;
}

export interface FixtureMessage {
  type: 'fixture';
  id: number;
  backend: BackendName;
  /** Max |browser − reference| per stage. */
  maxAbsDiff: number[];
}

export interface CropMessage {
  type: 'crop';
  id: number;
  /** S×S RGBA, row-major. */
  pixels: Uint8ClampedArray;
  size: number;
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
  | CropMessage
  | DroppedMessage
  | DeviceLostMessage
  | EstimatingMessage
  | BenchGraphMessage
  | ProfileMessage;

const PAGE_TYPES: ReadonlySet<string> = new Set(['load', 'frame', 'memory', 'verifyFixture', 'crop', 'benchGraph', 'profile', 'loseDevice']);
const WORKER_TYPES: ReadonlySet<string> = new Set([
  'progress',
  'backend',
  'ready',
  'result',
  'error',
  'memory',
  'fixture',
  'crop',
  'dropped',
  'deviceLost',
  'estimating',
  'benchGraph',
  'profile',
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
    case 'crop':
      return 'bitmap' in message ? [message.bitmap] : [message.pixels.buffer as ArrayBuffer];
    case 'result':
      return message.readings.flatMap((r) => [r.maps.buffer as ArrayBuffer, r.centerMap.buffer as ArrayBuffer]);
    default:
      return [];
  }
}
