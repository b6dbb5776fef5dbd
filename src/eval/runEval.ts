import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FAMILY, NUM_MAPS, gridSize } from '../cpm/architecture';
import { type CpmModelFile, loadModel } from '../cpm/modelFile';
import { type CpmNetwork, networkFrom } from '../cpm/network';
import { type SquareBox, bilinearCrop, cropToImage } from '../pose/bilinearCrop';
import { centerMap } from '../pose/centerMap';
import { decodePeaks } from '../pose/decode';
import type { Box } from '../pose/box';
import { flipAverageStages, mirrorColumns, mirrorX } from '../pose/flip';
import { fuseScaleStages } from '../pose/fuse';
import { normalizePixels } from '../pose/normalize';
import { type LabelledPerson, loadFolder } from './datasets';
import { PckCounter, type StageScore, personBox, torsoLength } from './pck';

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

type DecodedImage = { data: Uint8Array; width: number; height: number };

export function decodeImage(path: string): DecodedImage {
  const bytes = readFileSync(path);
  if (path.toLowerCase().endsWith('.png')) return PNG.sync.read(bytes);
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
}

/** Every stage's maps (g×g×15 each) for one normalised input and a centre in input pixels. */
function stageMaps(network: CpmNetwork, pixels: Float32Array, centreX: number): Float32Array[] {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const input = tf.tensor4d(pixels, [1, size, size, 3]);
  const center = tf.tensor4d(centerMap(size, spec.stride, centreX, size / 2, spec.centerSigma), [1, grid, grid, 1]);
  const stages = network.runStages(input, center);
  const maps = stages.map((t) => t.dataSync() as Float32Array);
  tf.dispose([input, center, ...stages]);
  return maps;
}

/** Every stage's maps for one crop of the image (grey outside it); `flip` averages in the mirrored crop's maps. */
function cropMaps(network: CpmNetwork, image: DecodedImage, box: SquareBox, flip: boolean): Float32Array[] {
  const spec = network.spec;
  const size = spec.inputSize;
  const crop = bilinearCrop(image.data, image.width, image.height, box, size, spec.normalization.padValue);
  const pixels = normalizePixels(crop, size, size, spec.normalization);
  const plain = stageMaps(network, pixels, size / 2);
  if (!flip) return plain;
  const mirrored = stageMaps(network, mirrorColumns(pixels, size, 3), mirrorX(size / 2, size));
  return flipAverageStages(plain, mirrored, gridSize(spec), FAMILY.flipPairs);
}

const topLeft = (box: SquareBox): Box => ({ x: box.cx - box.side / 2, y: box.cy - box.side / 2, side: box.side });

/**
 * Every stage's joints for one person, in image pixels. Scale s reads a crop s times smaller around the same centre
 * (the person looks s times larger), as the app's multi-scale option; the scales' maps are summed in the base crop.
 */
function predictPerson(network: CpmNetwork, person: LabelledPerson, k: number, options: ReadOptions): [number, number][][] {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const image = decodeImage(person.image);
  const base = personBox(person.joints, person.labelled, k);
  const readings = options.scales.map((scale) => {
    const box = { ...base, side: base.side / scale };
    return { box: topLeft(box), stages: cropMaps(network, image, box, options.flip) };
  });
  const maps = fuseScaleStages(readings, topLeft(base), size, spec.stride, grid, NUM_MAPS);
  return maps.map((stage) =>
    decodePeaks(stage, grid, NUM_MAPS, spec.stride, 14).map((p) => cropToImage(base, size, p.x, p.y)),
  );
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
  persons.forEach((person, n) => {
    const torso = torsoLength(person.joints, person.labelled);
    if (torso !== null) counter.add(predictPerson(network, person, k, options), person.joints, person.labelled, torso);
    onProgress(n + 1, persons.length);
  });
  network.dispose();
  return { model: file.cpm.id, flip: options.flip, scales: options.scales, persons: counter.persons, stages: counter.scores() };
}
