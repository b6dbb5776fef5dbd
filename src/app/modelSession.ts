/**
 * The model session: one CPM worker, the model it runs, and its progress routed into the store. No React here.
 */
import { chooseModel } from '../cpm/modelIndex';
import { type ModelEntry, useApp } from '../store';
import { CpmClient } from '../worker/client';
import { BACKENDS, type BackendName } from '../worker/protocol';

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

function modelUrl(id: string): string {
  return new URL(`models/${id}/model.json`, document.baseURI).href;
}

/** `?backend=webgpu|webgl|wasm|cpu` in the address: that backend if it works, without the start-up speed check. */
function askedBackend(): BackendName | undefined {
  const asked = new URLSearchParams(location.search).get('backend');
  return BACKENDS.find((name) => name === asked);
}

/** `?devtools` in the address (tests, benchmarks): window.__cpmDebug, served by a worker module of its own. */
async function devtoolsPort(): Promise<MessagePort | undefined> {
  if (!new URLSearchParams(location.search).has('devtools')) return undefined;
  const channel = new MessageChannel();
  (await import('../devtools/pageTools')).installDevtools(channel.port1);
  return channel.port2;
}

export async function startModel(id: string, exclude: BackendName[] = []): Promise<void> {
  client?.terminate();
  const { modelStarting, modelProgress, modelReady, showError } = useApp.getState();
  const started = new CpmClient((message, deviceLost) => {
    showError(deviceLost ? `${message}. Restarted without WebGPU.` : message);
    if (deviceLost) void startModel(id, [...exclude, 'webgpu']);
  });
  client = started;
  modelStarting(id);
  try {
    const loaded = await started.load({
      modelUrl: modelUrl(id),
      finderUrl: new URL('models/person-finder/model.json', document.baseURI).href,
      exclude,
      backend: askedBackend(),
      devtools: await devtoolsPort(),
      onProgress: modelProgress,
    });
    if (client !== started) return;
    modelReady(loaded);
    readyListeners.forEach((listener) => listener());
  } catch (error) {
    if (client === started) showError((error as Error).message);
  }
}

/** Reads public/models/index.json and starts `?model=<id>`, else the default entry. */
export async function loadModels(): Promise<void> {
  let models: ModelEntry[] = [];
  try {
    const response = await fetch(new URL('models/index.json', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    models = (await response.json()) as ModelEntry[];
  } catch (error) {
    useApp.getState().showError(`could not read the model list: ${(error as Error).message}`);
  }
  useApp.getState().listModels(models);
  const id = chooseModel(models, new URLSearchParams(location.search).get('model'));
  if (id) await startModel(id);
}
