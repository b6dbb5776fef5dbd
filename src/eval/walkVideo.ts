/**
 * A labelled video for the camera (Chromium's fake webcam plays it: --use-file-for-fake-video-capture): two people cut
 * out of held-out labelled photos walk over a plain background. Person A walks across, leaves, and comes back
 * somewhere else; then person B enters. Every frame's joints are known, and every frame carries its own number in a
 * strip of black and white blocks (bottom left), so the page can tell which frame is on screen and which was read.
 */
import { writeFileSync } from 'node:fs';
import { writeCode } from '../pose/frameCode';
import type { LabelledPerson } from './datasets';
import { decodeImage } from './disk';
import { torsoLength } from './pck';
import { BACKGROUND, type Sprite, cutSprite } from './sprites';

export interface WalkSpec {
  width: number;
  height: number;
  fps: number;
  frames: number;
}

/** A person is this many times the video's height tall (head top to ankles). */
const PERSON_HEIGHT = 0.6;

type XY = [number, number];

/** Where one walker stands in a frame: their joints in video pixels (unlabelled or outside the frame: false). */
export interface WalkerTruth {
  who: 'A' | 'B';
  joints: XY[];
  labelled: boolean[];
  /** Their sprite's rectangle, video pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The timeline, as fractions of the video: A walks, is gone, walks back elsewhere; B enters at the end. */
export const SCRIPT = {
  /** A walks left to right from the start. */
  aWalk: [0, 0.35] as const,
  /** A is back, walking right to left from the right side. */
  aBack: [0.5, 1] as const,
  /** B enters from the left edge. */
  bEnter: [0.7, 1] as const,
};

/**
 * Whether a pose stands upright, arms down: head over neck over shoulders over hips over knees over ankles, and the
 * wrists below the shoulders, on both sides.
 */
function standing(joints: XY[]): boolean {
  const y = (j: number): number => joints[j][1];
  const side = (shoulder: number, wrist: number, hip: number, knee: number, ankle: number): boolean =>
    y(shoulder) < y(wrist) && y(shoulder) < y(hip) && y(hip) < y(knee) && y(knee) < y(ankle);
  return y(0) < y(1) && y(1) < Math.min(y(2), y(5)) && side(2, 4, 8, 9, 10) && side(5, 7, 11, 12, 13);
}

/** How much taller than wide a pose is. */
function slenderness(joints: XY[]): number {
  const xs = joints.map(([x]) => x);
  const ys = joints.map(([, y]) => y);
  return (Math.max(...ys) - Math.min(...ys)) / Math.max(1, Math.max(...xs) - Math.min(...xs));
}

/** The two most upright held-out persons, every joint labelled and at least 120 px tall: people walking by. */
export function walkers(persons: LabelledPerson[]): [LabelledPerson, LabelledPerson] {
  const upright = persons
    .filter((p) => {
      if (!p.heldOut || !p.labelled.every(Boolean) || torsoLength(p.joints, p.labelled) === null || !standing(p.joints)) return false;
      const ys = p.joints.map(([, y]) => y);
      return Math.max(...ys) - Math.min(...ys) >= 120;
    })
    .sort((a, b) => slenderness(b.joints) - slenderness(a.joints));
  if (upright.length < 2) throw new Error('fewer than two upright held-out persons to walk');
  return [upright[0], upright[1]];
}

/** A walker's sprite, and how many sprite pixels make one video pixel. */
type Walker = Sprite & { scale: number };

function walker(person: LabelledPerson, videoHeight: number): Walker {
  const sprite = cutSprite(person, decodeImage(person.image));
  return { ...sprite, scale: sprite.tall / (PERSON_HEIGHT * videoHeight) };
}

/** Where a walker's sprite's left edge is in frame f, or null when they are not in the video then. */
function leftEdge(who: 'A' | 'B', t: number, spec: WalkSpec, spriteWidth: number): number | null {
  const along = (range: readonly [number, number], from: number, to: number): number | null =>
    t < range[0] || t >= range[1] ? null : from + ((t - range[0]) / (range[1] - range[0])) * (to - from);
  const w = spec.width;
  if (who === 'B') return along(SCRIPT.bEnter, -spriteWidth * 0.6, 0.3 * w - spriteWidth / 2);
  return along(SCRIPT.aWalk, 0.02 * w, 0.55 * w) ?? along(SCRIPT.aBack, 0.95 * w - spriteWidth, 0.5 * w);
}

/** Frame f's pixels (RGB) and the walkers in it. */
function walkFrame(f: number, spec: WalkSpec, sprites: Record<'A' | 'B', Walker>): { rgb: Uint8Array; truth: WalkerTruth[] } {
  const { width, height } = spec;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i += 1) rgb.set(BACKGROUND, i * 3);
  const truth: WalkerTruth[] = [];
  const t = f / spec.frames;
  for (const who of ['A', 'B'] as const) {
    const s = sprites[who];
    const w = s.width / s.scale;
    const h = s.height / s.scale;
    const left = leftEdge(who, t, spec, w);
    if (left === null) continue;
    const top = height * 0.95 - h;
    for (let y = Math.max(0, Math.ceil(top)); y < Math.min(height, top + h); y += 1) {
      for (let x = Math.max(0, Math.ceil(left)); x < Math.min(width, left + w); x += 1) {
        const sx = Math.min(s.width - 1, Math.floor((x - left) * s.scale));
        const sy = Math.min(s.height - 1, Math.floor((y - top) * s.scale));
        rgb.set(s.rgba.subarray((sy * s.width + sx) * 4, (sy * s.width + sx) * 4 + 3), (y * width + x) * 3);
      }
    }
    const joints = s.joints.map(([x, y]): XY => [left + x / s.scale, top + y / s.scale]);
    const labelled = joints.map(([x, y]) => x >= 0 && y >= 0 && x < width && y < height);
    truth.push({ who, joints, labelled, x0: left, y0: top, x1: left + w, y1: top + h });
  }
  writeCode(rgb, width, height, f);
  return { rgb, truth };
}

/** The video's labels: its size and every frame's walkers (written beside the video as JSON). */
export interface WalkLabels {
  spec: WalkSpec;
  frames: WalkerTruth[][];
}

export interface WalkVideo {
  spec: WalkSpec;
  /** Frame f's pixels (RGB, row-major) and the walkers in it. */
  frame(f: number): { rgb: Uint8Array; truth: WalkerTruth[] };
  /** Writes the video as Y4M (4:2:0), and its labels beside it (`<path>.json`); returns the labels. */
  write(path: string): WalkLabels;
}

export function walkVideo(spec: WalkSpec, persons: [LabelledPerson, LabelledPerson]): WalkVideo {
  const sprites = { A: walker(persons[0], spec.height), B: walker(persons[1], spec.height) };
  const frame = (f: number): { rgb: Uint8Array; truth: WalkerTruth[] } => walkFrame(f, spec, sprites);
  return {
    spec,
    frame,
    write: (path) => {
      const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${spec.width} H${spec.height} F${spec.fps}:1 Ip A1:1 C420jpeg\n`)];
      const frames: WalkerTruth[][] = [];
      for (let f = 0; f < spec.frames; f += 1) {
        const { rgb, truth } = frame(f);
        frames.push(truth);
        chunks.push(Buffer.from('FRAME\n'), ...yuv420(rgb, spec.width, spec.height));
      }
      writeFileSync(path, Buffer.concat(chunks));
      const labels = { spec, frames };
      writeFileSync(`${path}.json`, JSON.stringify(labels));
      return labels;
    },
  };
}

/** RGB → the Y, U and V planes of 4:2:0 (JPEG's full-range BT.601). */
function yuv420(rgb: Uint8Array, width: number, height: number): Buffer[] {
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
  return [luma, u, v];
}
