import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskSource } from '../eval/disk';
import { loadGraphArtifacts } from './modelFile';
import { argMaxAlongAxis, maxAlongAxis, poolReductions } from './poolReductions';

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('Max and ArgMax as max pools', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(() => {
    tf.deregisterOp('MaxAsPool');
    tf.deregisterOp('ArgMaxAsPool');
  });

  it('equal tf.max and tf.argMax along every axis', () => {
    const x = tf.randomNormal([3, 5, 2, 4], 0, 10, 'float32', 7);
    for (const axis of [0, 1, 2, 3, -1]) {
      for (const keepDims of [false, true]) {
        const [expected, got] = [tf.max(x, axis, keepDims), maxAlongAxis(x, axis, keepDims)];
        expect(got.shape).toEqual(expected.shape);
        expect(values(got)).toEqual(values(expected));
        tf.dispose([expected, got]);
      }
      const [expected, got] = [tf.argMax(x, axis), argMaxAlongAxis(x, axis)];
      expect(got.dtype).toBe('int32');
      expect(got.shape).toEqual(expected.shape);
      expect(values(got)).toEqual(values(expected));
      tf.dispose([expected, got]);
    }
    x.dispose();
  });

  it('takes the first of tied maxima, as tfjs does', () => {
    const x = tf.tensor2d([[0, 0, 0], [2, 5, 5], [1, 1, 0]]);
    const got = argMaxAlongAxis(x, 1);
    expect(values(got)).toEqual([0, 1, 0]);
    tf.dispose([x, got]);
  });

  it('leave the shipped person finder\'s output as it was (its decoding takes a max and an argmax over positions)', async () => {
    // Loaded as the app loads it, channel scales folded.
    const artifacts = await loadGraphArtifacts(diskSource(join('public', 'models', 'person-finder')));
    const input = tf.randomUniform([1, 128, 128, 3], 0, 255, 'int32', 5);
    let output: number[] = [];
    const read = async (graph: tf.io.ModelJSON): Promise<string[]> => {
      const model = tf.loadGraphModelSync([graph, artifacts[1]]);
      const { kernelNames } = await tf.profile(() => {
        const result = model.execute(input) as tf.Tensor;
        output = values(result);
        result.dispose();
      });
      model.dispose();
      return kernelNames;
    };
    expect(await read(artifacts[0])).toEqual(expect.arrayContaining(['Max', 'ArgMax']));
    const before = output;
    const pooled = poolReductions(artifacts[0]);
    const numTensors = tf.memory().numTensors;
    const kernels = await read(pooled);
    expect(kernels).toContain('MaxPool');
    expect(kernels).not.toContain('Max');
    // WebAssembly's own argmax is faster than the pooled one; the pooled one runs on the GPU backends.
    expect(kernels).toContain('ArgMax');
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(output).toEqual(before);
    expect(await read(artifacts[0])).toContain('Max');
    input.dispose();
  });
});
