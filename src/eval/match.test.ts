import { describe, expect, it } from 'vitest';
import { isFound, jointHits, matchPoses } from './match';

type XY = [number, number];
const person = (dx: number): { joints: XY[]; labelled: boolean[]; torso: number } => ({
  joints: Array.from({ length: 14 }, (_, j): XY => [dx + j, 10 * j]),
  labelled: Array.from({ length: 14 }, (_, j) => j !== 3),
  torso: 50,
});
const shifted = (truth: { joints: XY[] }, by: number, wrong = 0): XY[] =>
  truth.joints.map(([x, y], j): XY => [x + by + (j < wrong ? 100 : 0), y]);

describe('matching found poses to labelled persons', () => {
  it('counts only labelled joints within 0.2 torso', () => {
    const truth = person(0);
    expect(jointHits(truth, shifted(truth, 9))).toBe(13);
    expect(jointHits(truth, shifted(truth, 11))).toBe(0);
    expect(jointHits(truth, shifted(truth, 0, 5))).toBe(9);
  });

  it('gives each person the pose with most hits, each pose once', () => {
    const a = person(0);
    const b = person(300);
    // Pose 0 is good on b, pose 1 is partly right on a, pose 2 is nowhere.
    const poses = [shifted(b, 2), shifted(a, 2, 6), shifted(a, 500)];
    expect(matchPoses([a, b], poses)).toEqual([1, 0]);
  });

  it('leaves a person unmatched when every pose is taken or misses them', () => {
    const a = person(0);
    const b = person(5);
    expect(matchPoses([a, b], [shifted(a, 0)])).toEqual([0, null]);
    expect(matchPoses([a], [shifted(a, 400)])).toEqual([null]);
  });

  it('calls a person found when at least half their labelled joints are right', () => {
    const truth = person(0);
    expect(isFound(truth, shifted(truth, 0, 6))).toBe(true);
    expect(isFound(truth, shifted(truth, 0, 8))).toBe(false);
    expect(isFound(truth, null)).toBe(false);
  });
});
