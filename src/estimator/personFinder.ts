/**
 * Runs the person finder (public/models/person-finder, MoveNet MultiPose) on a whole picture and, for a still, on
 * overlapping tiles of it too (pose/tiles.ts: small people, and more than six).
 */
import * as tf from '@tensorflow/tfjs';
import { type ModelSource, loadGraphArtifacts } from '../cpm/modelFile';
import { poolReductions } from '../cpm/poolReductions';
import { subtractedCompares } from '../cpm/subtractedCompares';
import { type Box, framingBox } from '../pose/box';
import { type FinderBand, finderBand, wholeInput } from '../pose/finderBand';
import { type FoundPerson, decodeFindings, selectPersons } from '../pose/people';
import { type TileFinding, cutByTile, faintFindings, searchedWithTiles, tilesOf, tilesWanted } from '../pose/tiles';
import { TILE_HINTS, TILING } from './constants';
import type { PersonSearch, Picture } from './types';

/**
 * The finder reads the whole picture letterboxed into this square (black outside), as MoveNet's examples do; only the
 * band of it the picture fills (pose/finderBand.ts).
 */
export const FINDER_SIZE = 256;

export type PersonFinder = tf.GraphModel<tf.io.IOHandlerSync>;

export async function loadPersonFinder(source: ModelSource): Promise<PersonFinder> {
  const [graph, weights] = await loadGraphArtifacts(source);
  return tf.loadGraphModelSync([subtractedCompares(poolReductions(graph)), weights]);
}

/**
 * `box` of the picture as MoveNet graphs take it: size×size int32 RGB, black outside the picture (as MoveNet's
 * examples pad), or only `band` of it.
 */
export function movenetInput(picture: Picture, box: Box, size: number, band: FinderBand = wholeInput(size)): tf.Tensor4D {
  const pixels = picture.crop(box, size, 0);
  const channels = pixels.length / (size * size);
  const { top, left, rows, cols } = band;
  const rgb = new Int32Array(rows * cols * 3);
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < cols; x += 1) {
      const from = ((top + y) * size + left + x) * channels;
      for (let c = 0; c < 3; c += 1) rgb[(y * cols + x) * 3 + c] = pixels[from + c];
    }
  }
  return tf.tensor4d(rgb, [1, rows, cols, 3], 'int32');
}

/**
 * What the finder reports in `box` of the picture (the whole picture letterboxed, or a tile): every row. It runs on the
 * band of the letterbox that holds the picture (pose/finderBand.ts).
 */
async function findIn(finder: PersonFinder, picture: Picture, box: Box): Promise<FoundPerson[]> {
  const band = finderBand(picture.width, picture.height, box, FINDER_SIZE);
  const input = movenetInput(picture, box, FINDER_SIZE, band);
  try {
    const output = finder.execute(input) as tf.Tensor;
    const data = (await output.data()) as Float32Array;
    output.dispose();
    return decodeFindings(data, box, FINDER_SIZE, 0, band);
  } finally {
    input.dispose();
  }
}

/**
 * Every person the finder sees in the picture that `search` reports, best first, in picture pixels: in the whole
 * picture, and with `search.tiles`, where that reading hints at people it misses (pose/tiles.ts), in each tile too,
 * each person once; then, marked faint, the tiles' fainter findings where nobody reported stands (faintFindings).
 */
export async function findPeople(finder: PersonFinder, picture: Picture, search: PersonSearch): Promise<FoundPerson[]> {
  const { width, height } = picture;
  const whole = await findIn(finder, picture, framingBox(width, height, null, 1));
  const reported = selectPersons(whole, search, search.cap);
  if (!search.tiles || !tilesWanted(whole, reported, width, height, TILE_HINTS)) return reported;
  const inTiles: TileFinding[] = [];
  const faint: TileFinding[] = [];
  for (const [k, tile] of tilesOf(width, height, TILING).entries()) {
    for (const person of await findIn(finder, picture, tile)) {
      const finding: TileFinding = { person, from: cutByTile(person, tile, width, height) ? 'cut' : 'tile', reading: k + 1 };
      if (person.score >= TILING.minScore) inTiles.push(finding);
      else if (person.score >= TILING.faintScore) faint.push(finding);
    }
  }
  const searched = searchedWithTiles(whole, reported, inTiles, search, { width, height, hints: TILE_HINTS });
  return [...searched, ...faintFindings(faint, searched, TILING.faintCap)];
}
