/**
 * Synthetic crowds, for `npm run crowd-check` (crowdCheck.ts) and the end-to-end crowd test: held-out labelled persons
 * cut out as sprites (sprites.ts) and pasted on a plain background, none overlapping another, each person's joints
 * known in the picture's pixels. And overlap scenes: a target person alone, then with a neighbour pasted in front of
 * them over a given share of their width. Laying out and drawing are pure: the same sprites and seed give the same
 * pictures.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { LabelledPerson } from './datasets';
import { type DecodedImage, decodeImage } from './disk';
import { torsoLength } from './pck';
import type { Rect } from '../pose/box';
import { BACKGROUND, type Placement, type Sprite, bodySprite, cutSprite, pasteSprite, rectOf } from './sprites';

type XY = [number, number];
/** Shares of a picture's height: [least, most]. */
type Shares = readonly [number, number];

export interface Size {
  width: number;
  height: number;
}

export type Rng = () => number;

/** mulberry32: a tiny seeded generator of uniform numbers in [0, 1), enough to lay pictures out reproducibly. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CROWD_SEED = 28;
export const CROWD_CANVAS: Size = { width: 1600, height: 900 };
export const CROWD_SIZES = [2, 6, 12, 16];
/** A crowd's persons are drawn this tall (their joints' vertical extent), uniformly. */
export const CROWD_HEIGHTS: Shares = [1 / 8, 1 / 2];
/** How much of the target's width the neighbour covers in an overlap scene. */
export const OVERLAPS = [0.2, 0.35, 0.5];
/** Overlap scenes per crowd of each size: a scene scores one person, a crowd several. */
export const SCENES_PER_CROWD = 4;
/** An overlap scene's target is tall enough to be found: what it measures is the neighbour, not the finding. */
const SCENE_HEIGHTS: Shares = [1 / 3, 1 / 2];
/** The neighbour is about as tall as the target: within a tenth. */
const NEIGHBOUR_HEIGHTS: Shares = [0.9, 1.1];
/** Of 14 joints, a person in a crowd has at least this many labelled: their height is their whole body's. */
const MIN_LABELLED = 12;
/** Random spots tried for one person before the whole crowd is laid out afresh. */
const SPOT_TRIES = 200;
/**
 * A crowd that cannot be laid out is drawn again (heights and spots), LAYOUTS_PER_HEIGHT times, then with its tallest
 * height this much shorter, down to the least.
 */
const SHRINK = 0.9;
const LAYOUTS_PER_HEIGHT = 3;
const LAYOUT_TRIES = 60;

export const overlapping = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * A person in a picture: their labels moved into its pixels (a joint outside it is unlabelled) and their sprite's
 * rectangle; `image` is still the photo they were cut from.
 */
export interface CrowdPerson extends LabelledPerson {
  rect: Rect;
}

export interface Crowd {
  image: DecodedImage;
  persons: CrowdPerson[];
}

const between = (rng: Rng, [least, most]: Shares): number => least + rng() * (most - least);

function shuffle<T>(items: T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const k = Math.floor(rng() * (i + 1));
    [out[i], out[k]] = [out[k], out[i]];
  }
  return out;
}

/**
 * Held-out persons with a torso (PCK's unit) and most joints labelled, not lying down: scaled to a share of the
 * picture's height, someone lying would be wider than the picture.
 */
export function crowdCandidates(persons: LabelledPerson[]): LabelledPerson[] {
  return persons.filter((p) => {
    if (!p.heldOut || torsoLength(p.joints, p.labelled) === null || p.labelled.filter(Boolean).length < MIN_LABELLED) return false;
    const points = p.joints.filter((_, j) => p.labelled[j]);
    const extent = (axis: 0 | 1): number => Math.max(...points.map((q) => q[axis])) - Math.min(...points.map((q) => q[axis]));
    return 2 * extent(1) >= extent(0);
  });
}

function personIn(p: Placement, canvas: Size): CrowdPerson {
  const joints = p.sprite.joints.map(([x, y]): XY => [p.left + x * p.scale, p.top + y * p.scale]);
  const inside = ([x, y]: XY): boolean => x >= 0 && y >= 0 && x < canvas.width && y < canvas.height;
  const labelled = joints.map((point, j) => p.sprite.person.labelled[j] && inside(point));
  return { ...p.sprite.person, joints, labelled, rect: rectOf(p) };
}

/** The placements drawn in order (a later one in front) on the plain background, and the persons in the picture. */
export function renderCrowd(placements: Placement[], canvas: Size): Crowd {
  const { width, height } = canvas;
  const data = new Uint8Array(width * height * 4);
  const background = Uint8Array.of(...BACKGROUND, 255);
  for (let i = 0; i < width * height; i += 1) data.set(background, i * 4);
  const image = { data, width, height };
  for (const p of placements) pasteSprite(image, p);
  return { image, persons: placements.map((p) => personIn(p, canvas)) };
}

export interface CrowdLayout {
  placements: Placement[];
  /** The tallest share of the picture's height a person could be drawn: less than asked where the crowd shrank. */
  tallest: number;
}

/** Each sized sprite at a random spot overlapping nobody placed before it (largest first), or null where one has none. */
function placeEach(sized: { sprite: Sprite; scale: number }[], rng: Rng, canvas: Size): Placement[] | null {
  const placed: Placement[] = [];
  for (const { sprite, scale } of sized) {
    const room = { x: canvas.width - sprite.width * scale, y: canvas.height - sprite.height * scale };
    if (room.x < 0 || room.y < 0) return null;
    let spot: Placement | null = null;
    for (let t = 0; t < SPOT_TRIES && !spot; t += 1) {
      const p = { sprite, scale, left: rng() * room.x, top: rng() * room.y };
      if (!placed.some((q) => overlapping(rectOf(p), rectOf(q)))) spot = p;
    }
    if (!spot) return null;
    placed.push(spot);
  }
  return placed;
}

/**
 * The sprites on a picture of `canvas`, none overlapping another, each person drawn `heights` tall (rejection
 * sampling); where they do not fit, drawn again, and again with the tallest height shrunk (SHRINK).
 */
export function layOutCrowd(sprites: Sprite[], rng: Rng, canvas: Size, heights: Shares = CROWD_HEIGHTS): CrowdLayout {
  for (let attempt = 0; attempt < LAYOUT_TRIES; attempt += 1) {
    const tallest = Math.max(heights[0], heights[1] * SHRINK ** Math.floor(attempt / LAYOUTS_PER_HEIGHT));
    const sized = sprites.map((sprite) => ({ sprite, scale: (canvas.height * between(rng, [heights[0], tallest])) / sprite.tall }));
    const area = ({ sprite, scale }: { sprite: Sprite; scale: number }): number => sprite.width * sprite.height * scale ** 2;
    const placements = placeEach([...sized].sort((a, b) => area(b) - area(a)), rng, canvas);
    if (placements) return { placements, tallest };
  }
  throw new Error(`cannot lay out ${sprites.length} persons on ${canvas.width}×${canvas.height}`);
}

/** A target person alone, and with a neighbour in front of them over each of OVERLAPS of their width. */
export interface OverlapScene {
  alone: Placement[];
  /** Per OVERLAPS: the target, then the neighbour (their sprite's whole rectangle). */
  withNeighbour: Placement[][];
  /** The same, the neighbour cut to their body (bodySprite): what a person in front hides. */
  withBody: Placement[][];
}

/**
 * The target somewhere on the picture and the neighbour, about as tall, beside them on either side, their sprites'
 * rectangles centred on the same height; null where the two do not fit, or the neighbour is too narrow to overlap
 * the target by the largest share (they would lie wholly over the target).
 */
export function overlapScene(target: Sprite, neighbour: Sprite, rng: Rng, canvas: Size): OverlapScene | null {
  const tall = canvas.height * between(rng, SCENE_HEIGHTS);
  const scale = tall / target.tall;
  const nScale = (tall * between(rng, NEIGHBOUR_HEIGHTS)) / neighbour.tall;
  const [tw, th, nw, nh] = [target.width * scale, target.height * scale, neighbour.width * nScale, neighbour.height * nScale];
  // The two side by side at the least overlap: the widest the scene gets.
  const span = tw + nw - Math.min(...OVERLAPS) * tw;
  if (nw < Math.max(...OVERLAPS) * tw || span > canvas.width || Math.max(th, nh) > canvas.height) return null;
  const onRight = rng() < 0.5;
  const start = rng() * (canvas.width - span);
  const left = onRight ? start : start + span - tw;
  const middle = Math.max(th, nh) / 2 + rng() * (canvas.height - Math.max(th, nh));
  const placed = { sprite: target, scale, left, top: middle - th / 2 };
  const withNeighbour = OVERLAPS.map((share) => {
    const nLeft = onRight ? left + tw - share * tw : left - nw + share * tw;
    return [placed, { sprite: neighbour, scale: nScale, left: nLeft, top: middle - nh / 2 }];
  });
  const body = bodySprite(neighbour);
  return { alone: [placed], withNeighbour, withBody: withNeighbour.map(([t, n]) => [t, { ...n, sprite: body }]) };
}

export interface CrowdSet {
  canvas: Size;
  crowds: { size: number; layout: CrowdLayout }[];
  scenes: OverlapScene[];
}

/**
 * `count` crowds of each of CROWD_SIZES and SCENES_PER_CROWD × `count` overlap scenes, persons dealt from the pool in
 * a shuffled order (again from the start when it runs out).
 */
export function crowdSet(pool: Sprite[], count: number, seed = CROWD_SEED, canvas = CROWD_CANVAS): CrowdSet {
  if (pool.length === 0) throw new Error('no persons to make crowds of');
  const rng = mulberry32(seed);
  const order = shuffle(pool, rng);
  let dealt = 0;
  const next = (): Sprite => order[dealt++ % order.length];
  const crowds = CROWD_SIZES.flatMap((size) =>
    Array.from({ length: count }, () => ({ size, layout: layOutCrowd(Array.from({ length: size }, next), rng, canvas) })),
  );
  const scene = (): OverlapScene => {
    for (let t = 0; t < pool.length; t += 1) {
      const found = overlapScene(next(), next(), rng, canvas);
      if (found) return found;
    }
    throw new Error('no two persons of the pool make an overlap scene');
  };
  return { canvas, crowds, scenes: Array.from({ length: count * SCENES_PER_CROWD }, scene) };
}

/**
 * The end-to-end test's crowd: ten held-out persons on their feet, in two rows of five cells on a 1280×720 picture,
 * each a third to a half of its height tall (as large as a cell holds), so that the finder can find every one. Its
 * seed is one whose picture the Node estimator reads as ten people, each found (the finder's tenth score 0.27, the
 * next finding's 0.03): in some others a bystander in a person's photo is read as an eleventh.
 */
export const TEST_CROWD = { width: 1280, height: 720, rows: 2, columns: 5, heights: [1 / 3, 1 / 2] as Shares, seed: 16 };

/** Head over neck over hips over ankles, all labelled: the poses the finder finds most surely. */
function onTheirFeet(p: LabelledPerson): boolean {
  const [head, neck, rHip, rAnkle, lHip, lAnkle] = [0, 1, 8, 10, 11, 13];
  const y = (j: number): number => (p.labelled[j] ? p.joints[j][1] : Number.NaN);
  return y(head) < y(neck) && y(neck) < Math.min(y(rHip), y(lHip)) && Math.max(y(rHip), y(lHip)) < Math.min(y(rAnkle), y(lAnkle));
}

export function testCrowd(persons: LabelledPerson[], seed = TEST_CROWD.seed): Crowd {
  const rng = mulberry32(seed);
  const { width, height, rows, columns, heights } = TEST_CROWD;
  const cell = { width: width / columns, height: height / rows };
  const placements: Placement[] = [];
  for (const person of shuffle(crowdCandidates(persons).filter(onTheirFeet), rng)) {
    if (placements.length === rows * columns) break;
    const sprite = cutSprite(person, decodeImage(person.image));
    const least = (heights[0] * height) / sprite.tall;
    const most = Math.min(cell.width / sprite.width, cell.height / sprite.height, (heights[1] * height) / sprite.tall);
    if (most < least) continue;
    const scale = least + rng() * (most - least);
    const k = placements.length;
    const left = (k % columns) * cell.width + rng() * (cell.width - sprite.width * scale);
    const top = Math.floor(k / columns) * cell.height + rng() * (cell.height - sprite.height * scale);
    placements.push({ sprite, scale, left, top });
  }
  if (placements.length < rows * columns) throw new Error(`fewer than ${rows * columns} held-out persons fit the test crowd's cells`);
  return renderCrowd(placements, TEST_CROWD);
}

/** Writes the test crowd as a PNG; returns its persons, with their joints in its pixels. */
export function writeTestCrowd(persons: LabelledPerson[], path: string): CrowdPerson[] {
  const crowd = testCrowd(persons);
  const png = new PNG({ width: crowd.image.width, height: crowd.image.height });
  png.data = Buffer.from(crowd.image.data);
  writeFileSync(path, PNG.sync.write(png));
  return crowd.persons;
}
