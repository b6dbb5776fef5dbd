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
import { type Box, type Point, boxAround, framingBox, inputToImage } from '../pose/box';
import type { FoundPerson } from '../pose/people';
import type { StagePose } from '../pose/keypoints';
import type { LabelledPerson } from './datasets';
import { LIMB_JOINTS, type StageScore, labelBox } from './pck';
import type { Reader } from './runEval';

/** MoveNet's examples trust a keypoint for cropping above this score. */
const CROP_SCORE = 0.2;

/** COCO keypoint per CPM joint; head top has none (the nose stands in, unscored) and neck none (shoulders' middle). */
export const COCO_OF_CPM = [0, -1, 6, 8, 10, 5, 7, 9, 12, 14, 16, 11, 13, 15];
const [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP] = [5, 6, 11, 12];

export type CocoKeypoint = Point & { score: number };

export function cocoToCpm(keypoints: CocoKeypoint[]): StagePose['keypoints'] {
  return COCO_OF_CPM.map((k, j) => {
    const p =
      k >= 0
        ? keypoints[k]
        : {
            x: (keypoints[L_SHOULDER].x + keypoints[R_SHOULDER].x) / 2,
            y: (keypoints[L_SHOULDER].y + keypoints[R_SHOULDER].y) / 2,
            score: Math.min(keypoints[L_SHOULDER].score, keypoints[R_SHOULDER].score),
          };
    return { joint: FAMILY.joints[j], x: p.x, y: p.y, confidence: p.score, peak: p.score };
  });
}

/**
 * MoveNet's cropping (the TensorFlow Hub tutorial's determine_crop_region): a square around the hips' middle, wide
 * enough for 1.9 × the torso's and 1.2 × the body's reach; the whole picture (letterboxed) when the torso is not
 * seen or the square would outgrow it.
 */
export function movenetCrop(keypoints: CocoKeypoint[], width: number, height: number): Box {
  const whole = framingBox(width, height, null, 1);
  const seen = (k: number): boolean => keypoints[k].score > CROP_SCORE;
  if (!((seen(L_HIP) || seen(R_HIP)) && (seen(L_SHOULDER) || seen(R_SHOULDER)))) return whole;
  const centre = { x: (keypoints[L_HIP].x + keypoints[R_HIP].x) / 2, y: (keypoints[L_HIP].y + keypoints[R_HIP].y) / 2 };
  const reach = (ks: number[]): number =>
    Math.max(0, ...ks.filter(seen).map((k) => Math.max(Math.abs(keypoints[k].x - centre.x), Math.abs(keypoints[k].y - centre.y))));
  const all = keypoints.map((_, k) => k);
  let half = Math.max(1.9 * reach([L_SHOULDER, R_SHOULDER, L_HIP, R_HIP]), 1.2 * reach(all));
  half = Math.min(half, Math.max(centre.x, width - centre.x, centre.y, height - centre.y));
  return half > Math.max(width, height) / 2 ? whole : boxAround(centre, 2 * half);
}

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
  // (y, x, score) as fractions of the input, edge coordinates (pose/box.ts: half an input pixel off).
  return Array.from({ length: 17 }, (_, k) => ({
    ...inputToImage(box, size, { x: data[3 * k + 1] * size - 0.5, y: data[3 * k] * size - 0.5 }),
    score: data[3 * k + 2],
  }));
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
  return times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  });
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
