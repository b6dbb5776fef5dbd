/**
 * The camera: opened when the store asks for one (startCamera) and closed when it no longer does. A loop reads the
 * latest video frame and sends it when the last one is answered (IN_FLIGHT); the estimator tracks and smooths the
 * people in video mode. The canvas draws each result over the frame it was read from (CAMERA_DRAW), so that a
 * skeleton is never drawn where its person has already left.
 */
import type { PoseEstimate } from '../estimator/types';
import { type AppState, useApp } from '../store';
import type { CpmClient } from '../worker/client';
import { listCameras, openCamera, stopStream } from './camera';
import { CameraResults } from './cameraResults';
import { estimationConfig } from './config';
import { currentClient } from './modelSession';

/**
 * Frames sent to the worker and not yet answered. A second frame in flight gained nothing on SwiftShader's WebGL and
 * WebGPU (npm run bench -- --compare: 0.52× and 0.41× a Thunder frame against 0.44× and 0.39× one at a time) and
 * made WebAssembly's results 25 % more frequent but twice as late (a frame waits a whole reading before its own):
 * one at a time keeps a result's latency near one reading.
 */
const IN_FLIGHT = 1;

/**
 * What the canvas draws a camera result over: the frame it was read from (`read`: the video shown one reading
 * late, every skeleton on its person), or the newest frame (`newest`: the video as it plays, the skeletons one
 * reading behind it). `?camera-draw=newest` asks for the other; npm run bench -- --camera measures both.
 */
export type CameraDraw = 'read' | 'newest';
const CAMERA_DRAW: CameraDraw = new URLSearchParams(location.search).get('camera-draw') === 'newest' ? 'newest' : 'read';
/** Per-stage timing costs a GPU round trip per stage: one frame in this many is timed. */
const TIME_STAGES_EVERY = 10;

interface CameraSession {
  stream: MediaStream;
  video: HTMLVideoElement;
  running: boolean;
  /** The newest result (the canvas draws it), and the frame it was read from. */
  results: CameraResults<PoseEstimate>;
  frame: ImageBitmap | null;
  /** When the last result came, and the smoothed results per second. */
  lastResultAt: number;
  fps: number;
}

let camera: CameraSession | null = null;
/**
 * Whether to keep the frame each result was read from (drawn under it, or the devtools ask: snapshots and camera
 * records); otherwise a frame is handed to the worker as it is, with no copy.
 */
let keepFrames = CAMERA_DRAW === 'read';

export function keepReadFrames(): void {
  keepFrames = true;
}

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Sends one frame, then shows its result (unless a newer frame's result is already on screen): the canvas draws it
 * at once, and the panels hear of it a few times a second.
 */
async function estimateFrame(session: CameraSession, client: CpmClient, frame: ImageBitmap, timeStages: boolean): Promise<void> {
  const { showResult, showError } = useApp.getState();
  try {
    const config = { ...estimationConfig(useApp.getState(), 'camera', frame.width, frame.height), timeStages, timestamp: performance.now() };
    const result = await client.estimatePoses(keepFrames ? await createImageBitmap(frame) : frame, config);
    if (!session.running || !result || !session.results.offer(result)) {
      frame.close();
      return;
    }
    if (keepFrames) {
      session.frame?.close();
      session.frame = frame;
    }
    const now = performance.now();
    const rate = 1000 / Math.max(1, now - session.lastResultAt);
    session.lastResultAt = now;
    session.fps = session.fps ? session.fps * 0.8 + rate * 0.2 : rate;
    if (session.results.panelsDue(now)) showResult(result, config, { fps: session.fps, latencyMs: now - result.timestamp });
  } catch (error) {
    frame.close();
    if (session.running) showError((error as Error).message);
    await nextAnimationFrame();
  }
}

async function cameraLoop(session: CameraSession): Promise<void> {
  let count = 0;
  const inFlight: Promise<void>[] = [];
  while (session.running) {
    const client = currentClient();
    if (!client || !useApp.getState().model || session.video.readyState < 2) {
      await nextAnimationFrame();
      continue;
    }
    const frame = await createImageBitmap(session.video);
    inFlight.push(estimateFrame(session, client, frame, count % TIME_STAGES_EVERY === 0));
    count += 1;
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
  session.frame?.close();
}

function close(): void {
  if (!camera) return;
  camera.running = false;
  stopStream(camera.stream);
  camera = null;
}

async function open(asked: NonNullable<AppState['camera']>): Promise<void> {
  close();
  const { cameraOpened, showError, stopCamera } = useApp.getState();
  let stream: MediaStream | null = null;
  try {
    stream = await openCamera(asked.deviceId);
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    if (useApp.getState().camera !== asked) throw new Error('the camera was stopped while it started');
    camera = { stream, video, running: true, results: new CameraResults(), frame: null, lastResultAt: performance.now(), fps: 0 };
    // The preview plays from the start; results are drawn over it as they come.
    cameraOpened(video.videoWidth, video.videoHeight, await listCameras());
    void cameraLoop(camera);
  } catch (error) {
    stopStream(stream);
    if (useApp.getState().camera === asked) {
      showError((error as Error).message);
      stopCamera();
    }
  }
}

useApp.subscribe((state, previous) => {
  if (state.camera === previous.camera) return;
  if (state.camera) void open(state.camera);
  else close();
});

/** The live video the canvas plays, while the camera runs. */
export function cameraVideo(): HTMLVideoElement | null {
  return camera?.video ?? null;
}

/** The newest camera result: what the canvas draws on each display frame. */
export function newestCameraResult(): PoseEstimate | null {
  return camera?.results.latest() ?? null;
}

/** The frame the newest camera result was read from (the devtools' snapshot checks the skeleton against it). */
export function shownFrame(): ImageBitmap | null {
  return camera?.frame ?? null;
}

/**
 * What the canvas draws the newest result over (CAMERA_DRAW): its own frame, or the live video (also before the
 * first result, so that the preview plays from the start).
 */
export function cameraPicture(): { image: ImageBitmap | HTMLVideoElement; width: number; height: number } | null {
  if (!camera) return null;
  if (CAMERA_DRAW === 'read' && camera.frame) return { image: camera.frame, width: camera.frame.width, height: camera.frame.height };
  const { video } = camera;
  return video.readyState >= 2 ? { image: video, width: video.videoWidth, height: video.videoHeight } : null;
}
