import { FAMILY, member, weightShapes } from './architecture';
import type { CpmModelFile } from './modelFile';

export const TEST_MODEL_ID = 'cpm-test';

/** mulberry32: a tiny seeded PRNG, so that the test model's weights are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The untrained test member: He-uniform kernels and small biases from a fixed seed, float32, one shard. */
export function makeTestModel(seed = 1234): { file: CpmModelFile; shard: Float32Array } {
  const spec = member(TEST_MODEL_ID);
  const random = seededRandom(seed);
  const shapes = weightShapes(spec);
  const shard = new Float32Array(shapes.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0));
  let offset = 0;
  for (const { name, shape } of shapes) {
    const count = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.length === 4 ? shape[0] * shape[1] * (name.includes('depthwise') ? 1 : shape[2]) : 1;
    const limit = name.endsWith('/bias') ? 0.1 : Math.sqrt(6 / fanIn);
    for (let i = 0; i < count; i += 1) shard[offset + i] = (random() * 2 - 1) * limit;
    offset += count;
  }
  const file: CpmModelFile = {
    format: 'cpm-weights',
    cpm: {
      id: TEST_MODEL_ID,
      name: 'CPM test model (random weights, untrained)',
      member: TEST_MODEL_ID,
      trained: false,
      heldOutPck: null,
      architecture: spec,
      joints: FAMILY.joints,
      background: FAMILY.background,
      edges: FAMILY.edges,
      flipPairs: FAMILY.flipPairs,
      notes: `Fixed-seed (${seed}) random weights written by npm run make-test-model. It finds no poses: it exists to test the app.`,
    },
    weightsManifest: [
      { paths: ['weights.bin'], weights: shapes.map(({ name, shape }) => ({ name, shape, dtype: 'float32' as const })) },
    ],
  };
  return { file, shard };
}
