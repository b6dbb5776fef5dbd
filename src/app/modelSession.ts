/**
 * The model session: one CPM worker, the model it runs, and its messages routed into the store. No React here.
 */
import { chooseModel } from '../cpm/modelIndex';
import { type ModelEntry, useApp } from '../store';
import { CpmClient } from '../worker/client';
import { BACKENDS, type BackendName, type WorkerToPage } from '../worker/protocol';

let client: CpmClient | null = null;
const readyListeners: (() => void)[] = [];

/** The running worker's handle, once a model was started. */
export function currentClient(): CpmClient | null {
  return client;
}

/** Called each time a model is ready (e.g. to read the picture on screen with it). */
export function onModelReady(listener: () => void): void {
  readyListeners.push(listener);
}

function handle(message: WorkerToPage): void {
  const { set } = useApp.getState();
  switch (message.type) {
    case 'progress':
      if (message.phase === 'download') set({ download: message.fraction });
      else set({ warmingUp: message.fraction < 1 });
      break;
    case 'backend':
      set({ backend: { name: message.backend, reason: message.reason } });
      break;
    case 'ready':
      set({
        model: message.model,
        warmupMs: message.warmupMs,
        finderError: message.finderError,
        stage: message.model.stages,
        boxSize: message.model.boxSize,
        warmingUp: false,
        download: 1,
      });
      readyListeners.forEach((listener) => listener());
      break;
    case 'error':
      set({ error: message.message });
      break;
    case 'estimating':
      // Only a still image waits visibly; camera frames follow one another.
      if (useApp.getState().estimating) set({ estimating: message.progress });
      break;
    case 'deviceLost':
      set({ error: `${message.message}. Restarted without WebGPU.` });
      startModel(useApp.getState().modelId ?? '', ['webgpu']);
      break;
    default:
      break;
  }
}

export function modelUrl(id: string): string {
  return new URL(`models/${id}/model.json`, document.baseURI).href;
}

/** `?backend=webgpu|webgl|wasm|cpu` in the address: that backend if it works, without the start-up speed check. */
function askedBackend(): BackendName | undefined {
  const asked = new URLSearchParams(location.search).get('backend');
  return BACKENDS.find((name) => name === asked);
}

export function startModel(id: string, exclude: BackendName[] = []): void {
  client?.terminate();
  client = new CpmClient(handle);
  useApp.getState().set({ modelId: id, model: null, backend: null, download: 0, warmingUp: false, result: null, selected: 0, poses: null });
  client.load(modelUrl(id), new URL('models/person-finder/model.json', document.baseURI).href, exclude, askedBackend());
}

/** Reads public/models/index.json and starts `?model=<id>`, else the default entry. */
export async function loadModels(): Promise<void> {
  const { set } = useApp.getState();
  let models: ModelEntry[] = [];
  try {
    const response = await fetch(new URL('models/index.json', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    models = (await response.json()) as ModelEntry[];
  } catch (error) {
    set({ error: `could not read the model list: ${(error as Error).message}` });
  }
  set({ models });
  const requested = new URLSearchParams(location.search).get('model');
  const id = chooseModel(models, requested);
  if (id) startModel(id);
}
