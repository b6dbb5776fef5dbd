/**
 * The camera: a loop that reads the latest video frame, one frame in flight at a time, tracking the people from
 * frame to frame and smoothing each one's skeleton. The canvas plays the video itself (PoseCanvas).
 */
import { StageSmoother } from '../pose/oneEuro';
import type { StagePose } from '../pose/keypoints';
import { PeopleTracker, REFIND_EVERY } from '../pose/tracker';
import type { ResultMessage } from '../worker/protocol';
import { clampSelected, totalStageMs, useApp } from '../store';
import { listCameras, openCamera, stopStream } from './camera';
import { currentClient } from './modelSession';
import { currentFrameOptions } from './reading';

/** A tracked person needs this many confident joints to frame their next box. */
const MIN_TRACK_JOINTS = 6;

interface CameraSession {
  stream: MediaStream;
  video: HTMLVideoElement;
  running: boolean;
  tracker: PeopleTracker | null;
  /** One smoother per tracked person, by their id. */
  smoothers: Map<number, StageSmoother>;
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

async function cameraLoop(session: CameraSession): Promise<void> {
  let last = performance.now();
  let count = 0;
  while (session.running) {
    const { model, set, center } = useApp.getState();
    const client = currentClient();
    if (!client || !model || session.video.readyState < 2) {
      await nextAnimationFrame();
      continue;
    }
    session.tracker ??= new PeopleTracker({ refindEvery: REFIND_EVERY, minPeak: model.weakPeak, minJoints: MIN_TRACK_JOINTS });
    const frame = await createImageBitmap(session.video);
    try {
      // One frame in flight at a time: the next frame is grabbed only when this one is done, so none go stale.
      // Per-stage timing costs a GPU round trip per stage: measure it on one frame in ten.
      const timeStages = count % 10 === 0;
      count += 1;
      const tracked = center ? null : session.tracker.next();
      const how = currentFrameOptions('camera', model, frame.width, frame.height, tracked ?? undefined);
      const result = await client.infer(await createImageBitmap(frame), how, timeStages);
      if (!session.running || !result) {
        frame.close();
        continue;
      }
      const ids = center ? result.readings.map(() => 0) : session.tracker.update(result.readings, tracked === null);
      const now = performance.now();
      const rate = 1000 / Math.max(1, now - last);
      last = now;
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
    camera = { stream, video, running: true, tracker: null, smoothers: new Map() };
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
