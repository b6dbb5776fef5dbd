/**
 * npm run bench -- --camera: the built app's camera in headless Chromium (SwiftShader), its fake webcam playing the
 * labelled walking video (src/eval/walkVideo.ts), one line per backend: results/s, latency (capture to drawn),
 * ghosts, entries, and the PCK of the skeletons as drawn against the frame on screen; beside it, the PCK of the same
 * frames read as stills (flip off, as the camera reads) by the Node estimator. Then the same line for MoveNet
 * SinglePose Lightning and Thunder reading every frame of the same video in the same page, as Google's examples do.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { CameraEntry } from '../src/devtools/protocol';
import { scoreCamera, formatCameraScore } from '../src/eval/cameraScore';
import { loadFolder } from '../src/eval/datasets';
import { loadEstimatorFromDisk, rgbaPicture } from '../src/eval/disk';
import { SCRIPT, type WalkLabels, type WalkVideo, walkVideo, walkers } from '../src/eval/walkVideo';
import { launchChromium } from './browser';

const VIDEO_PATH = join(tmpdir(), 'cpm-bench-camera.y4m');
const SPEC = { width: 320, height: 240, fps: 10, frames: 300 };

/** The frames shown while recording, read as stills in Node, scored as the camera's results are. */
async function stillsPck(video: WalkVideo, labels: WalkLabels, entries: CameraEntry[], model: string): Promise<number> {
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
  const estimator = await loadEstimatorFromDisk(model);
  const shown = [...new Set(entries.map((e) => e.shown % SPEC.frames))];
  const read: CameraEntry[] = [];
  for (const f of shown) {
    const { rgb } = video.frame(f);
    const rgba = new Uint8Array(SPEC.width * SPEC.height * 4);
    for (let i = 0; i < SPEC.width * SPEC.height; i += 1) rgba.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
    const picture = rgbaPicture({ data: rgba, width: SPEC.width, height: SPEC.height });
    const { people, totalMs, finderMs } = await estimator.estimatePoses(picture, { mode: 'still' });
    read.push({ drawnAt: read.length, capturedAt: read.length, readMs: totalMs, finderMs, shown: f, read: f, people: people.map((p) => ({ box: p.box, keypoints: p.poses.at(-1)?.keypoints ?? [] })) });
  }
  estimator.dispose();
  return scoreCamera(read, labels, 1).pck;
}

/**
 * `peer(name)`: where a MoveNet graph (movenet-lightning, movenet-thunder) is served (null: the app's camera only).
 * `draw`: what the app draws a result over (cameraLoop's CameraDraw; absent: the app's choice). `record`: a file to
 * write every result drawn into, with the video's labels, for a closer look.
 */
export async function benchCamera(
  url: string,
  backends: string[],
  model: string,
  peer: ((name: string) => string) | null,
  options: { draw?: string; record?: string } = {},
): Promise<void> {
  const { draw, record } = options;
  const video = walkVideo(SPEC, walkers(loadFolder(join('..', 'shared', 'data', 'lspet'))));
  const labels = video.write(VIDEO_PATH);
  const loop = (SPEC.frames / SPEC.fps) * 1000;
  console.log(`camera: ${model}, the walking video (${SPEC.width}×${SPEC.height}, ${SPEC.fps} fps, ${loop / 1000} s a loop: A walks, is gone ${(((SCRIPT.aBack[0] - SCRIPT.aWalk[1]) * loop) / 1000).toFixed(1)} s, comes back; B enters)`);
  for (const asked of backends) {
    const fake = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO_PATH}`];
    const browser = await launchChromium(asked === 'webgpu', fake);
    const context = await browser.newContext({ serviceWorkers: 'block', permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(`${url}?model=${model}&backend=${asked}&devtools${draw ? `&camera-draw=${draw}` : ''}`);
    await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 600_000 });
    const backend = (await page.getByTestId('backend').textContent()) ?? asked;
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByTestId('fps')).not.toHaveText(/^0(\.0+)? results/, { timeout: 600_000 });
    const scale = (await page.getByTestId('overlay').evaluate((c: HTMLCanvasElement) => c.width)) / SPEC.width;
    const entries = await page.evaluate(([ms, s]) => window.__cpmDebug.recordCamera(ms, s), [loop + 2000, scale] as const);
    await page.getByRole('button', { name: 'Stop camera' }).click();
    if (record) writeFileSync(record, JSON.stringify({ entries, labels, scale }));
    const peers: string[] = [];
    const peerUrls = peer ? ['movenet-lightning', 'movenet-thunder'].map((name) => [name, peer(name)]) : [];
    for (const [name, peerUrl] of peerUrls) {
      const peerRecord = await page.evaluate(([u, ms, s]) => window.__cpmDebug.recordPeerCamera(u, ms, s), [peerUrl, loop + 2000, scale] as const);
      peers.push(formatCameraScore(`${backend}, MoveNet ${name.replace('movenet-', '')}`, scoreCamera(peerRecord, labels, scale), null));
    }
    await browser.close();
    const still = await stillsPck(video, labels, entries, model);
    console.log(formatCameraScore(`${backend}${draw ? ` (drawn over the ${draw} frame)` : ''}`, scoreCamera(entries, labels, scale), still));
    for (const line of peers) console.log(line);
  }
}
