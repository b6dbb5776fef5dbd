/**
 * Glue between the page's store and the CPM worker: loads the chosen model, sends frames (still image or camera,
 * one in flight at a time), and routes the worker's messages into the store. No React here.
 */
import type { Point } from '../pose/box';
import { type StagePose, decodeStages } from '../pose/keypoints';
import { PointSmoother } from '../pose/oneEuro';
import { chooseModel } from '../cpm/modelIndex';
import { MULTI_SCALES, type ModelEntry, useApp } from '../store';
import { CpmClient, type FrameOptions } from '../worker/client';
import type { BackendName, FixtureMessage, MemoryMessage, ResultMessage, WorkerToPage } from '../worker/protocol';
import { listCameras, openCamera, stopStream } from './camera';

let client: CpmClient | null = null;

function frameOptions(timeStages: boolean): FrameOptions {
  const { multiScale, flipTest, center, boxSize } = useApp.getState();
  return { center, scales: multiScale ? MULTI_SCALES : [1], flip: flipTest, boxSize, timeStages };
}

/** One smoother per stage, so that every stage's skeleton is smoothed on its own; reset when the camera starts. */
let smoothers: PointSmoother[] = [];

function decode(result: ResultMessage, smooth: boolean): StagePose[] | null {
  const { model } = useApp.getState();
  if (!model) return null;
  const poses = decodeStages(result.maps, model.stages, model, model.joints, result.box);
  if (!smooth) return poses;
  return poses.map((pose, s) => {
    smoothers[s] = smoothers[s] ?? new PointSmoother();
    return { ...pose, keypoints: smoothers[s].smooth(pose.keypoints, result.timestamp, result.box.side) };
  });
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
        stage: message.model.stages,
        boxSize: message.model.boxSize,
        warmingUp: false,
        download: 1,
      });
      void analyseImage();
      break;
    case 'error':
      set({ error: message.message });
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

export function startModel(id: string, exclude: BackendName[] = []): void {
  client?.terminate();
  client = new CpmClient(handle);
  useApp.getState().set({ modelId: id, model: null, backend: null, download: 0, warmingUp: false, result: null, poses: null });
  client.load(modelUrl(id), exclude);
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

/** Runs the model on the current still image (after a new image, a new centre, a multi-scale or flip toggle). */
export async function analyseImage(): Promise<void> {
  const { source, model, set } = useApp.getState();
  if (!client || !model || !source?.bitmap || source.kind !== 'image') return;
  try {
    const result = await client.infer(await createImageBitmap(source.bitmap), frameOptions(true));
    if (result && useApp.getState().source === source) set({ result, poses: decode(result, false), stageMs: result.stageMs });
  } catch (error) {
    set({ error: (error as Error).message });
  }
}

useApp.subscribe((state, previous) => {
  const changed =
    state.source !== previous.source ||
    state.center !== previous.center ||
    state.multiScale !== previous.multiScale ||
    state.flipTest !== previous.flipTest ||
    state.boxSize !== previous.boxSize;
  if (changed && state.source?.kind === 'image') void analyseImage();
});

// ---- camera ----

interface CameraSession {
  stream: MediaStream;
  video: HTMLVideoElement;
  running: boolean;
}

let camera: CameraSession | null = null;

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

async function cameraLoop(session: CameraSession): Promise<void> {
  let last = performance.now();
  let count = 0;
  while (session.running) {
    const { model, set } = useApp.getState();
    if (!client || !model || session.video.readyState < 2) {
      await nextAnimationFrame();
      continue;
    }
    const frame = await createImageBitmap(session.video);
    try {
      // One frame in flight at a time: the next frame is grabbed only when this one is done, so none go stale.
      // Per-stage timing costs a GPU round trip per stage: measure it on one frame in ten.
      const timeStages = count % 10 === 0;
      count += 1;
      const result = await client.infer(await createImageBitmap(frame), frameOptions(timeStages));
      if (!session.running || !result) {
        frame.close();
        continue;
      }
      const now = performance.now();
      const fps = 1000 / Math.max(1, now - last);
      last = now;
      const previous = useApp.getState().source;
      if (previous?.bitmap && previous.bitmap !== frame) previous.bitmap.close();
      set({
        source: { kind: 'camera', name: 'camera', bitmap: frame, width: frame.width, height: frame.height, toOriginal: 1 },
        result,
        poses: decode(result, useApp.getState().smoothing),
        stageMs: result.stagesTimed ? result.stageMs : useApp.getState().stageMs,
        fps: useApp.getState().fps ? useApp.getState().fps * 0.8 + fps * 0.2 : fps,
      });
    } catch (error) {
      frame.close();
      set({ error: (error as Error).message });
      await nextAnimationFrame();
    }
  }
}

export async function startCamera(deviceId: string | null): Promise<MediaDeviceInfo[]> {
  stopCamera();
  const { set, setSource } = useApp.getState();
  try {
    const stream = await openCamera(deviceId);
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    setSource(null);
    set({ fps: 0 });
    camera = { stream, video, running: true };
    smoothers = [];
    void cameraLoop(camera);
    return await listCameras();
  } catch (error) {
    set({ error: (error as Error).message });
    return [];
  }
}

export function stopCamera(): void {
  if (!camera) return;
  camera.running = false;
  stopStream(camera.stream);
  camera = null;
}

export function cameraRunning(): boolean {
  return camera !== null;
}

// ---- debugging and tests ----

export interface CpmDebug {
  memory(): Promise<MemoryMessage>;
  /** Sends n small synthetic frames through the normal frame path, one after another; returns mean per-stage ms. */
  runFrames(n: number, timeStages: boolean): Promise<number[]>;
  verify(input: number[], center: Point, expected: number[]): Promise<FixtureMessage>;
  loseDevice(): void;
}

async function runFrames(n: number, timeStages: boolean): Promise<number[]> {
  const canvas = new OffscreenCanvas(64, 48);
  const ctx = canvas.getContext('2d');
  const sums: number[] = [];
  for (let i = 0; i < n; i += 1) {
    if (!client) throw new Error('no model');
    if (ctx) {
      ctx.fillStyle = `hsl(${(i * 7) % 360} 60% 50%)`;
      ctx.fillRect(0, 0, 64, 48);
    }
    const result = await client.infer(await createImageBitmap(canvas), { center: null, scales: [1], flip: false, boxSize: 1, timeStages });
    result?.stageMs.forEach((ms, s) => (sums[s] = (sums[s] ?? 0) + ms));
  }
  return sums.map((sum) => sum / n);
}

export const debugApi: CpmDebug = {
  memory: () => (client ? client.memory() : Promise.reject(new Error('no model'))),
  runFrames,
  verify: (input, center, expected) =>
    client ? client.verify(Float32Array.from(input), center, Float32Array.from(expected)) : Promise.reject(new Error('no model')),
  loseDevice: () => client?.loseDevice(),
};
