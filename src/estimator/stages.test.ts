import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CpmNetwork } from '../cpm/network';
import { loadModelFromDisk } from '../eval/disk';
import { mirrorColumns, mirrorX } from '../pose/flip';
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

  it('runs a mirrored crop as its mirror image, centre mirrored too, in a batch or alone', async () => {
    const size = network.spec.inputSize;
    const plain = await runStages(network, input, centre, false);
    const mirrored = await runStages(network, mirrorColumns(input, size, 3), { x: mirrorX(centre.x, size), y: centre.y }, false);
    for (const batched of [true, false]) {
      const crops = [false, true].map((m) => ({ input, centre, mirrored: m }));
      const [asIs, flipped] = await runCrops(network, crops, false, undefined, batched);
      expect(worst(asIs.stages, plain.stages)).toBeLessThan(1e-4);
      expect(worst(flipped.stages, mirrored.stages)).toBeLessThan(1e-4);
      expect(worst(flipped.stages, plain.stages)).toBeGreaterThan(1e-3);
    }
  });

  it('reads several crops (and mirrors) in one batch with the same beliefs as one by one', async () => {
    const other = input.map((v) => 255 - v);
    const crops = [
      { input, centre, mirrored: false },
      { input: other, centre: { x: 60, y: 60 }, mirrored: false },
      { input: other, centre: { x: 100, y: 70 }, mirrored: true },
    ];
    const together = await runCrops(network, crops, false, undefined, true);
    const apart = await runCrops(network, crops, false, undefined, false);
    together.forEach((run, i) => expect(worst(run.stages, apart[i].stages)).toBeLessThan(1e-4));
  });
});
