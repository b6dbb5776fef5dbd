import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { CpmNetwork } from '../cpm/network';
import { estimate } from '../estimator/estimate';
import { type LabelledPerson, loadFolder } from './datasets';
import { decodeImage, loadModelFromDisk, rgbaPicture } from './disk';
import { PckCounter, type StageScore, labelBox, torsoLength } from './pck';

/** How each person is read: flip-tested and at which scales (as the app's "Flip test" and "Multi-scale"). */
export interface ReadOptions {
  flip: boolean;
  scales: number[];
}

export interface EvalReport extends ReadOptions {
  model: string;
  persons: number;
  stages: StageScore[];
}

/** Every stage's joints for one person, in image pixels, read by the app's estimator in the box cut from the labels. */
async function predictPerson(network: CpmNetwork, person: LabelledPerson, k: number, options: ReadOptions): Promise<[number, number][][]> {
  const picture = rgbaPicture(decodeImage(person.image));
  const { poses } = await estimate(network, picture, { box: labelBox(person.joints, person.labelled, k), ...options });
  return poses.map((pose) => pose.keypoints.map((p): [number, number] => [p.x, p.y]));
}

export async function evaluateFolders(
  modelFolder: string,
  folders: string[],
  options: ReadOptions & { heldOutOnly: boolean; backend: 'wasm' | 'cpu' },
  onProgress: (done: number, total: number) => void,
): Promise<EvalReport> {
  if (!(await tf.setBackend(options.backend))) throw new Error(`tfjs backend ${options.backend} failed to start`);
  const { file, network } = await loadModelFromDisk(modelFolder);
  const k = file.cpm.architecture.evalCropScale ?? 2;
  const persons = folders.flatMap((folder) => loadFolder(folder)).filter((p) => !options.heldOutOnly || p.heldOut);
  const counter = new PckCounter(network.spec.stages, file.cpm.joints);
  const reading = { flip: options.flip, scales: options.scales };
  for (const [n, person] of persons.entries()) {
    const torso = torsoLength(person.joints, person.labelled);
    if (torso !== null) counter.add(await predictPerson(network, person, k, reading), person.joints, person.labelled, torso);
    onProgress(n + 1, persons.length);
  }
  network.dispose();
  return { model: file.cpm.id, flip: options.flip, scales: options.scales, persons: counter.persons, stages: counter.scores() };
}
