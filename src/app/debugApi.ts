/** window.__cpmDebug: what tests and benchmarks reach into (memory, a synthetic frame loop, fixture and crop checks). */
import type { Box, Point } from '../pose/box';
import { useApp } from '../store';
import type { CpmClient } from '../worker/client';
import type { FixtureMessage, MemoryMessage } from '../worker/protocol';
import { currentClient } from './modelSession';

export interface CpmDebug {
  memory(): Promise<MemoryMessage>;
  /** Sends n small synthetic frames through the normal frame path, one after another; returns mean per-stage ms. */
  runFrames(n: number, timeStages: boolean): Promise<number[]>;
  verify(input: number[], center: Point, expected: number[]): Promise<FixtureMessage>;
  /** The worker's network input (RGBA bytes, S×S) for `box` of the picture on screen. */
  crop(box: Box): Promise<{ size: number; pixels: number[] }>;
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
    result?.readings[0].stageMs.forEach((ms, s) => (sums[s] = (sums[s] ?? 0) + ms));
  }
  return sums.map((sum) => sum / n);
}

async function crop(box: Box): Promise<{ size: number; pixels: number[] }> {
  const bitmap = useApp.getState().source?.bitmap;
  if (!bitmap) throw new Error('no picture on screen');
  const answer = await client().crop(await createImageBitmap(bitmap), box);
  return { size: answer.size, pixels: Array.from(answer.pixels) };
}

export const debugApi: CpmDebug = {
  memory: async () => client().memory(),
  runFrames,
  verify: async (input, center, expected) => client().verify(Float32Array.from(input), center, Float32Array.from(expected)),
  crop,
  loseDevice: () => currentClient()?.loseDevice(),
};
