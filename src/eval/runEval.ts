import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { FAMILY } from '../cpm/architecture';
import type { Estimator } from '../estimator/estimator';
import type { EstimationConfig, Picture } from '../estimator/types';
import type { StagePose } from '../pose/keypoints';
import { PeakCalibration } from './calibration';
import { type LabelledPerson, loadFolder } from './datasets';
import { decodeImage, loadEstimatorFromDisk, rgbaPicture } from './disk';
import { type LabelledTruth, isFound, matchPoses } from './match';
import { PckCounter, type StageScore, labelBox, torsoLength } from './pck';

/**
 * How people are framed: cut out from their labels (`labels`, the usual protocol), or the whole picture read as the
 * app reads a dropped photo: the person finder, then every person found, with the still's second look (`finder`),
 * or without it (`finder-once`, the app before it had one); or, with no finder, one box of the card's boxSize × the
 * picture around its centre (`picture`, the app's framing before the finder).
 */
export type Framing = 'labels' | 'finder' | 'finder-once' | 'picture';

/** How each person is read: flip-tested, multi-scale (as the app's "Flip test" and "Multi-scale"). */
export type ReadOptions = Pick<EstimationConfig, 'flip' | 'multiScale'>;

export interface EvalReport extends Scores {
  model: string;
  framing: Framing;
  config: EstimationConfig;
}

type XY = [number, number];
const joints = (pose: StagePose): XY[] => pose.keypoints.map((p): XY => [p.x, p.y]);
const finalStage = (stages: StagePose[]): StagePose => stages[stages.length - 1];

export interface Reader {
  /** Every pose read in the picture, each as its stages; `persons` are its scored labelled persons. */
  (picture: Picture, persons: LabelledPerson[]): Promise<StagePose[][]>;
}

/** A still's config, as the app reads a dropped photo with these options. */
export function stillConfig(options: ReadOptions): EstimationConfig {
  return { mode: 'still', flip: options.flip ?? false, multiScale: options.multiScale ?? false };
}

/**
 * Reads pictures through the estimator: every person `config` finds (a whole picture, as the app reads it), or with
 * `byLabels` each labelled person alone in the box cut from their labels (the estimator's box framed by hand).
 */
export function estimatorReader(estimator: Estimator, config: EstimationConfig, byLabels: boolean): Reader {
  return async (picture, persons) => {
    if (!byLabels) return (await estimator.estimatePoses(picture, config)).people.map((p) => p.poses);
    const poses: StagePose[][] = [];
    for (const person of persons) {
      const handBox = labelBox(person.joints, person.labelled, estimator.settings.cropScale);
      poses.push((await estimator.estimatePoses(picture, { ...config, handBox, people: [] })).people[0].poses);
    }
    return poses;
  };
}

/** The labelled persons of each picture, in the order they were listed. */
export function byPicture(persons: LabelledPerson[]): LabelledPerson[][] {
  const groups = new Map<string, LabelledPerson[]>();
  for (const person of persons) groups.set(person.image, [...(groups.get(person.image) ?? []), person]);
  return [...groups.values()];
}

/** What scoring a reader over labelled pictures gives. */
export interface Scores {
  persons: number;
  /** Persons whose stage-T pose gets at least half their (scored) labelled joints right. */
  found: number;
  stages: StageScore[];
  calibration: PeakCalibration;
}

/**
 * Reads every picture of `persons` and scores its persons with a torso. With `byOrder` the reader returns one pose
 * per person in order (label crops); otherwise its poses are matched to the persons at stage T. `only` limits the
 * joints scored (and matched, and counted for "found"): a reader without some joints is scored on the rest.
 */
export async function scorePictures(
  persons: LabelledPerson[],
  read: Reader,
  stages: number,
  options: { byOrder: boolean; only?: number[] },
  onProgress: (done: number, total: number) => void,
): Promise<Scores> {
  const counter = new PckCounter(stages, FAMILY.joints);
  const calibration = new PeakCalibration();
  const { only } = options;
  let found = 0;
  let done = 0;
  for (const group of byPicture(persons)) {
    // Only persons with a torso are scored (PCK's unit); a picture with none is not read at all. The reader gets
    // every label (a label crop is cut around all of them); `only` limits what is matched and scored.
    const withTorso = group.flatMap((p): (LabelledPerson & LabelledTruth)[] => {
      const torso = torsoLength(p.joints, p.labelled);
      return torso === null ? [] : [{ ...p, torso }];
    });
    const scored = withTorso.map((p) => (only ? { ...p, labelled: p.labelled.map((l, j) => l && only.includes(j)) } : p));
    const poses = scored.length === 0 ? [] : await read(rgbaPicture(decodeImage(group[0].image)), withTorso);
    // Read from their labels, person i's pose is poses[i]; in a whole picture poses are matched at stage T.
    const matched = options.byOrder ? scored.map((_, i) => i) : matchPoses(scored, poses.map((p) => joints(finalStage(p))));
    scored.forEach((truth, i) => {
      const pose = matched[i] === null ? null : poses[matched[i]];
      if (isFound(truth, pose ? joints(finalStage(pose)) : null)) found += 1;
      counter.add(pose ? pose.map(joints) : null, truth.joints, truth.labelled, truth.torso);
      calibration.add(pose ? finalStage(pose).keypoints : null, truth.joints, truth.labelled, truth.torso);
    });
    done += group.length;
    onProgress(done, persons.length);
  }
  return { persons: counter.persons, found, stages: counter.scores(), calibration };
}

/** The labelled persons of the folders (only the held-out split's when asked). */
export function loadPersons(folders: string[], heldOutOnly: boolean): LabelledPerson[] {
  return folders.flatMap((folder) => loadFolder(folder)).filter((p) => !heldOutOnly || p.heldOut);
}

export async function evaluateFolders(
  modelId: string,
  folders: string[],
  options: ReadOptions & { heldOutOnly: boolean; backend: 'wasm' | 'cpu'; framing: Framing },
  onProgress: (done: number, total: number) => void,
): Promise<EvalReport> {
  if (!(await tf.setBackend(options.backend))) throw new Error(`tfjs backend ${options.backend} failed to start`);
  const { framing } = options;
  const finding = framing === 'finder' || framing === 'finder-once';
  const estimator = await loadEstimatorFromDisk(modelId, { finder: finding, settings: framing === 'finder-once' ? { secondLook: false } : {} });
  const config = stillConfig(options);
  const persons = loadPersons(folders, options.heldOutOnly);
  const read = estimatorReader(estimator, config, framing === 'labels');
  const scores = await scorePictures(persons, read, estimator.network.spec.stages, { byOrder: framing === 'labels' }, onProgress);
  estimator.dispose();
  return { model: modelId, framing, config, ...scores };
}
