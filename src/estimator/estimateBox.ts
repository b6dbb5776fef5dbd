/**
 * The one estimator: a picture and a reading in, every stage's belief maps and skeleton out, in picture pixels.
 * The worker (canvas crop), `npm run eval` and the tests (bilinear crop in Node) all read people through it, so
 * what is scored is what the app shows. Only the crop differs, and an e2e test holds the two crops together.
 */
import { FAMILY, NUM_MAPS, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import { type Box, type Point, boxCentre, imageToInput, zoomBox } from '../pose/box';
import { centerMap } from '../pose/centerMap';
import { fuseScaleStages } from '../pose/fuse';
import { type StagePose, decodeStages } from '../pose/keypoints';
import { normalizePixels } from '../pose/normalize';
import { type StageRun, runStagesFlipTested } from './stages';

/** A picture the estimator reads: its size, and a way to cut a box out of it at the network's input size. */
export interface Picture {
  width: number;
  height: number;
  /** `box` resampled to size×size (RGBA or RGB, row-major), `pad` outside the picture; box.ts's pixel convention. */
  crop(box: Box, size: number, pad: number): Uint8Array | Uint8ClampedArray;
}

/** How to read a person: where (the box; its centre is where the center map points) and how (scales, flip test). */
export interface Reading {
  /** The person box at scale 1, in picture pixels. */
  box: Box;
  /** 1 for single-scale; e.g. [0.7, 1, 1.3] for multi-scale testing (scale s reads a box s times smaller). */
  scales: number[];
  /** Also read the mirrored crop and average its maps (left and right swapped back) with the plain ones. */
  flip: boolean;
  /**
   * Where the center map points, picture pixels; absent: the box's centre, as the app always reads. The two-person
   * check moves it within one crop.
   */
  center?: Point;
}

export interface Estimate {
  /** The reading's box (scale 1): the maps are expressed in it. */
  box: Box;
  /** The center map's peak, picture pixels. */
  center: Point;
  /** stages × g × g × channels (HWC per stage), averaged over scales. */
  maps: Float32Array;
  /** g × g center map of the box. */
  centerMap: Float32Array;
  /** Milliseconds until each stage's maps were read back (summed over scales and flips). */
  stageMs: number[];
  /** Every stage's skeleton, picture pixels. */
  poses: StagePose[];
}

/** The network's input for one box of the picture: cropped, then normalised as the member states. */
export function pictureInput(network: CpmNetwork, picture: Picture, box: Box): Float32Array {
  const { inputSize, normalization } = network.spec;
  const pixels = picture.crop(box, inputSize, normalization.padValue);
  return normalizePixels(pixels, inputSize, inputSize, normalization);
}

/**
 * Reads one person: each scale's box is cropped and run (flip-tested if asked), the scales' maps are fused into the
 * reading's box, and every stage is decoded. `timeStages` reads each stage back as it completes (see runStages), and
 * `onStage` hears of each (once per scale, and again for a flip test's mirrored crop where it is read apart).
 */
export async function estimate(
  network: CpmNetwork,
  picture: Picture,
  reading: Reading,
  timeStages = false,
  onStage?: (stage: number) => void,
): Promise<Estimate> {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const center = reading.center ?? boxCentre(reading.box);
  const runs: { box: Box; run: StageRun }[] = [];
  for (const scale of reading.scales) {
    const box = zoomBox(reading.box, scale);
    const input = pictureInput(network, picture, box);
    runs.push({ box, run: await runStagesFlipTested(network, input, imageToInput(box, size, center), timeStages, reading.flip, onStage) });
  }
  const fused = fuseScaleStages(
    runs.map(({ box, run }) => ({ box, stages: run.stages })),
    reading.box,
    size,
    spec.stride,
    grid,
    NUM_MAPS,
  );
  const perStage = grid * grid * NUM_MAPS;
  const maps = new Float32Array(spec.stages * perStage);
  fused.forEach((stage, s) => maps.set(stage, s * perStage));
  const inputCentre = imageToInput(reading.box, size, center);
  return {
    box: reading.box,
    center,
    maps,
    centerMap: centerMap(size, spec.stride, inputCentre.x, inputCentre.y, spec.centerSigma),
    stageMs: Array.from({ length: spec.stages }, (_, s) => runs.reduce((sum, { run }) => sum + run.stageMs[s], 0)),
    poses: decodeStages(maps, spec.stages, { grid, channels: NUM_MAPS, stride: spec.stride, inputSize: size }, FAMILY.joints, reading.box),
  };
}
