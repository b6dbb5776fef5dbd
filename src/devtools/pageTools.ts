/**
 * window.__cpmDebug, installed only when the address says `?devtools` (tests and benchmarks): memory, synthetic frame
 * loops through the app's own estimate path, the fixture and crop checks, peer timing, profiles, device loss.
 */
import { cameraPicture, keepReadFrames, newestCameraResult, shownFrame } from '../app/cameraLoop';
import { currentClient } from '../app/modelSession';
import type { WireConfig } from '../worker/protocol';
import { type Box, type Point, framingBox } from '../pose/box';
import { readCode } from '../pose/frameCode';
import { cocoToCpm, movenetCrop, movenetKeypoints } from '../pose/movenet';
import { useApp } from '../store';
import type { CpmClient } from '../worker/client';
import type { CameraEntry, DevAnswers, DevMessage, DevReply, DevRequest, ProfileTarget } from './protocol';

type Answer<T extends DevRequest['type']> = DevAnswers[T];

/**
 * What a timed synthetic frame reads: one box (flip-tested or not), the person finder alone (`find`: the frame holds
 * nobody, so no one is read after it), or `people` persons given (read together, batched where the backend gains);
 * `inFlight` frames at once (2: as the camera sends them), one by default.
 */
export interface TimedFrame {
  flip: boolean;
  find: boolean;
  people?: number;
  inFlight?: number;
}

export interface CpmDebug {
  memory(): Promise<Answer<'memory'>>;
  /** Sends n small synthetic frames through the normal estimate path, one after another; returns mean per-stage ms. */
  runFrames(n: number, timeStages: boolean): Promise<number[]>;
  /** Mean milliseconds per synthetic frame, page to page (read back included). */
  timeFrames(n: number, how: TimedFrame): Promise<number>;
  /** A peer graph model's milliseconds per frame on the worker's backend (npm run bench -- --compare). */
  benchGraph(url: string, size: number, frames: number): Promise<number>;
  /** One reading of the loaded network (or a run of the person finder's graph, or of a peer graph) profiled kernel by kernel. */
  profile(target: ProfileTarget): Promise<Answer<'profile'>>;
  verify(input: number[], center: Point, expected: number[]): Promise<Answer<'verifyFixture'>>;
  /** The worker's network input (RGBA bytes, S×S) for `box` of the picture on screen. */
  crop(box: Box): Promise<{ size: number; pixels: number[] }>;
  /**
   * The result on screen, taken at one instant: the selected person's stage-T keypoints as drawn (bitmap pixels),
   * and the frame they were read from, letterboxed to S×S by the worker's crop (so a camera test can check the
   * skeleton against the very frame it came from).
   */
  snapshot(): Promise<{ width: number; height: number; keypoints: { joint: string; x: number; y: number }[]; frame: { size: number; pixels: number[] } }>;
  loseDevice(): void;
  /**
   * Watches the camera for `ms`: at each display frame that shows a new result, when it was drawn and captured, the
   * number of the video frame on screen and of the frame it was read from (the labelled video's code strip, read at
   * `scale` stream pixels per video pixel), and every person drawn (box, stage-T keypoints).
   */
  recordCamera(ms: number, scale: number): Promise<CameraEntry[]>;
  /**
   * The same record for a MoveNet SinglePose graph (`url`, a peer served beside the app) reading every frame of its
   * own camera stream as Google's examples do (each frame cropped around the last frame's answer), one frame in
   * flight; a pose is drawn where at least 6 of its keypoints score 0.3 or more (the examples' drawing threshold).
   */
  recordPeerCamera(url: string, ms: number, scale: number): Promise<CameraEntry[]>;
}

declare global {
  interface Window {
    __cpmDebug: CpmDebug;
  }
}

function client(): CpmClient {
  const current = currentClient();
  if (!current) throw new Error('no model');
  return current;
}

/** A synthetic frame: a flat colour that changes from frame to frame. */
async function syntheticFrame(width: number, height: number, i: number): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = `hsl(${(i * 7) % 360} 60% 50%)`;
    ctx.fillRect(0, 0, width, height);
  }
  return createImageBitmap(canvas);
}

/** MoveNet's examples draw a keypoint scoring at least this; a pose with fewer than MIN_DRAWN of them is not drawn. */
const PEER_DRAW_SCORE = 0.3;
const MIN_DRAWN = 6;

/** One box of a frame read, the finder not asked. */
const boxOnly = (box: Box, flip: boolean): WireConfig => ({ mode: 'still', handBox: box, people: [], flip });

/** Installs window.__cpmDebug over a new channel and returns the worker's end of it. */
export function installDevtools(): MessagePort {
  keepReadFrames();
  const { port1: port, port2 } = new MessageChannel();
  let nextId = 1;
  const waiting = new Map<number, (reply: DevReply) => void>();
  port.onmessage = (event: MessageEvent<DevReply>) => {
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  };
  const ask = <T extends DevRequest['type']>(request: Extract<DevRequest, { type: T }>, transfer: Transferable[] = []): Promise<Answer<T>> =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      waiting.set(id, (reply) => ('error' in reply ? reject(new Error(reply.error)) : resolve(reply.answer as Answer<T>)));
      port.postMessage({ ...request, id } as DevMessage, transfer);
    });

  const crop = async (bitmap: ImageBitmap, box: Box): Promise<{ size: number; pixels: number[] }> => {
    const copy = await createImageBitmap(bitmap);
    const answer = await ask({ type: 'crop', bitmap: copy, box }, [copy]);
    return { size: answer.size, pixels: Array.from(answer.pixels) };
  };

  const runFrames = async (n: number, timeStages: boolean): Promise<number[]> => {
    const sums: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const config = { ...boxOnly({ x: 0, y: -8, side: 64 }, false), timeStages };
      const result = await client().estimatePoses(await syntheticFrame(64, 48, i), config);
      result?.people[0]?.stageMs.forEach((ms, s) => (sums[s] = (sums[s] ?? 0) + ms));
    }
    return sums.map((sum) => sum / n);
  };

  const timeFrames = async (n: number, how: TimedFrame): Promise<number> => {
    // A video frame with nobody tracked asks the finder; a box read, or people given, only the pose network.
    const people = Array.from({ length: how.people ?? 0 }, (_, i) => ({ score: 1, x0: 40 * i, y0: 20, x1: 40 * i + 60, y1: 170, keypoints: [] }));
    const config: WireConfig = how.find
      ? { mode: 'video', flip: how.flip, smooth: false }
      : how.people
        ? { mode: 'video', flip: how.flip, smooth: false, people }
        : boxOnly({ x: 0, y: -32, side: 256 }, how.flip);
    const frame = async (i: number): Promise<void> => {
      await client().estimatePoses(await syntheticFrame(256, 192, i), config);
    };
    // The first frame warms up this path's shaders; it is not counted.
    await frame(0);
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 1; i <= n; i += 1) {
      inFlight.push(frame(i));
      if (inFlight.length >= (how.inFlight ?? 1)) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return (performance.now() - start) / n;
  };

  const snapshot: CpmDebug['snapshot'] = async () => {
    const { source, result: shown, selected } = useApp.getState();
    const camera = source?.kind === 'camera';
    // The camera's newest result and the frame it was read from (the panels' result may be a few frames older).
    const picture = camera ? shownFrame() : source?.bitmap;
    const result = camera ? newestCameraResult() : shown;
    const person = result?.people[Math.min(selected, result.people.length - 1)];
    if (!source || !picture || !person) throw new Error('no result on screen');
    const keypoints = person.poses[person.poses.length - 1].keypoints.map(({ joint, x, y }) => ({ joint, x, y }));
    const { width, height } = source;
    return { width, height, keypoints, frame: await crop(picture, framingBox(width, height, null, 1)) };
  };

  const canvas = new OffscreenCanvas(1, 1);
  const codeOf = (picture: CanvasImageSource & { width?: number }, width: number, height: number, scale: number): number => {
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(picture, 0, 0, width, height);
    return readCode(ctx.getImageData(0, 0, width, height).data, width, height, scale);
  };

  const recordCamera = async (ms: number, scale: number): Promise<CameraEntry[]> => {
    const entries: CameraEntry[] = [];
    let last: unknown = null;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const result = newestCameraResult();
      const shown = cameraPicture();
      const frame = shownFrame();
      if (!result || result === last || !shown || !frame) continue;
      last = result;
      entries.push({
        drawnAt: performance.now(),
        capturedAt: result.timestamp,
        readMs: result.totalMs,
        finderMs: result.finderMs,
        shown: codeOf(shown.image, shown.width, shown.height, scale),
        read: codeOf(frame, frame.width, frame.height, scale),
        people: result.people.map((p) => ({ box: p.box, keypoints: (p.poses.at(-1)?.keypoints ?? []).map(({ x, y, confidence }) => ({ x, y, confidence })) })),
      });
    }
    return entries;
  };

  const recordPeerCamera = async (url: string, ms: number, scale: number): Promise<CameraEntry[]> => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    const { videoWidth: width, videoHeight: height } = video;
    const entries: CameraEntry[] = [];
    let box = framingBox(width, height, null, 1);
    const end = performance.now() + ms;
    try {
      while (performance.now() < end) {
        const capturedAt = performance.now();
        const frame = await createImageBitmap(video);
        const read = codeOf(frame, width, height, scale);
        const { output, size } = await ask({ type: 'peerPose', url, bitmap: frame, box }, [frame]);
        const keypoints = movenetKeypoints(output, box, size);
        const drawn = keypoints.filter((k) => k.score >= PEER_DRAW_SCORE).length >= MIN_DRAWN;
        const drawnAt = performance.now();
        entries.push({
          drawnAt,
          capturedAt,
          readMs: drawnAt - capturedAt,
          finderMs: null,
          shown: codeOf(video, width, height, scale),
          read,
          people: drawn ? [{ box, keypoints: cocoToCpm(keypoints).map(({ x, y, confidence }) => ({ x, y, confidence })) }] : [],
        });
        box = movenetCrop(keypoints, width, height);
      }
    } finally {
      stream.getTracks().forEach((track) => track.stop());
    }
    return entries;
  };

  window.__cpmDebug = {
    memory: () => ask({ type: 'memory' }),
    runFrames,
    timeFrames,
    benchGraph: async (url, size, frames) => (await ask({ type: 'benchGraph', url, size, frames })).ms,
    profile: (target) => ask({ type: 'profile', target }),
    verify: (input, center, expected) => ask({ type: 'verifyFixture', input: Float32Array.from(input), center, expected: Float32Array.from(expected) }),
    crop: async (box) => {
      const bitmap = useApp.getState().source?.bitmap ?? shownFrame();
      if (!bitmap) throw new Error('no picture on screen');
      return crop(bitmap, box);
    },
    snapshot,
    loseDevice: () => void ask({ type: 'loseDevice' }),
    recordCamera,
    recordPeerCamera,
  };
  return port2;
}
