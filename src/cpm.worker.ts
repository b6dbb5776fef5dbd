/**
 * The module worker that owns tfjs: picks a backend, loads the model and the person finder into one estimator, warms
 * it up, and answers `estimate` requests with estimatePoses. Latest frame wins: a frame that arrives while two are
 * being read replaces any frame still waiting.
 */
import { fetchModel, httpSource } from './cpm/modelFile';
import { modelSummary } from './cpm/modelSummary';
import { networkFrom } from './cpm/network';
import { type Estimator, createEstimator } from './estimator/estimator';
import { type PersonFinder, loadPersonFinder } from './estimator/personFinder';
import type { EstimationProgress } from './estimator/types';
import { currentGpuDevice, selectBackend } from './worker/backend';
import { canvasPicture } from './worker/canvasPicture';
import { LatestFrameQueue } from './worker/latestFrame';
import { type BackendName, type EstimateRequest, type LoadRequest, type ModelRole, type WorkerToPage, isPageToWorker, transferables } from './worker/protocol';

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib, not the webworker lib, is in scope). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const estimators: Partial<Record<ModelRole, Estimator>> = {};
let backend: BackendName | null = null;

function post(message: WorkerToPage): void {
  scope.postMessage(message, transferables(message));
}

function watchDevice(): void {
  currentGpuDevice()?.lost.then((info) => {
    dropAll();
    post({ type: 'error', deviceLost: true, message: `the GPU device was lost (${info.reason ?? 'unknown'}): ${info.message}` });
  });
}

/** The person finder; without it the app still reads a box framed by hand. */
async function loadFinder(url: string): Promise<{ finder: PersonFinder | null; error: string | null }> {
  try {
    return { finder: await loadPersonFinder(httpSource(url)), error: null };
  } catch (error) {
    return { finder: null, error: `the person finder did not load (${(error as Error).message}): click on a person to frame them` };
  }
}

function dropAll(): void {
  for (const role of ['still', 'camera'] as const) {
    estimators[role]?.dispose();
    delete estimators[role];
  }
}

async function load(request: LoadRequest): Promise<void> {
  const { id, role } = request;
  estimators[role]?.dispose();
  delete estimators[role];
  try {
    if (role === 'still' || backend === null) {
      dropAll();
      const chosen = await selectBackend(request.exclude, request.backend ?? null);
      backend = chosen.backend;
      post({ type: 'progress', id, progress: { phase: 'backend', ...chosen } });
      watchDevice();
    }
    const model = await fetchModel(request.modelUrl, (fraction) => post({ type: 'progress', id, progress: { phase: 'download', fraction } }));
    const { finder, error: finderError } = await loadFinder(request.finderUrl);
    const loaded = createEstimator({ file: model.file, network: networkFrom(model) }, finder);
    post({ type: 'progress', id, progress: { phase: 'warmup', fraction: 0 } });
    const start = performance.now();
    try {
      await loaded.warmUp();
    } catch (error) {
      loaded.dispose();
      throw error;
    }
    const warmupMs = performance.now() - start;
    post({ type: 'progress', id, progress: { phase: 'warmup', fraction: 1 } });
    estimators[role] = loaded;
    if (request.devtools) {
      const { serveDevtools } = await import('./devtools/workerTools');
      serveDevtools(request.devtools, () => ({ estimator: estimators.still ?? null, backend: backend ?? 'cpu' }));
    }
    post({ type: 'result', id, request: 'load', loaded: { model: modelSummary(model.file), warmupMs, finderError } });
  } catch (error) {
    post({ type: 'error', id, message: `could not load the model: ${(error as Error).message}` });
  }
}

async function estimate(request: EstimateRequest): Promise<void> {
  const { id, bitmap, config } = request;
  try {
    // A video frame is read by the camera's model where one is loaded.
    const estimator = (config.mode === 'video' ? estimators.camera : undefined) ?? estimators.still;
    if (!estimator) throw new Error('the model is not loaded');
    // Only a still is waited for visibly; a video's frames follow one another.
    const onProgress = (progress: EstimationProgress): void => post({ type: 'progress', id, progress: { phase: 'estimating', progress } });
    const result = await estimator.estimatePoses(canvasPicture(bitmap), { ...config, onProgress: config.mode === 'still' ? onProgress : undefined });
    post({ type: 'result', id, request: 'estimate', estimate: result });
  } catch (error) {
    post({ type: 'error', id, message: `inference failed: ${(error as Error).message}` });
  } finally {
    bitmap.close();
  }
}

// Two frames in flight: the camera's next frame is cropped and queued on the GPU while this one's maps are read back.
const frames = new LatestFrameQueue<EstimateRequest>(
  estimate,
  (stale) => {
    stale.bitmap.close();
    post({ type: 'result', id: stale.id, request: 'estimate', estimate: null });
  },
  2,
);

scope.onmessage = (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isPageToWorker(message)) return;
  if (message.type === 'load') void load(message);
  else frames.push(message);
};
