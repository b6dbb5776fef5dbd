/**
 * Every message between the page and the CPM worker, both ways: `load` and `estimate` requests, answered by `result`
 * or `error`, with `progress` meanwhile. Plain data only; frames and maps travel as transferables. The page never
 * imports tfjs: everything it needs about the model is in ModelSummary. Devtools (tests, benchmarks) talk over a
 * port of their own (src/devtools), not through these messages.
 */
import type { ModelSummary } from '../cpm/modelSummary';
import type { EstimationConfig, EstimationProgress, PoseEstimate } from '../estimator/types';

/** The tfjs backends the worker can run on, in the order it prefers them (the speed check may pick a later one). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

// ---- page → worker ----

/** Which pictures a model reads: stills, or the camera's video frames (a lighter model may read those). */
export type ModelRole = 'still' | 'camera';

/**
 * Loads a model for a role. The first load (a still's) picks the backend; a camera model loads beside it, on the same
 * backend, and reads the video frames (the still model reads them while no camera model is loaded).
 */
export interface LoadRequest {
  type: 'load';
  id: number;
  role: ModelRole;
  modelUrl: string;
  /** The person finder's model.json (public/models/person-finder). */
  finderUrl: string;
  /** Backends not to try (e.g. after the GPU device was lost). */
  exclude: BackendName[];
  /** A backend asked for in the address (?backend=), tried first and without the speed check. */
  backend?: BackendName;
  /** Devtools asked for (?devtools): the worker loads its devtools module and serves it on this port. */
  devtools?: MessagePort;
}

/** The estimator's config, less its callback (progress comes back as messages). */
export type WireConfig = Omit<EstimationConfig, 'onProgress'>;

export interface EstimateRequest {
  type: 'estimate';
  id: number;
  bitmap: ImageBitmap;
  config: WireConfig;
}

export type PageToWorker = LoadRequest | EstimateRequest;

// ---- worker → page ----

/** The backend picked, and why: why a preferred one was not used, what the speed check measured, or that it was asked for. */
export interface BackendChoice {
  backend: BackendName;
  reason: string | null;
}

/** How far a request is: loading (backend picked, download, warm-up) or estimating. */
export type Progress =
  | ({ phase: 'backend' } & BackendChoice)
  | { phase: 'download' | 'warmup'; fraction: number }
  | { phase: 'estimating'; progress: EstimationProgress };

export interface ProgressMessage {
  type: 'progress';
  id: number;
  progress: Progress;
}

export interface Loaded {
  model: ModelSummary;
  /** How long the first pass (shader compilation) took. */
  warmupMs: number;
  /** Why the person finder is not available (people are then framed by hand), or null when it is. */
  finderError: string | null;
}

/** A load's answer, or an estimate's: null when a newer frame replaced it before it ran (latest frame wins). */
export type ResultMessage = { type: 'result'; id: number } & ({ request: 'load'; loaded: Loaded } | { request: 'estimate'; estimate: PoseEstimate | null });

export interface ErrorMessage {
  type: 'error';
  message: string;
  /** The request that failed; absent when nothing was asked (e.g. the GPU device was lost). */
  id?: number;
  /** The GPU device was lost: the page restarts the worker without WebGPU. */
  deviceLost?: boolean;
}

export type WorkerToPage = ProgressMessage | ResultMessage | ErrorMessage;

// Every type tag, once: a Record over the union's tags must name each of them, and no other.
const PAGE_TYPES: Record<PageToWorker['type'], true> = { load: true, estimate: true };
const WORKER_TYPES: Record<WorkerToPage['type'], true> = { progress: true, result: true, error: true };

function hasType(data: unknown, types: Record<string, true>): boolean {
  return typeof data === 'object' && data !== null && Object.hasOwn(types, String((data as { type?: unknown }).type));
}

export function isPageToWorker(data: unknown): data is PageToWorker {
  return hasType(data, PAGE_TYPES);
}

export function isWorkerToPage(data: unknown): data is WorkerToPage {
  return hasType(data, WORKER_TYPES);
}

/** The transferables of a message, so that no big buffer is copied. */
export function transferables(message: PageToWorker | WorkerToPage): Transferable[] {
  if (message.type === 'estimate') return [message.bitmap];
  if (message.type === 'load') return message.devtools ? [message.devtools] : [];
  if (message.type !== 'result' || message.request !== 'estimate' || !message.estimate) return [];
  return message.estimate.people.flatMap((p) => [p.maps.buffer as ArrayBuffer, p.centerMap.buffer as ArrayBuffer]);
}
