import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, loadModelFromDisk } from '../eval/runEval';
import { centerMap } from '../pose/centerMap';
import { gridSize } from './architecture';
import { type GoldenFixture, base64Floats, goldenInput } from './golden';
import type { CpmNetwork } from './network';

const MODELS = join('public', 'models');
const SHARED = join('..', 'shared');
/** Float16 weights against PyTorch's float32 forward pass (the bound). */
const TOLERANCE = 2e-3;

function modelsWithGolden(): string[] {
  return readdirSync(MODELS).filter((id) => existsSync(join(MODELS, id, 'golden.json')));
}

/** tfjs's pure-JS CPU backend, and its WebAssembly CPU backend that `npm run eval` uses for speed. */
const CASES = modelsWithGolden().flatMap((id) => (['cpu', 'wasm'] as const).map((backend) => [id, backend] as const));

describe.each(CASES)('golden fixture of %s on %s', (id, backend) => {
  const golden = JSON.parse(readFileSync(join(MODELS, id, 'golden.json'), 'utf8')) as GoldenFixture;
  let network: CpmNetwork;

  beforeAll(async () => {
    await tf.setBackend(backend);
    network = (await loadModelFromDisk(join(MODELS, id))).network;
  });

  it('has a center map equal to PyTorch', () => {
    const spec = network.spec;
    const ours = centerMap(spec.inputSize, spec.stride, golden.center[0], golden.center[1], spec.centerSigma);
    const theirs = base64Floats(golden.centerMap);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(1e-6));
  });

  it('equals PyTorch at every stage', () => {
    const spec = network.spec;
    const input = goldenInput(golden, decodeImage(join(SHARED, golden.source)), spec);
    const grid = gridSize(spec);
    const center = centerMap(spec.inputSize, spec.stride, golden.center[0], golden.center[1], spec.centerSigma);
    const expected = base64Floats(golden.stages);
    const perStage = expected.length / spec.stages;
    const image = tf.tensor4d(input, [1, spec.inputSize, spec.inputSize, 3]);
    const centerTensor = tf.tensor4d(center, [1, grid, grid, 1]);
    const stages = network.runStages(image, centerTensor);
    stages.forEach((maps, t) => {
      const ours = maps.dataSync();
      let worst = 0;
      for (let i = 0; i < perStage; i += 1) worst = Math.max(worst, Math.abs(ours[i] - expected[t * perStage + i]));
      expect(worst, `stage ${t + 1} max abs difference`).toBeLessThanOrEqual(TOLERANCE);
    });
    tf.dispose([image, centerTensor, ...stages]);
  });
});
