/**
 * MoveNet SinglePose (Thunder, 256², or Lightning, 192²), read as Google's examples read it, for the peers'
 * comparison (scripts/peers.ts): on the whole picture letterboxed to its input, then again on the square MoveNet's
 * cropping algorithm puts around that first answer; or on each person the person finder (MoveNet MultiPose) reports;
 * or on each labelled person's label crop, the box `npm run eval` cuts. Its 17 COCO keypoints are mapped to CPM's 14
 * joints; it has no head top and no neck, so peers are scored on the 12 limb joints.
 */
import * as tf from '@tensorflow/tfjs';
import type { Picture } from '../estimator/types';
import { movenetInput } from '../estimator/personFinder';
import { FAMILY } from '../cpm/architecture';
import { type Box, boxAround } from '../pose/box';
import { type CocoKeypoint, cocoToCpm, movenetCrop, movenetKeypoints } from '../pose/movenet';
import type { FoundPerson } from '../pose/people';
import type { StagePose } from '../pose/keypoints';
import type { LabelledPerson } from './datasets';
import { LIMB_JOINTS, type StageScore, labelBox } from './pck';
import { quantile } from '../pose/quantile';
import type { Reader } from './runEval';

/** A square around a found person's box, 1.25 × its longer side (the margin MoveNet's crops keep). */
export function finderCrop(person: FoundPerson): Box {
  const side = 1.25 * Math.max(person.x1 - person.x0, person.y1 - person.y0);
  return boxAround({ x: (person.x0 + person.x1) / 2, y: (person.y0 + person.y1) / 2 }, side);
}

/** A MoveNet SinglePose graph: int32 RGB [1, S, S, 3] in, [1, 1, 17, 3] (y, x, score) out. */
export type SinglePose = tf.GraphModel<tf.io.IOHandlerSync>;

/** The model's square input side S, from its graph's input signature (Thunder 256, Lightning 192). */
export function inputSide(model: SinglePose): number {
  const side = model.inputs[0].shape?.[1];
  if (side === undefined || side <= 0) throw new Error('MoveNet graph without a fixed input size');
  return side;
}

/** MoveNet's 17 keypoints for `box` of the picture (black outside it, as MoveNet's examples pad), picture pixels. */
export async function runMoveNet(model: SinglePose, picture: Picture, box: Box): Promise<CocoKeypoint[]> {
  const size = inputSide(model);
  const input = movenetInput(picture, box, size);
  const output = model.execute(input) as tf.Tensor;
  const data = await output.data();
  input.dispose();
  output.dispose();
  return movenetKeypoints(data as Float32Array, box, size);
}

/** Two passes as MoveNet's single-person examples run: `first`, then the crop its answer gives. */
export async function moveNetTwice(model: SinglePose, picture: Picture, first: Box): Promise<StagePose[]> {
  const once = await runMoveNet(model, picture, first);
  const twice = await runMoveNet(model, picture, movenetCrop(once, picture.width, picture.height));
  return [once, twice].map((keypoints, i) => ({ stage: i + 1, keypoints: cocoToCpm(keypoints) }));
}

/**
 * Reads each labelled person once in the box `npm run eval` cuts from their labels (labelBox at `cropScale`, the
 * model's evalCropScale), resized to MoveNet's input: one pass, the same pixels our model reads.
 */
export function labelCropReader(model: SinglePose, cropScale: number): Reader {
  return async (picture, persons) => {
    const poses: StagePose[][] = [];
    for (const person of persons) {
      const keypoints = await runMoveNet(model, picture, labelBox(person.joints, person.labelled, cropScale));
      poses.push([{ stage: 1, keypoints: cocoToCpm(keypoints) }]);
    }
    return poses;
  };
}

/**
 * Median milliseconds of each reader on the same label crops, the readers interleaved person by person so that a
 * machine's drift (another job on its cores) weighs on all of them alike. Each person is read once untimed first
 * (warm-up: shapes compiled, buffers allocated).
 */
export async function medianReadTimes(readers: Reader[], crops: { picture: Picture; persons: LabelledPerson[] }[]): Promise<number[]> {
  const times: number[][] = readers.map(() => []);
  for (const read of readers) if (crops.length > 0) await read(crops[0].picture, crops[0].persons);
  for (const { picture, persons } of crops) {
    for (const [r, read] of readers.entries()) {
      const start = performance.now();
      await read(picture, persons);
      times[r].push(performance.now() - start);
    }
  }
  return times.map((t) => quantile(t, 0.5));
}

/** Limb PCK of several sets' scores of one stage together: their limb joints' hits over their limb joints' labels. */
export function pooledLimbs(scores: StageScore[]): number {
  let hits = 0;
  let total = 0;
  for (const score of scores) {
    for (const j of LIMB_JOINTS) {
      const joint = score.joints[FAMILY.joints[j]];
      hits += joint.hits;
      total += joint.total;
    }
  }
  return total === 0 ? 0 : (100 * hits) / total;
}
