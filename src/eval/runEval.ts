import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { gridSize } from '../cpm/architecture';
import { type CpmModelFile, loadModel } from '../cpm/modelFile';
import { type CpmNetwork, networkFrom } from '../cpm/network';
import { bilinearCrop, cropToImage } from '../pose/bilinearCrop';
import { centerMap } from '../pose/centerMap';
import { decodePeaks } from '../pose/decode';
import { normalizePixels } from '../pose/normalize';
import { type LabelledPerson, loadFolder } from './datasets';
import { PckCounter, type StageScore, personBox, torsoLength } from './pck';

export interface EvalReport {
  model: string;
  persons: number;
  stages: StageScore[];
}

/** A model folder on disk, built for the current tfjs backend. */
export async function loadModelFromDisk(folder: string): Promise<{ file: CpmModelFile; network: CpmNetwork }> {
  const loaded = await loadModel(
    {
      json: (path) => Promise.resolve(JSON.parse(readFileSync(join(folder, path), 'utf8')) as unknown),
      binary: (path) => {
        const bytes = readFileSync(join(folder, path));
        return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      },
    },
    () => undefined,
  );
  return { file: loaded.file, network: networkFrom(loaded) };
}

export function decodeImage(path: string): { data: Uint8Array; width: number; height: number } {
  const bytes = readFileSync(path);
  if (path.toLowerCase().endsWith('.png')) return PNG.sync.read(bytes);
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
}

/** Every stage's joints for one person, in image pixels. */
function predictPerson(network: CpmNetwork, person: LabelledPerson, k: number): [number, number][][] {
  const spec = network.spec;
  const size = spec.inputSize;
  const image = decodeImage(person.image);
  const box = personBox(person.joints, person.labelled, k);
  const crop = bilinearCrop(image.data, image.width, image.height, box, size, spec.normalization.padValue);
  const grid = gridSize(spec);
  const input = tf.tensor4d(normalizePixels(crop, size, size, spec.normalization), [1, size, size, 3]);
  const center = tf.tensor4d(centerMap(size, spec.stride, size / 2, size / 2, spec.centerSigma), [1, grid, grid, 1]);
  const stages = network.runStages(input, center);
  const joints = stages.map((maps) =>
    decodePeaks(maps.dataSync() as Float32Array, grid, maps.shape[3], spec.stride, 14).map((p) =>
      cropToImage(box, size, p.x, p.y),
    ),
  );
  tf.dispose([input, center, ...stages]);
  return joints;
}

export async function evaluateFolders(
  modelFolder: string,
  folders: string[],
  options: { heldOutOnly: boolean; backend: 'wasm' | 'cpu' },
  onProgress: (done: number, total: number) => void,
): Promise<EvalReport> {
  if (!(await tf.setBackend(options.backend))) throw new Error(`tfjs backend ${options.backend} failed to start`);
  const { file, network } = await loadModelFromDisk(modelFolder);
  const k = file.cpm.architecture.evalCropScale ?? 2;
  const persons = folders.flatMap((folder) => loadFolder(folder)).filter((p) => !options.heldOutOnly || p.heldOut);
  const counter = new PckCounter(network.spec.stages, file.cpm.joints);
  persons.forEach((person, n) => {
    const torso = torsoLength(person.joints, person.labelled);
    if (torso !== null) counter.add(predictPerson(network, person, k), person.joints, person.labelled, torso);
    onProgress(n + 1, persons.length);
  });
  network.dispose();
  return { model: file.cpm.id, persons: counter.persons, stages: counter.scores() };
}
