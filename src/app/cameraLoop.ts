/** The camera: a loop that reads the latest video frame, one frame in flight at a time, smoothing the skeletons. */
import { StageSmoother } from '../pose/oneEuro';
import type { StagePose } from '../pose/keypoints';
import type { ResultMessage } from '../worker/protocol';
import { totalStageMs, useApp } from '../store';
import { listCameras, openCamera, stopStream } from './camera';
import { currentClient } from './modelSession';
import { currentFrameOptions } from './reading';

interface CameraSession {
  stream: MediaStream;
  video: HTMLVideoElement;
  running: boolean;
  /** One smoother per reading, by rank: the finder lists people best first, so rank k is mostly one person. */
  smoothers: StageSmoother[];
}

let camera: CameraSession | null = null;

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function smoothed(session: CameraSession, result: ResultMessage): StagePose[][] {
  return result.readings.map((reading, k) => {
    session.smoothers[k] = session.smoothers[k] ?? new StageSmoother();
    return session.smoothers[k].smooth(reading.poses, result.timestamp, reading.box.side);
  });
}

async function cameraLoop(session: CameraSession): Promise<void> {
  let last = performance.now();
  let count = 0;
  while (session.running) {
    const { model, set } = useApp.getState();
    const client = currentClient();
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
      const result = await client.infer(await createImageBitmap(frame), currentFrameOptions(frame.width, frame.height), timeStages);
      if (!session.running || !result) {
        frame.close();
        continue;
      }
      const now = performance.now();
      const fps = 1000 / Math.max(1, now - last);
      last = now;
      const state = useApp.getState();
      if (state.source?.bitmap && state.source.bitmap !== frame) state.source.bitmap.close();
      set({
        source: { kind: 'camera', name: 'camera', bitmap: frame, width: frame.width, height: frame.height, toOriginal: 1 },
        result,
        selected: Math.min(state.selected, result.readings.length - 1),
        poses: state.smoothing ? smoothed(session, result) : result.readings.map((r) => r.poses),
        stageMs: result.stagesTimed ? totalStageMs(result) : state.stageMs,
        fps: state.fps ? state.fps * 0.8 + fps * 0.2 : fps,
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
    camera = { stream, video, running: true, smoothers: [] };
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
