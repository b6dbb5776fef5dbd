/**
 * The model session: one CPM worker, the model it runs, and its progress routed into the store. No React here.
 */
import { chooseModel } from '../cpm/modelIndex';
import { type ModelEntry, useApp } from '../store';
import { CpmClient } from '../worker/client';
import { BACKENDS, type BackendName, type ModelRole, type Progress } from '../worker/protocol';

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

/** With `?devtools` (tests, benchmarks), a port for each new worker's devtools (main.tsx provides it). */
let devtoolsPort: (() => MessagePort) | null = null;

export function provideDevtools(port: () => MessagePort): void {
  devtoolsPort = port;
}

function progressOf(role: ModelRole): (progress: Progress) => void {
  const { modelProgress } = useApp.getState();
  // A camera model loads on the backend the still model picked: only its download and warm-up are news.
  return (progress) => (role === 'still' || progress.phase !== 'backend' ? modelProgress(progress) : undefined);
}

/**
 * Starts a fresh worker with model `id` for still images (it picks the backend); every model of the last worker goes,
 * and the camera's is loaded again when the camera runs.
 */
export async function startModel(id: string, exclude: BackendName[] = []): Promise<void> {
  client?.terminate();
  const { modelStarting, modelReady, showError } = useApp.getState();
  const started = new CpmClient((message, deviceLost) => {
    showError(deviceLost ? `${message}. Restarted without WebGPU.` : message);
    if (deviceLost) void startModel(id, [...exclude, 'webgpu']);
  });
  client = started;
  modelStarting(id, 'still');
  try {
    const loaded = await started.load({
      role: 'still',
      modelUrl: modelUrl(id),
      finderUrl: finderUrl(),
      exclude,
      backend: askedBackend(),
      devtools: devtoolsPort?.(),
      onProgress: progressOf('still'),
    });
    if (client !== started) return;
    modelReady(loaded, 'still');
    readyListeners.forEach((listener) => listener());
    void ensureCameraModel();
  } catch (error) {
    if (client === started) showError((error as Error).message);
  }
}

/** Model `id` for the camera's frames (loaded now if the camera runs, else when it starts). */
export async function startCameraModel(id: string): Promise<void> {
  useApp.getState().modelStarting(id, 'camera');
  await ensureCameraModel();
}

/** The camera model being loaded, so that it is asked for once. */
let loading: string | null = null;

/** While the camera runs, loads its model beside the still one where it is another model and not loaded yet. */
async function ensureCameraModel(): Promise<void> {
  const { camera, modelIds, loadedModels, modelReady, showError } = useApp.getState();
  const id = modelIds.camera;
  const current = client;
  if (!camera || !current || !id || id === modelIds.still || loadedModels.camera || !loadedModels.still || loading === id) return;
  loading = id;
  try {
    const loaded = await current.load({ role: 'camera', modelUrl: modelUrl(id), finderUrl: finderUrl(), exclude: [], onProgress: progressOf('camera') });
    if (client === current && useApp.getState().modelIds.camera === id) modelReady(loaded, 'camera');
  } catch (error) {
    if (client === current) showError((error as Error).message);
  } finally {
    loading = null;
  }
}

useApp.subscribe((state, previous) => {
  if (state.camera && !previous.camera) void ensureCameraModel();
});

function finderUrl(): string {
  return new URL('models/person-finder/model.json', document.baseURI).href;
}

/**
 * Reads public/models/index.json and starts `?model=<id>` (else the default entry) for stills; the camera's model is
 * `?camera-model=<id>`, else the entry marked camera, else the same.
 */
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
  const query = new URLSearchParams(location.search);
  const id = chooseModel(models, query.get('model'));
  const cameraId = chooseModel(models, query.get('camera-model') ?? query.get('model'), true);
  if (cameraId) void startCameraModel(cameraId);
  if (id) await startModel(id);
}
