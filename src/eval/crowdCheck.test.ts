import { describe, expect, it } from 'vitest';
import type { StagePose } from '../pose/keypoints';
import { hiddenJoints, jointsOnNeighbour } from './crowdCheck';

type XY = [number, number];

const person = (joints: XY[]) => ({ image: 'p', joints, labelled: joints.map(() => true), heldOut: true, rect: { x0: 0, y0: 0, x1: 100, y1: 100 } });
const read = (joints: XY[], confidence = (_: number): number => 1): StagePose[] => [
  { stage: 1, keypoints: joints.map(([x, y], j) => ({ joint: 'j', x, y, confidence: confidence(j), peak: confidence(j) })) },
];

describe('the target joints read on the neighbour', () => {
  // A target and a neighbour of 14 joints in columns 100 px apart, 30 px between joints; PCK's reach is 0.2 × a torso of 50 px, 10 px.
  const target = { ...person(Array.from({ length: 14 }, (_, j): XY => [100, 30 * j])), torso: 50 };
  const neighbour = person(Array.from({ length: 14 }, (_, j): XY => [200, 30 * j]));

  it('counts a joint read wrong where one of the neighbour’s joints is, not one read right or wrong elsewhere', () => {
    const joints = target.joints.map(([x, y]): XY => [x + 3, y]);
    joints[2] = [198, 62];
    joints[3] = [150, 30];
    joints[4] = [203, 125];
    expect(jointsOnNeighbour(target, neighbour, read(joints))).toBe(2);
    // Right where the neighbour's hand reaches the target's: right, so not on the neighbour.
    const touching = { ...neighbour, joints: neighbour.joints.map((xy, j): XY => (j === 13 ? [106, 390] : xy)) };
    expect(jointsOnNeighbour(target, touching, read(joints))).toBe(2);
  });

  it('leaves out the target’s unlabelled joints and the neighbour’s, and a target nobody read', () => {
    const joints = target.joints.map(([x, y]): XY => [x + 100, y]);
    const unlabelled = { ...target, labelled: target.labelled.map((_, j) => j < 4) };
    expect(jointsOnNeighbour(unlabelled, neighbour, read(joints))).toBe(4);
    expect(jointsOnNeighbour(target, { ...neighbour, labelled: neighbour.labelled.map((_, j) => j < 5) }, read(joints))).toBe(5);
    expect(jointsOnNeighbour(target, neighbour, null)).toBe(0);
  });
});

describe("the target's hidden joints, as drawn", () => {
  const target = { ...person(Array.from({ length: 14 }, (_, j): XY => [100, 30 * j])), torso: 50 };
  // The neighbour hides joints 0-5; joint 5 is not labelled.
  const hidden = target.joints.map((_, j) => j < 6);
  const unlabelled5 = { ...target, labelled: target.labelled.map((_, j) => j !== 5) };

  it('counts the hidden labelled joints drawn hollow (below weakPeak) and those drawn solid and wrong', () => {
    const joints = target.joints.map(([x, y], j): XY => (j === 1 || j === 2 || j === 7 ? [x + 40, y] : [x, y]));
    // Joints 0 and 1 unsure (hollow), 2-13 sure: 2 is solid and wrong, 3 and 4 solid and right; 7 is wrong but not hidden.
    const drawn = hiddenJoints(unlabelled5, hidden, read(joints, (j) => (j < 2 ? 0.2 : 0.9)), 0.5);
    expect(drawn).toEqual({ joints: 5, hollow: 2, solidWrong: 1 });
  });

  it('draws none of them for a target nobody read', () => {
    expect(hiddenJoints(unlabelled5, hidden, null, 0.5)).toEqual({ joints: 5, hollow: 0, solidWrong: 0 });
  });
});
