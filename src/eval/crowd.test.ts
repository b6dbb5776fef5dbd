import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CROWD_CANVAS,
  CROWD_HEIGHTS,
  CROWD_SIZES,
  type Crowd,
  type CrowdPerson,
  OVERLAPS,
  SCENES_PER_CROWD,
  TEST_CROWD,
  crowdCandidates,
  crowdSet,
  mulberry32,
  overlapping,
  renderCrowd,
  writeTestCrowd,
} from './crowd';
import { type LabelledPerson, loadFolder } from './datasets';
import { decodeImage } from './disk';
import { BACKGROUND, type Sprite, bodySprite, cutSprite, hides } from './sprites';

type XY = [number, number];

/** A person standing, in shares of their height (CPM's joint order: head top, neck, right arm, left arm, right leg, left leg). */
const STANDING: XY[] = [
  [0.5, 0],
  [0.5, 0.15],
  [0.35, 0.2],
  [0.3, 0.35],
  [0.28, 0.5],
  [0.65, 0.2],
  [0.7, 0.35],
  [0.72, 0.5],
  [0.42, 0.55],
  [0.42, 0.75],
  [0.42, 1],
  [0.58, 0.55],
  [0.58, 0.75],
  [0.58, 1],
];

/** Person i of a synthetic photo: a standing skeleton `tall` pixels high, on a photo whose pixels spell out i. */
function synthetic(i: number, tall = 100 + 10 * (i % 7), wide = 0.5 + 0.1 * (i % 5)): { person: LabelledPerson; sprite: Sprite } {
  const [width, height] = [Math.round(tall * wide) + 40, tall + 40];
  const data = new Uint8Array(width * height * 4);
  for (let k = 0; k < width * height; k += 1) data.set([(k * 7 + i * 13) % 256, (k >> 3) % 256, 40 + i, 255], k * 4);
  const joints = STANDING.map(([x, y]): XY => [20 + x * (width - 40), 20 + y * tall]);
  const person = { image: `synthetic-${i}`, joints, labelled: joints.map(() => true), heldOut: true };
  return { person, sprite: cutSprite(person, { data, width, height }) };
}

const POOL = Array.from({ length: 40 }, (_, i) => synthetic(i).sprite);

const heightOf = (p: CrowdPerson): number => {
  const ys = p.joints.filter((_, j) => p.labelled[j]).map(([, y]) => y);
  return Math.max(...ys) - Math.min(...ys);
};

const pixel = (crowd: Crowd, x: number, y: number): number[] => Array.from(crowd.image.data.subarray((y * crowd.image.width + x) * 4, (y * crowd.image.width + x) * 4 + 4));

describe('cutting a person out', () => {
  it('cuts the labelled joints’ rectangle with a tenth of their height around it, clipped to the photo', () => {
    const data = new Uint8Array(100 * 100 * 4).map((_, k) => k % 251);
    const joints: XY[] = STANDING.map(([x, y]) => [30 + 20 * x, 5 + 50 * y]);
    // An unlabelled joint far away (LSP's coordinates of an unlabelled joint mean nothing) does not widen the cut.
    joints[4] = [95, 95];
    const labelled = joints.map((_, j) => j !== 4);
    const sprite = cutSprite({ image: 'p', joints, labelled, heldOut: true }, { data, width: 100, height: 100 });
    expect(sprite.tall).toBe(50);
    // x: 30 + 20·0.3 = 36 … 30 + 20·0.72 = 44.4, ± 5; y: 5 … 55, ± 5, clipped at 0.
    expect([sprite.width, sprite.height]).toEqual([49 - 31, 60 - 0]);
    expect(sprite.joints[0]).toEqual([40 - 31, 5]);
    expect(Array.from(sprite.rgba.subarray(0, 4))).toEqual(Array.from(data.subarray(31 * 4, 31 * 4 + 4)));
  });
});

describe('synthetic crowds', () => {
  it('are the same for the same seed, and differ for another', () => {
    expect(Array.from({ length: 5 }, mulberry32(7))).toEqual(Array.from({ length: 5 }, mulberry32(7)));
    expect(Array.from({ length: 5 }, mulberry32(7))).not.toEqual(Array.from({ length: 5 }, mulberry32(8)));
    const [a, b, c] = [crowdSet(POOL, 1, 5), crowdSet(POOL, 1, 5), crowdSet(POOL, 1, 6)];
    const render = (set: typeof a, k: number): Crowd => renderCrowd(set.crowds[k].layout.placements, set.canvas);
    for (const k of [0, 3]) {
      const [ra, rb, rc] = [render(a, k), render(b, k), render(c, k)];
      expect(Buffer.from(ra.image.data).equals(Buffer.from(rb.image.data))).toBe(true);
      expect(ra.persons).toEqual(rb.persons);
      expect(Buffer.from(ra.image.data).equals(Buffer.from(rc.image.data))).toBe(false);
      expect(ra.persons.map((p) => p.joints)).not.toEqual(rc.persons.map((p) => p.joints));
    }
  });

  it('hold every size asked, each person inside the picture, overlapping nobody, 1/8 to 1/2 of its height tall', () => {
    const set = crowdSet(POOL, 2);
    expect(set.crowds.map((c) => c.size)).toEqual(CROWD_SIZES.flatMap((size) => [size, size]));
    for (const { size, layout } of set.crowds) {
      const { persons } = renderCrowd(layout.placements, CROWD_CANVAS);
      expect(persons).toHaveLength(size);
      persons.forEach((p, i) => {
        expect(p.rect.x0).toBeGreaterThanOrEqual(0);
        expect(p.rect.y0).toBeGreaterThanOrEqual(0);
        expect(p.rect.x1).toBeLessThanOrEqual(CROWD_CANVAS.width);
        expect(p.rect.y1).toBeLessThanOrEqual(CROWD_CANVAS.height);
        expect(p.labelled.every(Boolean)).toBe(true);
        expect(heightOf(p) / CROWD_CANVAS.height).toBeGreaterThanOrEqual(CROWD_HEIGHTS[0] - 1e-9);
        expect(heightOf(p) / CROWD_CANVAS.height).toBeLessThanOrEqual(layout.tallest + 1e-9);
        for (const other of persons.slice(i + 1)) expect(overlapping(p.rect, other.rect)).toBe(false);
      });
      expect(layout.tallest).toBeLessThanOrEqual(CROWD_HEIGHTS[1]);
    }
    // Two people at most half the picture's height tall always fit.
    expect(set.crowds.filter((c) => c.size === 2).every((c) => c.layout.tallest === CROWD_HEIGHTS[1])).toBe(true);
  });

  it('draw each person’s photo where their rectangle is, over a plain background elsewhere', () => {
    const crowd = renderCrowd([{ sprite: POOL[0], left: 10.5, top: 20, scale: 2 }], { width: 400, height: 400 });
    const { rect } = crowd.persons[0];
    expect(rect).toEqual({ x0: 10.5, y0: 20, x1: 10.5 + 2 * POOL[0].width, y1: 20 + 2 * POOL[0].height });
    // Picture pixel (12, 20) samples sprite point (0.75, 0) between sprite pixels 0 and 1.
    const [p0, p1] = [Array.from(POOL[0].rgba.subarray(0, 3)), Array.from(POOL[0].rgba.subarray(4, 7))];
    expect(pixel(crowd, 12, 20).slice(0, 3)).toEqual(p0.map((v, c) => Math.round(0.25 * v + 0.75 * p1[c])));
    expect(pixel(crowd, 10, 20)).toEqual([...BACKGROUND, 255]);
    expect(pixel(crowd, 50, Math.ceil(rect.y1))).toEqual([...BACKGROUND, 255]);
    expect(crowd.persons[0].joints[0]).toEqual([10.5 + 2 * POOL[0].joints[0][0], 20 + 2 * POOL[0].joints[0][1]]);
  });

  it('leave the joints that fall outside the picture unlabelled', () => {
    const sprite = POOL[3];
    const left = -sprite.joints[2][0] * 2 + 1;
    const { persons } = renderCrowd([{ sprite, left, top: -sprite.joints[0][1] * 2 - 1, scale: 2 }], { width: 300, height: 300 });
    // The right shoulder lands at x = 1; the right elbow and wrist, further left, fall outside, as does the head top above.
    expect(persons[0].labelled[2]).toBe(true);
    expect(persons[0].labelled[3]).toBe(false);
    expect(persons[0].labelled[4]).toBe(false);
    expect(persons[0].labelled[0]).toBe(false);
    expect(persons[0].labelled[1]).toBe(true);
  });

  it('put a neighbour in front of the target over each share of its width asked, about as tall', () => {
    const set = crowdSet(POOL, 1);
    expect(set.scenes).toHaveLength(SCENES_PER_CROWD);
    for (const scene of set.scenes) {
      const alone = renderCrowd(scene.alone, set.canvas);
      const target = alone.persons[0];
      expect(alone.persons).toHaveLength(1);
      expect(scene.withNeighbour).toHaveLength(OVERLAPS.length);
      scene.withNeighbour.forEach((placements, k) => {
        const paired = renderCrowd(placements, set.canvas);
        const [t, n] = paired.persons;
        expect(t.rect).toEqual(target.rect);
        const width = t.rect.x1 - t.rect.x0;
        const shared = Math.min(t.rect.x1, n.rect.x1) - Math.max(t.rect.x0, n.rect.x0);
        expect(shared / width).toBeCloseTo(OVERLAPS[k], 9);
        expect(overlapping(t.rect, n.rect)).toBe(true);
        expect(heightOf(n) / heightOf(t)).toBeGreaterThanOrEqual(0.9);
        expect(heightOf(n) / heightOf(t)).toBeLessThanOrEqual(1.1);
        for (const p of [t, n]) expect(p.rect.x0 >= 0 && p.rect.x1 <= set.canvas.width && p.rect.y0 >= 0 && p.rect.y1 <= set.canvas.height).toBe(true);
        // In front: where the two overlap, the picture is the neighbour's, not the target's.
        const [x, y] = [Math.floor((Math.max(t.rect.x0, n.rect.x0) + Math.min(t.rect.x1, n.rect.x1)) / 2), Math.floor((n.rect.y0 + n.rect.y1) / 2)];
        expect(pixel(paired, x, y)).not.toEqual(pixel(alone, x, y));
        expect(pixel(paired, x, y)).toEqual(pixel(renderCrowd([placements[1]], set.canvas), x, y));
      });
    }
  });

  it('cut the neighbour to their body in the body scenes: their skeleton hides the target, their photo around it does not', () => {
    const set = crowdSet(POOL, 1);
    let shownThrough = 0;
    for (const scene of set.scenes) {
      scene.withBody.forEach((placements, k) => {
        const [t, n] = placements;
        const rectangle = scene.withNeighbour[k];
        expect(t).toEqual(rectangle[0]);
        expect({ ...n, sprite: null }).toEqual({ ...rectangle[1], sprite: null });
        const paired = renderCrowd(placements, set.canvas);
        const neighbour = paired.persons[1];
        const torso = [2, 5, 8, 11].map((j) => neighbour.joints[j]);
        const middle: XY = [torso.reduce((sum, [x]) => sum + x, 0) / 4, torso.reduce((sum, [, y]) => sum + y, 0) / 4];
        expect(hides(n, middle)).toBe(true);
        expect(hides(rectangle[1], [neighbour.rect.x0 + 1, neighbour.rect.y0 + 1])).toBe(true);
        expect(hides(n, [neighbour.rect.x0 + 1, neighbour.rect.y0 + 1])).toBe(false);
        const [x, y] = middle.map(Math.floor);
        expect(pixel(paired, x, y)).toEqual(pixel(renderCrowd([rectangle[1]], set.canvas), x, y));
        // Where the neighbour's rectangle lies over the target but their body does not, the target shows through.
        const { rect } = neighbour;
        const corner = (n.left > t.left ? [rect.x0 + 1, rect.y0 + 1] : [rect.x1 - 2, rect.y0 + 1]).map(Math.floor) as XY;
        if (!hides(t, corner)) return;
        expect(pixel(paired, ...corner)).toEqual(pixel(renderCrowd([t], set.canvas), ...corner));
        shownThrough += 1;
      });
    }
    expect(shownThrough).toBeGreaterThan(0);
  });

  it('cut a body to within reach of its labelled skeleton, every labelled joint inside', () => {
    const { sprite } = synthetic(3);
    const body = bodySprite(sprite);
    const at = { sprite: body, left: 0, top: 0, scale: 1 };
    for (const joint of body.joints) expect(hides(at, joint)).toBe(true);
    expect(hides(at, [0, 0])).toBe(false);
    expect(hides(at, [body.width - 1, body.height / 2])).toBe(false);
    expect(hides({ ...at, sprite }, [0, 0])).toBe(true);
    expect(Array.from(body.rgba.filter((_, i) => i % 4 !== 3))).toEqual(Array.from(sprite.rgba.filter((_, i) => i % 4 !== 3)));
  });

  it('are made of held-out persons with a torso and most joints labelled, not lying down', () => {
    const { person } = synthetic(0);
    const lying = { ...person, joints: person.joints.map(([x, y]): XY => [y * 3, x]) };
    const fewJoints = { ...person, labelled: person.labelled.map((_, j) => j < 11) };
    const noTorso = { ...person, labelled: person.labelled.map((_, j) => j !== 2 && j !== 5) };
    const trained = { ...person, heldOut: false };
    expect(crowdCandidates([person, lying, fewJoints, noTorso, trained])).toEqual([person]);
  });
});

const LSPET = join('..', 'shared', 'data', 'lspet');

describe.runIf(existsSync(LSPET))('the end-to-end test’s crowd', () => {
  it('is ten held-out persons a third to a half of a 1280×720 picture tall, apart, written as a PNG', () => {
    const path = join(tmpdir(), 'cpm-crowd-test.png');
    const persons = writeTestCrowd(loadFolder(LSPET), path);
    const png = decodeImage(path);
    expect([png.width, png.height]).toEqual([TEST_CROWD.width, TEST_CROWD.height]);
    expect(persons).toHaveLength(10);
    persons.forEach((p, i) => {
      expect(p.heldOut).toBe(true);
      expect(heightOf(p) / TEST_CROWD.height).toBeGreaterThanOrEqual(TEST_CROWD.heights[0] - 1e-9);
      expect(heightOf(p) / TEST_CROWD.height).toBeLessThanOrEqual(TEST_CROWD.heights[1]);
      for (const other of persons.slice(i + 1)) expect(overlapping(p.rect, other.rect)).toBe(false);
    });
    expect(writeTestCrowd(loadFolder(LSPET), path)).toEqual(persons);
    expect(Buffer.from(decodeImage(path).data).equals(Buffer.from(png.data))).toBe(true);
  });
});
