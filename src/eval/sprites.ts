/**
 * People cut out of labelled photos as rectangular sprites, to be pasted over a plain background: the camera's
 * walking video (walkVideo.ts, which pastes its own, nearest, into RGB video frames) and the synthetic crowds
 * (crowd.ts).
 */
import type { Rect } from '../pose/box';
import type { LabelledPerson } from './datasets';
import type { DecodedImage } from './disk';

type XY = [number, number];

/** The plain background people are pasted on: far from the grey the worker pads crops with, and from skin. */
export const BACKGROUND: [number, number, number] = [30, 140, 60];

export interface Sprite {
  /** Who was cut out: their labels, in their photo's pixels. */
  person: LabelledPerson;
  /** RGBA, row-major. */
  rgba: Uint8Array;
  width: number;
  height: number;
  /** The person's joints in sprite pixels (unlabelled ones as meaningless as in the labels). */
  joints: XY[];
  /** The labelled joints' vertical extent in sprite pixels: how tall the person is. */
  tall: number;
}

/** `person` cut out of `image`, their photo. */
export function cutSprite(person: LabelledPerson, image: DecodedImage): Sprite {
  // The labelled joints' rectangle, with a margin of a tenth of their height (head and feet beyond the joints),
  // clipped to the photo: as little as can be of the photo's other people.
  const points = person.joints.filter((_, j) => person.labelled[j]);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const tall = Math.max(...ys) - Math.min(...ys);
  const margin = 0.1 * tall;
  const x0 = Math.max(0, Math.round(Math.min(...xs) - margin));
  const y0 = Math.max(0, Math.round(Math.min(...ys) - margin));
  const x1 = Math.min(image.width, Math.round(Math.max(...xs) + margin));
  const y1 = Math.min(image.height, Math.round(Math.max(...ys) + margin));
  const width = x1 - x0;
  const height = y1 - y0;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) rgba.set(image.data.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x1) * 4), y * width * 4);
  const joints = person.joints.map(([x, y]): XY => [x - x0, y - y0]);
  return { person, rgba, width, height, joints, tall };
}

/** One sprite in a picture: its top-left corner and how many picture pixels one sprite pixel makes. */
export interface Placement {
  sprite: Sprite;
  left: number;
  top: number;
  scale: number;
}

/** A placed sprite's rectangle in picture pixels: it covers the pixels x0 ≤ x < x1, y0 ≤ y < y1. */
export const rectOf = (p: Placement): Rect => ({ x0: p.left, y0: p.top, x1: p.left + p.sprite.width * p.scale, y1: p.top + p.sprite.height * p.scale });

/** Per picture pixel from `from` on, the sprite pixels it samples between and the weight of the second. */
function samples(from: number, to: number, origin: number, scale: number, size: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const n = Math.max(0, to - from);
  const [i0, i1, f] = [new Int32Array(n), new Int32Array(n), new Float32Array(n)];
  for (let k = 0; k < n; k += 1) {
    const s = Math.min(size - 1, Math.max(0, (from + k - origin) / scale));
    i0[k] = Math.floor(s);
    i1[k] = Math.min(size - 1, i0[k] + 1);
    f[k] = s - i0[k];
  }
  return { i0, i1, f };
}

/** Draws the sprite by bilinear sampling: picture pixel (x, y) samples sprite point ((x − left)/scale, (y − top)/scale). */
export function pasteSprite(image: DecodedImage, p: Placement): void {
  const { sprite, left, top, scale } = p;
  const rect = rectOf(p);
  const [xFrom, yFrom] = [Math.max(0, Math.ceil(rect.x0)), Math.max(0, Math.ceil(rect.y0))];
  const xs = samples(xFrom, Math.min(image.width, Math.ceil(rect.x1)), left, scale, sprite.width);
  const ys = samples(yFrom, Math.min(image.height, Math.ceil(rect.y1)), top, scale, sprite.height);
  const { rgba, width } = sprite;
  for (let v = 0; v < ys.f.length; v += 1) {
    const [upper, lower, fy] = [ys.i0[v] * width, ys.i1[v] * width, ys.f[v]];
    for (let u = 0; u < xs.f.length; u += 1) {
      const [a, b, fx] = [xs.i0[u], xs.i1[u], xs.f[u]];
      const o = ((yFrom + v) * image.width + xFrom + u) * 4;
      for (let c = 0; c < 3; c += 1) {
        const above = rgba[(upper + a) * 4 + c] * (1 - fx) + rgba[(upper + b) * 4 + c] * fx;
        const below = rgba[(lower + a) * 4 + c] * (1 - fx) + rgba[(lower + b) * 4 + c] * fx;
        image.data[o + c] = Math.round(above * (1 - fy) + below * fy);
      }
    }
  }
}
