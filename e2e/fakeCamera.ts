/**
 * A fake webcam for Chromium (--use-file-for-fake-video-capture): the labelled walking video (src/eval/walkVideo.ts),
 * two held-out LSPET persons over a plain background, written by the test run (e2e/global-setup.ts) from ../shared.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFolder } from '../src/eval/datasets';
import { type WalkLabels, walkVideo, walkers } from '../src/eval/walkVideo';

export const FAKE_CAMERA = join(tmpdir(), 'cpm-fake-camera.y4m');
const LSPET = join(process.cwd(), '..', 'shared', 'data', 'lspet');
/** 30 s a loop: A walks for 10.5 s, is gone for 4.5 s, comes back; B enters at 21 s. */
export const VIDEO = { width: 320, height: 240, fps: 10, frames: 300 };

export function writeFakeCamera(path = FAKE_CAMERA): WalkLabels {
  return walkVideo(VIDEO, walkers(loadFolder(LSPET))).write(path);
}
