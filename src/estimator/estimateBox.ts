/**
 * One box of a picture read: each scale's box is cropped and run (flip-tested if asked), the scales' maps are fused
 * into the box, and every stage is decoded, in picture pixels. The crop is the one part that differs between the
 * worker (canvas) and Node (bilinear sampling), and an e2e test holds the two together.
 */
import { NUM_MAPS, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import { type Box, type Point, boxCentre, imageToInput, zoomBox } from '../pose/box';
import { centerMap } from '../pose/centerMap';
import { flipAverageStages } from '../pose/flip';
import { fuseScaleStages } from '../pose/fuse';
import { decodeStages } from '../pose/keypoints';
import { normalizePixels } from '../pose/normalize';
import { type Crop, type StageRun, runCrops } from './stages';
import type { EstimatorSettings, PersonPose, Picture } from './types';

/** How one box is read: at which scales, flip-tested or not, with the center map where. */
export interface BoxReading {
  /** The box at scale 1, in picture pixels. */
  box: Box;
  /** [1] for single-scale; MULTI_SCALES for multi-scale testing (scale s reads a box s times smaller). */
  scales: number[];
  flip: boolean;
  /** Where the center map points, picture pixels; the box's centre when absent. */
  center?: Point;
}

export type BoxEstimate = Omit<PersonPose, 'id' | 'person'>;

/** The network's input for one box of the picture: cropped, then normalised as the member states. */
export function pictureInput(network: CpmNetwork, picture: Picture, box: Box): Float32Array {
  const { inputSize, normalization } = network.spec;
  const pixels = picture.crop(box, inputSize, normalization.padValue);
  return normalizePixels(pixels, inputSize, inputSize, normalization);
}

/**
 * The runs of one picture's crops so far, a crop and its mirror apart, by where they were cut: within one estimate a
 * box read again (a faint finding's plain trial, then its reading) runs only what it adds.
 */
export type PictureRuns = Map<string, StageRun>;

const runKey = (box: Box, centre: Point, mirrored: boolean): string => `${box.x} ${box.y} ${box.side} ${centre.x} ${centre.y} ${mirrored}`;

/**
 * Reads boxes of a picture: every box's every scale is cropped, and each crop not yet run for the picture (`runs`),
 * with its mirrored copy where the box is flip-tested, is run, all together where batching pays (runCrops); then each
 * box's scales are fused and every stage decoded. A flip-tested crop's maps are its own averaged with its mirror's,
 * brought back; its stage times are both runs'. `timeStages` reads each stage back as it completes (see runStages),
 * and `onStage` hears of each, with the index of the reading it belongs to.
 */
export async function estimateBoxes(
  network: CpmNetwork,
  picture: Picture,
  readings: BoxReading[],
  settings: Pick<EstimatorSettings, 'joints' | 'flipPairs'>,
  options: { timeStages?: boolean; onStage?: (stage: number, reading: number) => void; runs?: PictureRuns } = {},
): Promise<BoxEstimate[]> {
  const { timeStages = false, onStage, runs = new Map<string, StageRun>() } = options;
  const size = network.spec.inputSize;
  const crops = readings.flatMap((reading, r) =>
    reading.scales.map((scale) => {
      const box = zoomBox(reading.box, scale);
      const centre = imageToInput(box, size, reading.center ?? boxCentre(reading.box));
      return { r, box, centre, keys: (reading.flip ? [false, true] : [false]).map((mirrored) => runKey(box, centre, mirrored)) };
    }),
  );
  const missing = new Map<string, { r: number; crop: Crop }>();
  for (const { r, box, centre, keys } of crops) {
    const unrun = keys.filter((key) => !runs.has(key) && !missing.has(key));
    if (unrun.length === 0) continue;
    const input = pictureInput(network, picture, box);
    for (const key of unrun) missing.set(key, { r, crop: { input, centre, mirrored: key === keys[1] } });
  }
  const todo = [...missing.entries()];
  const done = await runCrops(network, todo.map(([, m]) => m.crop), timeStages, onStage && ((stage, k) => onStage(stage, todo[k][1].r)));
  todo.forEach(([key], k) => runs.set(key, done[k]));
  const grid = gridSize(network.spec);
  const cropRun = (keys: string[]): StageRun => {
    const [plain, mirrored] = keys.map((key) => runs.get(key) as StageRun);
    if (!mirrored) return plain;
    return {
      stages: flipAverageStages(plain.stages, mirrored.stages, grid, settings.flipPairs),
      stageMs: plain.stageMs.map((ms, s) => ms + mirrored.stageMs[s]),
    };
  };
  return readings.map((reading, r) =>
    boxEstimate(network, reading, settings.joints, crops.flatMap((c) => (c.r === r ? [{ box: c.box, run: cropRun(c.keys) }] : []))),
  );
}

/** A box's scales fused into it, every stage decoded. */
function boxEstimate(network: CpmNetwork, reading: BoxReading, joints: string[], runs: { box: Box; run: StageRun }[]): BoxEstimate {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const center = reading.center ?? boxCentre(reading.box);
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
    poses: decodeStages(maps, spec.stages, { grid, channels: NUM_MAPS, stride: spec.stride, inputSize: size }, joints, reading.box),
  };
}
