/**
 * Runs the two-person check (pairs.ts) on labelled persons through the one estimator: each person read beside the
 * next one in the list, once on the left and once on the right, with the center map on them; and alone in the same
 * place. Scores the target's joints that lie in its half of the crop. To tell where a fall comes from, it also scores
 * the limb joints at their peak within the target's half (the distractor's side out of reach), in stage T's maps and,
 * for a MoveNet backbone, in the backbone's own keypoint heatmaps that every stage reads.
 */
import * as tf from '@tensorflow/tfjs';
import type { Estimator } from '../estimator/estimator';
import { pictureInput } from '../estimator/estimateBox';
import type { Picture } from '../estimator/types';
import { bilinearCrop } from '../pose/bilinearCrop';
import type { CpmNetwork } from '../cpm/network';
import type { LabelledPerson } from './datasets';
import { decodeImage } from './disk';
import { jointHits } from './match';
import { LIMB_JOINTS, labelBox, torsoLength, withinPck } from './pck';
import { type Half, type PersonCut, composePair, jointsInPair, pairCentre, peakInHalf } from './pairs';
import { COCO_OF_CPM } from '../pose/movenet';
import { FAMILY, NUM_MAPS, gridSize } from '../cpm/architecture';
import { imageToInput } from '../pose/box';
import { stageSlice } from '../pose/keypoints';

type XY = [number, number];

export interface CenterCheckReport {
  /** Targets read (each person twice: on the left and on the right). */
  targets: number;
  /** Per stage: PCK@0.2 of the targets' joints alone, and with the other person beside them. */
  alone: number[];
  paired: number[];
  /** Stage-T target joints put within 0.2 of the distractor's torso of the distractor's same joint instead. */
  toDistractor: number;
  /** PCK@0.2 of the target's limb joints at their peak within the target's half, alone and paired. */
  inHalf: {
    stageT: AlonePaired;
    /** The backbone's keypoint heatmaps (a MoveNet backbone's COCO channels); null for other members. */
    backbone: AlonePaired | null;
  };
}

export interface AlonePaired {
  alone: number;
  paired: number;
}

/** Whether the member's features are a MoveNet backbone's 17 COCO keypoint heatmaps. */
function readsMovenetHeatmaps(network: CpmNetwork): boolean {
  const backbone = network.spec.backbone;
  return backbone !== undefined && backbone.source.startsWith('movenet') && backbone.channels === 17;
}

function cutOut(person: LabelledPerson & { torso: number }, cropScale: number, size: number, pad: number): PersonCut {
  const image = decodeImage(person.image);
  const box = labelBox(person.joints, person.labelled, cropScale);
  const k = size / box.side;
  return {
    rgb: bilinearCrop(image.data, image.width, image.height, box, size, pad),
    joints: person.joints.map(([x, y]): XY => {
      const p = imageToInput(box, size, { x, y });
      return [p.x, p.y];
    }),
    labelled: person.labelled,
    torso: person.torso * k,
  };
}

function pairPicture(rgba: Uint8Array, size: number): Picture {
  return { width: size, height: size, crop: (box, s, pad) => bilinearCrop(rgba, size, size, box, s, pad) };
}

export async function centerCheck(
  estimator: Estimator,
  persons: LabelledPerson[],
  onProgress: (done: number, total: number) => void,
): Promise<CenterCheckReport> {
  const { network } = estimator;
  const { cropScale } = estimator.settings;
  const { inputSize: size, stages, normalization } = network.spec;
  const pad = normalization.padValue;
  const scored = persons.flatMap((p) => {
    const torso = torsoLength(p.joints, p.labelled);
    return torso === null ? [] : [{ ...p, torso }];
  });
  const hits = { alone: new Array<number>(stages).fill(0), paired: new Array<number>(stages).fill(0) };
  let total = 0;
  let toDistractor = 0;
  const box = { x: 0, y: 0, side: size };
  const grid = gridSize(network.spec);
  const heatmaps = readsMovenetHeatmaps(network);
  const inHalf = { stageT: { alone: 0, paired: 0 }, backbone: { alone: 0, paired: 0 } };
  let limbs = 0;
  const read = async (rgba: Uint8Array, half: Half): Promise<{ poses: XY[][]; stageT: XY[]; backbone: XY[] | null }> => {
    const picture = pairPicture(rgba, size);
    const [{ poses, maps }] = (await estimator.estimatePoses(picture, { mode: 'still', handBox: box, center: pairCentre(half, size), people: [] })).people;
    const last = stageSlice(maps, { grid, channels: NUM_MAPS, stride: network.spec.stride, inputSize: size }, stages);
    return {
      poses: poses.map((pose) => pose.keypoints.map((k): XY => [k.x, k.y])),
      stageT: FAMILY.joints.map((_, j) => peakInHalf(last, grid, NUM_MAPS, j, half, network.spec.stride)),
      backbone: heatmaps ? await backbonePeaks(network, picture, half, grid) : null,
    };
  };
  for (let i = 0; i < scored.length; i += 1) {
    const left = cutOut(scored[i], cropScale, size, pad);
    const right = cutOut(scored[(i + 1) % scored.length], cropScale, size, pad);
    const both = composePair(left.rgb, right.rgb, size, pad);
    for (const [target, other, half] of [
      [left, right, 'left'],
      [right, left, 'right'],
    ] as const) {
      const truth = { ...jointsInPair(target, half, size), torso: target.torso };
      const distractor = { ...jointsInPair(other, half === 'left' ? 'right' : 'left', size), torso: other.torso };
      const alone = await read(half === 'left' ? composePair(left.rgb, null, size, pad) : composePair(null, right.rgb, size, pad), half);
      const paired = await read(both, half);
      total += truth.labelled.filter(Boolean).length;
      for (let t = 0; t < stages; t += 1) {
        hits.alone[t] += jointHits(truth, alone.poses[t]);
        hits.paired[t] += jointHits(truth, paired.poses[t]);
      }
      const limbTruth = { ...truth, labelled: truth.labelled.map((l, j) => l && LIMB_JOINTS.includes(j)) };
      limbs += limbTruth.labelled.filter(Boolean).length;
      inHalf.stageT.alone += jointHits(limbTruth, alone.stageT);
      inHalf.stageT.paired += jointHits(limbTruth, paired.stageT);
      if (alone.backbone && paired.backbone) {
        inHalf.backbone.alone += jointHits(limbTruth, alone.backbone);
        inHalf.backbone.paired += jointHits(limbTruth, paired.backbone);
      }
      truth.labelled.forEach((isLabelled, j) => {
        if (isLabelled && other.labelled[j] && withinPck(paired.poses[stages - 1][j], distractor.joints[j], other.torso)) toDistractor += 1;
      });
    }
    onProgress(i + 1, scored.length);
  }
  const percent = (n: number): number => (100 * n) / Math.max(1, total);
  const ofLimbs = ({ alone, paired }: AlonePaired): AlonePaired => ({ alone: (100 * alone) / Math.max(1, limbs), paired: (100 * paired) / Math.max(1, limbs) });
  return {
    targets: 2 * scored.length,
    alone: hits.alone.map(percent),
    paired: hits.paired.map(percent),
    toDistractor: percent(toDistractor),
    inHalf: { stageT: ofLimbs(inHalf.stageT), backbone: heatmaps ? ofLimbs(inHalf.backbone) : null },
  };
}

/** Per CPM joint, the peak within `half` of the backbone's pooled COCO heatmap for it (head top and neck unscored). */
async function backbonePeaks(network: CpmNetwork, picture: Picture, half: Half, grid: number): Promise<XY[]> {
  const size = network.spec.inputSize;
  const image = tf.tensor4d(pictureInput(network, picture, { x: 0, y: 0, side: size }), [1, size, size, 3]);
  const { features, local } = network.features(image);
  const maps = (await features.data()) as Float32Array;
  tf.dispose([image, features, ...(local ? [local] : [])]);
  return COCO_OF_CPM.map((k): XY => (k < 0 ? [0, 0] : peakInHalf(maps, grid, features.shape[3], k, half, network.spec.stride)));
}

export function formatCenterCheck(report: CenterCheckReport): string {
  const lines = [`two-person check: ${report.targets} targets (each person on the left and on the right of a pair)`];
  lines.push('stage   alone   with the other person beside them');
  report.alone.forEach((alone, t) => {
    lines.push(`${String(t + 1).padStart(5)}  ${alone.toFixed(1).padStart(5)}%  ${report.paired[t].toFixed(1).padStart(5)}%`);
  });
  const last = report.alone.length - 1;
  lines.push(`stage-T PCK with a distractor minus alone: ${(report.paired[last] - report.alone[last]).toFixed(1)} points`);
  lines.push(`stage-T target joints read on the distractor's same joint: ${report.toDistractor.toFixed(1)}%`);
  const pair = ({ alone, paired }: AlonePaired): string => `${alone.toFixed(1)}% alone, ${paired.toFixed(1)}% paired (${(paired - alone).toFixed(1)} points)`;
  lines.push(`limb joints at their peak in the target's half: stage T ${pair(report.inHalf.stageT)}`);
  if (report.inHalf.backbone) lines.push(`  the backbone's own keypoint heatmaps, which every stage reads: ${pair(report.inHalf.backbone)}`);
  return lines.join('\n');
}
