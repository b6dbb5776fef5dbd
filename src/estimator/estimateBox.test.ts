import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FAMILY, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import { decodeImage, loadModelFromDisk, rgbaPicture } from '../eval/disk';
import { type Box, boxCentre, imageToInput } from '../pose/box';
import { flipAverageStages } from '../pose/flip';
import { type PictureRuns, estimateBoxes, pictureInput } from './estimateBox';
import { runCrops } from './stages';
import type { Picture } from './types';

const SAMPLE = join('..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');
const SETTINGS = { joints: FAMILY.joints, flipPairs: FAMILY.flipPairs };

describe('reading boxes of a picture (the default model, on wasm, a real photo)', () => {
  let network: CpmNetwork;
  let picture: Picture;
  const box: Box = { x: 20, y: 10, side: 180 };

  beforeAll(async () => {
    await tf.setBackend('wasm');
    network = (await loadModelFromDisk(join('public', 'models', 'cpm-movenet-local'))).network;
    picture = rgbaPicture(decodeImage(SAMPLE));
  });

  const worst = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

  it("flip-tests a box: its maps are the crop's averaged with its mirror's, brought back", async () => {
    const size = network.spec.inputSize;
    const crop = { input: pictureInput(network, picture, box), centre: imageToInput(box, size, boxCentre(box)) };
    const [plain, mirrored] = await runCrops(network, [false, true].map((m) => ({ ...crop, mirrored: m })), false);
    const expected = flipAverageStages(plain.stages, mirrored.stages, gridSize(network.spec), FAMILY.flipPairs);
    const [flipped] = await estimateBoxes(network, picture, [{ box, scales: [1], flip: true }], SETTINGS);
    const perStage = expected[0].length;
    expected.forEach((maps, s) => expect(worst(flipped.maps.subarray(s * perStage, (s + 1) * perStage), maps)).toBeLessThan(1e-5));
  });

  it('runs a crop once a picture: a box read again runs only what it adds (its mirror), with the same maps', async () => {
    const runStages = vi.spyOn(network, 'runStages');
    const runs: PictureRuns = new Map();
    await estimateBoxes(network, picture, [{ box, scales: [1], flip: false }], SETTINGS, { runs });
    expect(runStages).toHaveBeenCalledTimes(1);
    const [again] = await estimateBoxes(network, picture, [{ box, scales: [1], flip: true }], SETTINGS, { runs });
    expect(runStages).toHaveBeenCalledTimes(2);
    const [fresh] = await estimateBoxes(network, picture, [{ box, scales: [1], flip: true }], SETTINGS);
    expect(runStages).toHaveBeenCalledTimes(4);
    expect(again.maps).toEqual(fresh.maps);
    await estimateBoxes(network, picture, [{ box, scales: [1], flip: true }, { box, scales: [1], flip: false }], SETTINGS, { runs });
    expect(runStages).toHaveBeenCalledTimes(4);
    runStages.mockRestore();
  });
});
