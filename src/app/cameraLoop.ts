/**
 * The camera: a loop that reads the latest video frame, two frames in flight (the next one is sent while the worker
 * still reads this one, so the GPU does not wait for the page), tracking the people from frame to frame and smoothing
 * each one's skeleton. The canvas plays the video itself (PoseCanvas).
 */
import { StageSmoother } from '../pose/oneEuro';
import type { StagePose } from '../pose/keypoints';
import { MIN_FRAMING_JOINTS, PeopleTracker, REFIND_EVERY, type TrackPlan } from '../pose/tracker';
import type { CpmClient, FrameOptions } from '../worker/client';
import type { ResultMessage } from '../worker/protocol';
import { clampSelected, totalStageMs, useApp } from '../store';
import { listCameras, openCamera, stopStream } from './camera';
import { currentClient } from './modelSession';
import { currentFrameOptions } from './reading';

/** Frames sent to the worker and not yet answered. */
const IN_FLIGHT = 2;

interface CameraSession {
  stream: MediaStream;
  video: HTMLVideoElement;
  running: boolean;
  tracker: PeopleTracker | null;
  /** One smoother per tracked person, by their id. */
  smoothers: Map<number, StageSmoother>;
  /** When the last result came (for results per second), and the capture time of the one on screen. */
  lastResultAt: number;
  shownTimestamp: number;
}

let camera: CameraSession | null = null;

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function smoothed(session: CameraSession, result: ResultMessage, ids: number[]): StagePose[][] {
  return result.readings.map((reading, k) => {
    const smoother = session.smoothers.get(ids[k]) ?? new StageSmoother();
    session.smoothers.set(ids[k], smoother);
    return smoother.smooth(reading.poses, result.timestamp, reading.box.side);
  });
}

/** How one frame is read: where (the tracker's plan, null for a search) and whether its stages are timed. */
interface FrameRead {
  how: FrameOptions;
  timeStages: boolean;
  /** The tracker's plan; null when the finder searches or a clicked centre frames the person (`manual`). */
  plan: TrackPlan | null;
  manual: boolean;
}

/** Sends one frame, then tracks and shows its result (unless a newer frame's result is already on screen). */
async function readFrame(session: CameraSession, tracker: PeopleTracker, client: CpmClient, frame: ImageBitmap, read: FrameRead): Promise<void> {
  const { set } = useApp.getState();
  try {
    const result = await client.infer(await createImageBitmap(frame), read.how, read.timeStages);
    if (!session.running || !result) {
      frame.close();
      return;
    }
    const ids = read.manual ? result.readings.map(() => 0) : tracker.update(result.readings, read.plan);
    // Two frames in flight may answer out of order (a search takes longer): never go back to an older frame.
    if (result.timestamp < session.shownTimestamp) {
      frame.close();
      return;
    }
    session.shownTimestamp = result.timestamp;
    const now = performance.now();
    const rate = 1000 / Math.max(1, now - session.lastResultAt);
    session.lastResultAt = now;
    const state = useApp.getState();
    if (state.source?.bitmap && state.source.bitmap !== frame) state.source.bitmap.close();
    set({
      source: { kind: 'camera', name: 'camera', bitmap: frame, width: frame.width, height: frame.height, toOriginal: 1 },
      result,
      selected: clampSelected(state.selected, result.readings.length),
      poses: state.smoothing ? smoothed(session, result, ids) : result.readings.map((r) => r.poses),
      stageMs: result.stagesTimed ? totalStageMs(result) : state.stageMs,
      fps: state.fps ? state.fps * 0.8 + rate * 0.2 : rate,
      latencyMs: now - result.timestamp,
    });
  } catch (error) {
    frame.close();
    set({ error: (error as Error).message });
    await nextAnimationFrame();
  }
}

async function cameraLoop(session: CameraSession): Promise<void> {
  let count = 0;
  const inFlight: Promise<void>[] = [];
  while (session.running) {
    const { model, center } = useApp.getState();
    const client = currentClient();
    if (!client || !model || session.video.readyState < 2) {
      await nextAnimationFrame();
      continue;
    }
    session.tracker ??= new PeopleTracker({ refindEvery: REFIND_EVERY, minPeak: model.weakPeak, minJoints: MIN_FRAMING_JOINTS });
    const frame = await createImageBitmap(session.video);
    // Per-stage timing costs a GPU round trip per stage: measure it on one frame in ten.
    const timeStages = count % 10 === 0;
    count += 1;
    const manual = center !== null;
    const plan = manual ? null : session.tracker.next();
    const how = currentFrameOptions('camera', model, frame.width, frame.height, plan?.people);
    inFlight.push(readFrame(session, session.tracker, client, frame, { how, timeStages, plan, manual }));
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
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
    // The preview plays from the start; results are drawn over it as they come.
    setSource({ kind: 'camera', name: 'camera', bitmap: null, width: video.videoWidth, height: video.videoHeight, toOriginal: 1 });
    set({ fps: 0, latencyMs: null });
    camera = { stream, video, running: true, tracker: null, smoothers: new Map(), lastResultAt: performance.now(), shownTimestamp: -Infinity };
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

/** The live video the canvas plays, while the camera runs. */
export function cameraVideo(): HTMLVideoElement | null {
  return camera?.video ?? null;
}
