import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { FAMILY } from '../cpm/architecture';
import type { StagePose } from '../pose/keypoints';
import type { LabelledPerson } from './datasets';
import { LIMB_JOINTS, type StageScore } from './pck';
import { type CocoKeypoint, cocoToCpm, movenetCrop } from '../pose/movenet';
import { finderCrop, pooledLimbs } from './peers';
import { scorePictures } from './runEval';

/** 17 COCO keypoints, all at (x, y) with score 0.9, then the given ones moved. */
function coco(moves: Record<number, [number, number, number?]> = {}): CocoKeypoint[] {
  return Array.from({ length: 17 }, (_, k) => {
    const [x, y, score] = moves[k] ?? [50, 50, 0.9];
    return { x, y, score: score ?? 0.9 };
  });
}

describe('MoveNet peers', () => {
  it('maps COCO keypoints to CPM joints, the neck between the shoulders', () => {
    const joints = cocoToCpm(coco({ 5: [40, 20], 6: [60, 22, 0.5], 10: [70, 80], 15: [30, 95] }));
    expect(joints).toHaveLength(14);
    expect(joints[1]).toMatchObject({ joint: 'neck', x: 50, y: 21, confidence: 0.5 });
    expect(joints[2]).toMatchObject({ joint: 'right shoulder', x: 60, y: 22 });
    expect(joints[4]).toMatchObject({ joint: 'right wrist', x: 70, y: 80 });
    expect(joints[13]).toMatchObject({ joint: 'left ankle', x: 30, y: 95 });
  });

  it("crops as MoveNet's examples do: around the hips, 1.9 torso or 1.2 body reach", () => {
    // Hips at (100, 100), shoulders 40 px above, an ankle 60 px below: half = max(1.9 · 40, 1.2 · 60) = 76.
    const keypoints = coco({ 5: [95, 60], 6: [105, 60], 11: [95, 100], 12: [105, 100], 15: [100, 160] });
    for (const k of [0, 1, 2, 3, 4, 7, 8, 9, 10, 13, 14, 16]) keypoints[k] = { x: 100, y: 100, score: 0.9 };
    expect(movenetCrop(keypoints, 400, 300)).toEqual({ x: 24, y: 24, side: 152 });
  });

  it('falls back to the whole picture when the torso is unseen or the crop outgrows it', () => {
    const unseen = coco({ 11: [50, 50, 0.1], 12: [50, 50, 0.1] });
    expect(movenetCrop(unseen, 200, 100)).toEqual({ x: 0, y: -50, side: 200 });
    // Hips near the left edge: the crop is capped at the farthest border (180 px), still wider than half the picture.
    const offside = coco({ 11: [20, 50], 12: [20, 50], 16: [20, 400] });
    expect(movenetCrop(offside, 200, 100)).toEqual({ x: 0, y: -50, side: 200 });
  });

  it('caps the crop at the distance to the farthest border', () => {
    // Reach 1.2 · 305 px, capped at 100 (the centre is 100 px from the left and right borders).
    const tall = coco({ 5: [100, 0], 11: [100, 95], 12: [100, 95], 16: [100, 400] });
    expect(movenetCrop(tall, 200, 100)).toEqual({ x: 0, y: -5, side: 200 });
  });

  it('frames a found person in a square 1.25 × their box', () => {
    const person = { score: 0.9, x0: 10, y0: 20, x1: 30, y1: 100, keypoints: [] };
    expect(finderCrop(person)).toEqual({ x: -30, y: 10, side: 100 });
  });

  it('pools sets by joints, not by averaging their percentages', () => {
    const stage = (hits: number, total: number): StageScore => ({
      stage: 1,
      pck: 0,
      limbs: 0,
      joints: Object.fromEntries(FAMILY.joints.map((name, j) => [name, LIMB_JOINTS.includes(j) ? { hits, total } : { hits: 0, total: 9 }])),
    });
    // 12 limb joints: 12 of 12 labels right in one set, 0 of 36 in the other: 25 %, not the 50 % of an average.
    expect(pooledLimbs([stage(1, 1), stage(0, 3)])).toBe(25);
  });

  it('gives a reader scored on the limbs every label, so that a label crop is cut around all of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'peers-'));
    const image = join(folder, 'person.png');
    writeFileSync(image, PNG.sync.write(Object.assign(new PNG({ width: 8, height: 8 }), { data: Buffer.alloc(8 * 8 * 4, 128) })));
    const joints = FAMILY.joints.map((_, j): [number, number] => [j % 4, Math.floor(j / 4)]);
    const person: LabelledPerson = { image, joints, labelled: joints.map(() => true), heldOut: true };
    const seen: boolean[][] = [];
    const reader = (_: unknown, persons: LabelledPerson[]): Promise<StagePose[][]> => {
      seen.push(...persons.map((p) => p.labelled));
      const keypoints = joints.map(([x, y], j) => ({ joint: FAMILY.joints[j], x, y, confidence: 1, peak: 1 }));
      return Promise.resolve(persons.map(() => [{ stage: 1, keypoints }]));
    };
    const scores = await scorePictures([person], reader, 1, { byOrder: true, only: LIMB_JOINTS }, () => undefined);
    expect(seen).toEqual([joints.map(() => true)]); // head top and neck too
    expect(scores.stages[0].joints['head top'].total).toBe(0); // but scored on the limbs only
    expect(scores.stages[0].limbs).toBe(100);
  });
});
