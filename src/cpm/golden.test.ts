import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeImage, loadModelFromDisk } from '../eval/disk';
import { runStages } from '../estimator/stages';
import { centerMap } from '../pose/centerMap';
import { GOLDEN_TOLERANCE, type GoldenFixture, base64Floats, goldenInput } from './golden';
import type { CpmNetwork } from './network';

const MODELS = join('public', 'models');
const SHARED = join('..', 'shared');

function modelsWithGolden(): string[] {
  return readdirSync(MODELS).filter((id) => existsSync(join(MODELS, id, 'golden.json')));
}

/** tfjs's pure-JS CPU backend, and its WebAssembly CPU backend that `npm run eval` uses for speed. */
const CASES = modelsWithGolden().flatMap((id) => (['cpu', 'wasm'] as const).map((backend) => [id, backend] as const));

// tfjs's pure-JS CPU backend runs a whole network without giving the event loop a turn (its promises resolve as
// microtasks), so this file can hold its worker for over a minute: long enough for Vitest's worker RPC to time out
// ("Timeout calling onTaskUpdate", once in a run where it took 70 s). A macrotask before each test lets it answer.
beforeEach(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

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

  it('equals PyTorch at every stage (through the estimator\'s stage runner)', async () => {
    const spec = network.spec;
    const input = goldenInput(golden, decodeImage(join(SHARED, golden.source)), spec);
    const expected = base64Floats(golden.stages);
    const perStage = expected.length / spec.stages;
    const { stages } = await runStages(network, input, { x: golden.center[0], y: golden.center[1] }, false);
    stages.forEach((ours, t) => {
      let worst = 0;
      for (let i = 0; i < perStage; i += 1) worst = Math.max(worst, Math.abs(ours[i] - expected[t * perStage + i]));
      expect(worst, `stage ${t + 1} max abs difference`).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
    });
  });
});
