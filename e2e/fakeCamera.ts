/**
 * A fake webcam for Chromium (--use-file-for-fake-video-capture): a Y4M video of a photo of one person panned across
 * a plain green background, written by the test run (e2e/global-setup.ts) from ../shared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';

export const FAKE_CAMERA = join(tmpdir(), 'cpm-fake-camera.y4m');
export const CAMERA_PHOTO = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');
/**
 * A four-minute walk at one frame a second: a reading on SwiftShader takes 10–20 s, in which the person moves about
 * 8–16 px (a camera on a GPU reads several frames a second of a person walking, so the box from the last frame's
 * joints still holds them).
 */
export const VIDEO = { width: 320, height: 240, frames: 240, fps: 1 };
/** The background around the photo: far from the grey the worker pads crops with. */
export const BACKGROUND: [number, number, number] = [30, 140, 60];
/** The photo's height in the video. */
const PHOTO_HEIGHT = 160;

/** Where the photo sits in frame f: it slides from the left edge to the right one over the loop. */
export function photoLeft(frame: number, photoWidth: number): number {
  return Math.round(8 + (frame / (VIDEO.frames - 1)) * (VIDEO.width - photoWidth - 16));
}

export function writeFakeCamera(path = FAKE_CAMERA): void {
  const photo = jpeg.decode(readFileSync(CAMERA_PHOTO), { useTArray: true, formatAsRGBA: true });
  const k = photo.height / PHOTO_HEIGHT;
  const photoWidth = Math.round(photo.width / k);
  const top = Math.round((VIDEO.height - PHOTO_HEIGHT) / 2);
  const { width, height } = VIDEO;
  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${VIDEO.fps}:1 Ip A1:1 C420jpeg\n`)];
  const rgb = new Float32Array(width * height * 3);
  for (let f = 0; f < VIDEO.frames; f += 1) {
    const left = photoLeft(f, photoWidth);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const px = Math.floor((x - left) * k);
        const py = Math.floor((y - top) * k);
        const inside = px >= 0 && py >= 0 && px < photo.width && py < photo.height && x >= left && y >= top;
        for (let c = 0; c < 3; c += 1) rgb[(y * width + x) * 3 + c] = inside ? photo.data[(py * photo.width + px) * 4 + c] : BACKGROUND[c];
      }
    }
    const luma = Buffer.alloc(width * height);
    const u = Buffer.alloc((width / 2) * (height / 2));
    const v = Buffer.alloc((width / 2) * (height / 2));
    for (let i = 0; i < width * height; i += 1) luma[i] = Math.round(0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2]);
    for (let y = 0; y < height / 2; y += 1) {
      for (let x = 0; x < width / 2; x += 1) {
        let [r, g, b] = [0, 0, 0];
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ]) {
          const o = ((2 * y + dy) * width + 2 * x + dx) * 3;
          r += rgb[o] / 4;
          g += rgb[o + 1] / 4;
          b += rgb[o + 2] / 4;
        }
        u[y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(-0.1687 * r - 0.3313 * g + 0.5 * b + 128)));
        v[y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(0.5 * r - 0.4187 * g - 0.0813 * b + 128)));
      }
    }
    chunks.push(Buffer.from('FRAME\n'), luma, u, v);
  }
  writeFileSync(path, Buffer.concat(chunks));
}
