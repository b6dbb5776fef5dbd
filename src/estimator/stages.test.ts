import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAMILY, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import { loadModelFromDisk } from '../eval/disk';
import { flipAverageStages, mirrorColumns, mirrorX } from '../pose/flip';
import { seededRandom } from '../cpm/testModel';
import { runCrops, runStages, runStagesBatch } from './stages';

describe('stages in a batch (the default model, backbone graph included, on wasm)', () => {
  let network: CpmNetwork;
  let input: Float32Array;
  const centre = { x: 100, y: 140 };

  beforeAll(async () => {
    await tf.setBackend('wasm');
    network = (await loadModelFromDisk(join('public', 'models', 'cpm-movenet-local'))).network;
    const random = seededRandom(7);
    const size = network.spec.inputSize;
    input = Float32Array.from({ length: size * size * 3 }, () => random() * 255);
  });

  const worst = (a: Float32Array[], b: Float32Array[]) =>
    Math.max(...a.map((maps, s) => maps.reduce((m, v, i) => Math.max(m, Math.abs(v - b[s][i])), 0)));

  it('reads each input of a batch as it reads it alone', async () => {
    const other = input.map((v) => 255 - v);
    const [first, second] = await runStagesBatch(network, [input, other], [centre, { x: 60, y: 60 }], false);
    expect(worst(first.stages, (await runStages(network, input, centre, false)).stages)).toBeLessThan(1e-4);
    expect(worst(second.stages, (await runStages(network, other, { x: 60, y: 60 }, false)).stages)).toBeLessThan(1e-4);
  });

  it('flip-tests in one batch: the plain maps averaged with the mirrored crop\'s, brought back', async () => {
    const size = network.spec.inputSize;
    const plain = await runStages(network, input, centre, false);
    const mirrored = await runStages(network, mirrorColumns(input, size, 3), { x: mirrorX(centre.x, size), y: centre.y }, false);
    const expected = flipAverageStages(plain.stages, mirrored.stages, gridSize(network.spec), FAMILY.flipPairs);
    for (const batched of [true, false]) {
      const [flipped] = await runCrops(network, [input], [centre], false, FAMILY.flipPairs, undefined, batched);
      expect(flipped.stages).toHaveLength(network.spec.stages);
      expect(worst(flipped.stages, expected)).toBeLessThan(1e-4);
      expect(worst(flipped.stages, plain.stages)).toBeGreaterThan(1e-3);
    }
  });

  it('reads several people (and their mirrors) in one batch with the same beliefs as one by one', async () => {
    const other = input.map((v) => 255 - v);
    const people = [input, other, mirrorColumns(other, network.spec.inputSize, 3)];
    const centres = [centre, { x: 60, y: 60 }, { x: 100, y: 70 }];
    const together = await runCrops(network, people, centres, false, FAMILY.flipPairs, undefined, true);
    const apart = await runCrops(network, people, centres, false, FAMILY.flipPairs, undefined, false);
    together.forEach((run, i) => expect(worst(run.stages, apart[i].stages)).toBeLessThan(1e-4));
  });
});
