/**
 * People cut out of labelled photos as rectangular sprites, to be pasted over a plain background: the camera's
 * walking video (walkVideo.ts, which pastes its own, nearest, into RGB video frames) and the synthetic crowds
 * (crowd.ts). A sprite may also be cut to its person's body (bodySprite), to stand in front of someone as a person
 * would.
 */
import { FAMILY } from '../cpm/architecture';
import type { Rect } from '../pose/box';
import type { LabelledPerson } from './datasets';
import type { DecodedImage } from './disk';
import { torsoLength } from './pck';

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

/** How far a body reaches from its skeleton, in units of its torso (PCK's: shoulder to the other side's hip). */
const LIMB_RADIUS = 0.15;
/** The head, about the neck–head-top line, is wider than a limb. */
const HEAD_RADIUS = 0.28;
const HEAD_EDGE = 0;
/** The torso's corners, in order round it: right shoulder, left shoulder, left hip, right hip. */
const TORSO = [2, 5, 11, 8];

function segmentDistance([px, py]: XY, [ax, ay]: XY, [bx, by]: XY): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Even–odd rule: whether the point lies inside the polygon. */
function insidePolygon([px, py]: XY, corners: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = corners.length - 1; i < corners.length; j = i, i += 1) {
    const [[xi, yi], [xj, yj]] = [corners[i], corners[j]];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The sprite cut to its person's body: opaque within reach of their labelled skeleton (each limb a capsule, the head
 * a wider one, the torso filled), transparent elsewhere. Pasted in front of someone it hides what a person standing
 * there would, not a rectangle of their photo's background. A body without a torso is as wide as a third of its
 * height's worth of torso.
 */
export function bodySprite(sprite: Sprite): Sprite {
  const { labelled } = sprite.person;
  const torso = torsoLength(sprite.joints, labelled) ?? sprite.tall / 3;
  const edges = FAMILY.edges
    .map(([a, b], e) => ({ a: sprite.joints[a], b: sprite.joints[b], reach: torso * (e === HEAD_EDGE ? HEAD_RADIUS : LIMB_RADIUS), known: labelled[a] && labelled[b] }))
    .filter((edge) => edge.known);
  const corners = TORSO.every((j) => labelled[j]) ? TORSO.map((j) => sprite.joints[j]) : null;
  const rgba = Uint8Array.from(sprite.rgba);
  for (let y = 0; y < sprite.height; y += 1) {
    for (let x = 0; x < sprite.width; x += 1) {
      const point: XY = [x + 0.5, y + 0.5];
      const body = (corners !== null && insidePolygon(point, corners)) || edges.some(({ a, b, reach }) => segmentDistance(point, a, b) <= reach);
      rgba[(y * sprite.width + x) * 4 + 3] = body ? 255 : 0;
    }
  }
  return { ...sprite, rgba };
}

/** Whether a placed sprite hides picture point `point`: it lies in the sprite's rectangle, on an opaque pixel. */
export function hides(p: Placement, [x, y]: XY): boolean {
  const [u, v] = [Math.floor((x - p.left) / p.scale), Math.floor((y - p.top) / p.scale)];
  if (u < 0 || v < 0 || u >= p.sprite.width || v >= p.sprite.height) return false;
  return p.sprite.rgba[(v * p.sprite.width + u) * 4 + 3] >= 128;
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

/**
 * Draws the sprite by bilinear sampling: picture pixel (x, y) samples sprite point ((x − left)/scale, (y − top)/scale),
 * over what the picture holds by the sprite's alpha (an opaque sprite replaces it).
 */
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
      const sample = (c: number): number => {
        const above = rgba[(upper + a) * 4 + c] * (1 - fx) + rgba[(upper + b) * 4 + c] * fx;
        const below = rgba[(lower + a) * 4 + c] * (1 - fx) + rgba[(lower + b) * 4 + c] * fx;
        return above * (1 - fy) + below * fy;
      };
      const alpha = sample(3) / 255;
      for (let c = 0; c < 3; c += 1) image.data[o + c] = Math.round(sample(c) * alpha + image.data[o + c] * (1 - alpha));
    }
  }
}
