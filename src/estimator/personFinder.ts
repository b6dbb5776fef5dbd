/** Runs the person finder (public/models/person-finder, MoveNet MultiPose) on a whole picture. */
import * as tf from '@tensorflow/tfjs';
import { type ModelSource, loadGraphArtifacts } from '../cpm/modelFile';
import { poolReductions } from '../cpm/poolReductions';
import { type Box, framingBox } from '../pose/box';
import { type FoundPerson, type PersonScores, decodePersons } from '../pose/people';
import type { Picture } from './types';

/** The finder reads the whole picture letterboxed into this square (black outside), as MoveNet's examples do. */
export const FINDER_SIZE = 256;

export type PersonFinder = tf.GraphModel<tf.io.IOHandlerSync>;

export async function loadPersonFinder(source: ModelSource): Promise<PersonFinder> {
  const [graph, weights] = await loadGraphArtifacts(source);
  return tf.loadGraphModelSync([poolReductions(graph), weights]);
}

/**
 * `box` of the picture as MoveNet graphs take it: size×size int32 RGB, black outside the picture (as MoveNet's
 * examples pad).
 */
export function movenetInput(picture: Picture, box: Box, size: number): tf.Tensor4D {
  const pixels = picture.crop(box, size, 0);
  const channels = pixels.length / (size * size);
  const rgb = new Int32Array(size * size * 3);
  for (let i = 0; i < size * size; i += 1) for (let c = 0; c < 3; c += 1) rgb[i * 3 + c] = pixels[i * channels + c];
  return tf.tensor4d(rgb, [1, size, size, 3], 'int32');
}

/** Every person the finder sees in the picture that `scores` report, best first, in picture pixels. */
export async function findPeople(finder: PersonFinder, picture: Picture, scores: PersonScores): Promise<FoundPerson[]> {
  const size = FINDER_SIZE;
  const framing = framingBox(picture.width, picture.height, null, 1);
  const input = movenetInput(picture, framing, size);
  try {
    const output = finder.execute(input) as tf.Tensor;
    const data = (await output.data()) as Float32Array;
    output.dispose();
    return decodePersons(data, framing, size, scores);
  } finally {
    input.dispose();
  }
}
