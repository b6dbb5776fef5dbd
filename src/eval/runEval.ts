import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { join } from 'node:path';
import { FAMILY } from '../cpm/architecture';
import { boxSizeOf } from '../cpm/modelFile';
import type { CpmNetwork } from '../cpm/network';
import { type Picture, estimate } from '../estimator/estimate';
import { readPicture } from '../estimator/people';
import { STILL_PERSON_SCORES } from '../pose/people';
import { type PersonFinder, loadPersonFinder } from '../estimator/personFinder';
import { framingBox } from '../pose/box';
import { type SecondLook, stillSecondLook } from '../pose/tracker';
import type { StagePose } from '../pose/keypoints';
import { PeakCalibration } from './calibration';
import { type LabelledPerson, loadFolder } from './datasets';
import { decodeImage, diskSource, loadModelFromDisk, rgbaPicture } from './disk';
import { type LabelledTruth, isFound, matchPoses } from './match';
import { PckCounter, type StageScore, labelBox, torsoLength } from './pck';

/**
 * How people are framed: cut out from their labels (`labels`, the usual protocol), or the whole picture read as the
 * app reads a dropped photo: the person finder, then every person found, with the still's second look (`finder`),
 * or without it (`finder-once`, the app before it had one); or one box of `boxSize` × the picture around its centre
 * (`picture`, the app's framing before the finder).
 */
export type Framing = 'labels' | 'finder' | 'finder-once' | 'picture';

/** How each person is read: flip-tested and at which scales (as the app's "Flip test" and "Multi-scale"). */
export interface ReadOptions {
  flip: boolean;
  scales: number[];
}

export interface EvalReport extends ReadOptions, Scores {
  model: string;
  framing: Framing;
}

type XY = [number, number];
const joints = (pose: StagePose): XY[] => pose.keypoints.map((p): XY => [p.x, p.y]);
const finalStage = (stages: StagePose[]): StagePose => stages[stages.length - 1];

export interface Reader {
  /** Every pose read in the picture, each as its stages; `persons` are its scored labelled persons. */
  (picture: Picture, persons: LabelledPerson[]): Promise<StagePose[][]>;
}

function labelReader(network: CpmNetwork, cropScale: number, options: ReadOptions): Reader {
  return async (picture, persons) => {
    const poses: StagePose[][] = [];
    for (const person of persons) {
      poses.push((await estimate(network, picture, { box: labelBox(person.joints, person.labelled, cropScale), ...options })).poses);
    }
    return poses;
  };
}

/**
 * As the app reads a dropped photo: every person the finder sees, the app's framing of the picture if none, and the
 * still's second look where the first reading's joints frame a clearly different box (not with `secondLook` null: as
 * the app read a still before it had one).
 */
export function finderReader(
  network: CpmNetwork,
  finder: PersonFinder,
  cropScale: number,
  boxSize: number,
  options: ReadOptions,
  secondLook: SecondLook | null,
): Reader {
  return async (picture) => {
    const fallback = framingBox(picture.width, picture.height, null, boxSize);
    const framing = { kind: 'people' as const, cropScale, scores: STILL_PERSON_SCORES, fallback, ...(secondLook ? { secondLook } : {}) };
    const { readings } = await readPicture(network, finder, picture, framing, { ...options, timeStages: false });
    return readings.map((reading) => reading.poses);
  };
}

function pictureReader(network: CpmNetwork, boxSize: number, options: ReadOptions): Reader {
  return async (picture) => {
    const box = framingBox(picture.width, picture.height, null, boxSize);
    return [(await estimate(network, picture, { box, ...options })).poses];
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
    // Only persons with a torso are scored (PCK's unit); a picture with none is not read at all.
    const scored = group.flatMap((p): (LabelledPerson & LabelledTruth)[] => {
      const torso = torsoLength(p.joints, p.labelled);
      const labelled = only ? p.labelled.map((l, j) => l && only.includes(j)) : p.labelled;
      return torso === null ? [] : [{ ...p, labelled, torso }];
    });
    const poses = scored.length === 0 ? [] : await read(rgbaPicture(decodeImage(group[0].image)), scored);
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
  modelFolder: string,
  folders: string[],
  options: ReadOptions & { heldOutOnly: boolean; backend: 'wasm' | 'cpu'; framing: Framing },
  onProgress: (done: number, total: number) => void,
): Promise<EvalReport> {
  if (!(await tf.setBackend(options.backend))) throw new Error(`tfjs backend ${options.backend} failed to start`);
  const { file, network } = await loadModelFromDisk(modelFolder);
  const cropScale = file.cpm.architecture.evalCropScale;
  const reading = { flip: options.flip, scales: options.scales };
  const finding = options.framing === 'finder' || options.framing === 'finder-once';
  const finder = finding ? await loadPersonFinder(diskSource(join(modelFolder, '..', 'person-finder'))) : null;
  const secondLook = options.framing === 'finder' ? stillSecondLook(file.cpm.weakPeak ?? 0) : null;
  const read: Reader = finder
    ? finderReader(network, finder, cropScale, boxSizeOf(file.cpm), reading, secondLook)
    : options.framing === 'picture'
      ? pictureReader(network, boxSizeOf(file.cpm), reading)
      : labelReader(network, cropScale, reading);
  const persons = loadPersons(folders, options.heldOutOnly);
  const scores = await scorePictures(persons, read, network.spec.stages, { byOrder: options.framing === 'labels' }, onProgress);
  network.dispose();
  finder?.dispose();
  return { model: file.cpm.id, framing: options.framing, flip: options.flip, scales: options.scales, ...scores };
}
