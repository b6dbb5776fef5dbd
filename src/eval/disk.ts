/** Node's side of the estimator: models and pictures read from disk, boxes cut by bilinear sampling. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { type CpmModelFile, type ModelSource, loadModel } from '../cpm/modelFile';
import { type CpmNetwork, networkFrom } from '../cpm/network';
import { type Estimator, createEstimator } from '../estimator/estimator';
import { loadPersonFinder } from '../estimator/personFinder';
import type { EstimatorSettings, Picture } from '../estimator/types';
import { bilinearCrop } from '../pose/bilinearCrop';

/** A model's files in a folder on disk. */
export function diskSource(folder: string): ModelSource {
  return {
    json: (path) => Promise.resolve(JSON.parse(readFileSync(join(folder, path), 'utf8')) as unknown),
    binary: (path) => {
      const bytes = readFileSync(join(folder, path));
      return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    },
  };
}

/** A model folder on disk, built for the current tfjs backend. */
export async function loadModelFromDisk(folder: string): Promise<{ file: CpmModelFile; network: CpmNetwork }> {
  const loaded = await loadModel(diskSource(folder), () => undefined);
  return { file: loaded.file, network: networkFrom(loaded) };
}

/** Where the app's models are, from the repository's root (Node scripts and tests run there). */
const MODELS = join('public', 'models');

/**
 * The estimator the app builds for model `id` of public/models (with the person finder beside it, unless `finder` is
 * false: then, as the app without one, a whole picture is read in the card's box), for the current tfjs backend.
 */
export async function loadEstimatorFromDisk(id: string, options: { finder?: boolean; settings?: Partial<EstimatorSettings> } = {}): Promise<Estimator> {
  const model = await loadModelFromDisk(join(MODELS, id));
  const finder = options.finder === false ? null : await loadPersonFinder(diskSource(join(MODELS, 'person-finder')));
  return createEstimator(model, finder, options.settings);
}

export interface DecodedImage {
  /** RGBA, row-major. */
  data: Uint8Array;
  width: number;
  height: number;
}

export function decodeImage(path: string): DecodedImage {
  const bytes = readFileSync(path);
  if (path.toLowerCase().endsWith('.png')) return PNG.sync.read(bytes);
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
}

/** A decoded image as the estimator's picture: boxes are cut by bilinear sampling (the browser's drawImage does it there). */
export function rgbaPicture(image: DecodedImage): Picture {
  return {
    width: image.width,
    height: image.height,
    crop: (box, size, pad) => bilinearCrop(image.data, image.width, image.height, box, size, pad),
  };
}
