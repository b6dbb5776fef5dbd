import { describe, expect, it } from 'vitest';
import { type CocoKeypoint, cocoToCpm, finderCrop, movenetCrop } from './peers';

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
});
