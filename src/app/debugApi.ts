/** window.__cpmDebug: what tests and benchmarks reach into (memory, a synthetic frame loop, fixture and crop checks). */
import { type Box, type Point, framingBox } from '../pose/box';
import { CAMERA_PERSON_SCORES } from '../pose/people';
import { useApp } from '../store';
import type { CpmClient } from '../worker/client';
import type { FixtureMessage, MemoryMessage, ProfileMessage, ProfileRequest } from '../worker/protocol';
import { currentClient } from './modelSession';

export interface CpmDebug {
  memory(): Promise<MemoryMessage>;
  /** Sends n small synthetic frames through the normal frame path, one after another; returns mean per-stage ms. */
  runFrames(n: number, timeStages: boolean): Promise<number[]>;
  /**
   * Mean milliseconds per synthetic frame, page to page (read back included): one box read (flip-tested or not), or
   * the person finder alone (`find`: the frame holds nobody, so no one is read after it); `inFlight` frames at once
   * (2: as the camera sends them), one by default.
   */
  timeFrames(n: number, how: { flip: boolean; find: boolean; inFlight?: number }): Promise<number>;
  /** A peer graph model's milliseconds per frame on the worker's backend (npm run bench -- --compare). */
  benchGraph(url: string, size: number, frames: number): Promise<number>;
  /** One reading of the loaded network (or a run of the person finder's graph, or of a peer graph) profiled kernel by kernel. */
  profile(target: ProfileRequest['target']): Promise<ProfileMessage>;
  verify(input: number[], center: Point, expected: number[]): Promise<FixtureMessage>;
  /** The worker's network input (RGBA bytes, S×S) for `box` of the picture on screen. */
  crop(box: Box): Promise<{ size: number; pixels: number[] }>;
  /**
   * The result on screen, taken at one instant: the selected person's stage-T keypoints as drawn (bitmap pixels),
   * and the frame they were read from, letterboxed to S×S by the worker's crop (so a camera test can check the
   * skeleton against the very frame it came from).
   */
  snapshot(): Promise<{ width: number; height: number; keypoints: { joint: string; x: number; y: number }[]; frame: { size: number; pixels: number[] } }>;
  loseDevice(): void;
}

function client(): CpmClient {
  const current = currentClient();
  if (!current) throw new Error('no model');
  return current;
}

async function runFrames(n: number, timeStages: boolean): Promise<number[]> {
  const canvas = new OffscreenCanvas(64, 48);
  const ctx = canvas.getContext('2d');
  const sums: number[] = [];
  for (let i = 0; i < n; i += 1) {
    if (ctx) {
      ctx.fillStyle = `hsl(${(i * 7) % 360} 60% 50%)`;
      ctx.fillRect(0, 0, 64, 48);
    }
    const how = { framing: { kind: 'box' as const, box: { x: 0, y: -8, side: 64 } }, scales: [1], flip: false };
    const result = await client().infer(await createImageBitmap(canvas), how, timeStages);
    result?.readings[0]?.stageMs.forEach((ms, s) => (sums[s] = (sums[s] ?? 0) + ms));
  }
  return sums.map((sum) => sum / n);
}

async function crop(box: Box): Promise<{ size: number; pixels: number[] }> {
  const bitmap = useApp.getState().source?.bitmap;
  if (!bitmap) throw new Error('no picture on screen');
  const answer = await client().crop(await createImageBitmap(bitmap), box);
  return { size: answer.size, pixels: Array.from(answer.pixels) };
}

async function snapshot(): ReturnType<CpmDebug['snapshot']> {
  const { source, poses, selected } = useApp.getState();
  const stages = poses?.[selected];
  if (!source?.bitmap || !stages) throw new Error('no result on screen');
  const keypoints = stages[stages.length - 1].keypoints.map(({ joint, x, y }) => ({ joint, x, y }));
  const { width, height } = source;
  const answer = await client().crop(await createImageBitmap(source.bitmap), framingBox(width, height, null, 1));
  return { width, height, keypoints, frame: { size: answer.size, pixels: Array.from(answer.pixels) } };
}

async function timeFrames(n: number, how: { flip: boolean; find: boolean; inFlight?: number }): Promise<number> {
  const canvas = new OffscreenCanvas(256, 192);
  const ctx = canvas.getContext('2d');
  const box = { x: 0, y: -32, side: 256 };
  const framing = how.find ? { kind: 'people' as const, cropScale: 1, scores: CAMERA_PERSON_SCORES, fallback: box } : { kind: 'box' as const, box };
  const frame = async (i: number): Promise<void> => {
    if (ctx) {
      ctx.fillStyle = `hsl(${(i * 7) % 360} 60% 50%)`;
      ctx.fillRect(0, 0, 256, 192);
    }
    await client().infer(await createImageBitmap(canvas), { framing, scales: [1], flip: how.flip }, false);
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
}

export const debugApi: CpmDebug = {
  memory: async () => client().memory(),
  runFrames,
  timeFrames,
  benchGraph: async (url, size, frames) => (await client().benchGraph(url, size, frames)).ms,
  profile: (target) => client().profile(target),
  verify: async (input, center, expected) => client().verify(Float32Array.from(input), center, Float32Array.from(expected)),
  crop,
  snapshot,
  loseDevice: () => currentClient()?.loseDevice(),
};
