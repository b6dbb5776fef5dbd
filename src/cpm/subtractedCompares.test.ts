import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskSource } from '../eval/disk';
import { loadGraphArtifacts } from './modelFile';
import { poolReductions } from './poolReductions';
import { subtractedCompares } from './subtractedCompares';

const OPS = ['Less', 'LessEqual', 'Greater', 'GreaterEqual'] as const;
const TF: Record<(typeof OPS)[number], (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  Less: tf.less,
  LessEqual: tf.lessEqual,
  Greater: tf.greater,
  GreaterEqual: tf.greaterEqual,
};

/** A graph of one comparison of two placeholders, as a converted TensorFlow graph holds it. */
function compareGraph(op: string, dtype: 'DT_FLOAT' | 'DT_INT32'): tf.io.ModelJSON {
  const placeholder = (name: string) => ({ name, op: 'Placeholder', attr: { dtype: { type: dtype } } });
  return {
    modelTopology: { versions: { producer: 1, minConsumer: 0 }, node: [placeholder('a'), placeholder('b'), { name: 'out', op, input: ['a', 'b'], attr: { T: { type: dtype } } }] },
    weightsManifest: [{ paths: [], weights: [] }],
    format: 'graph-model',
  } as unknown as tf.io.ModelJSON;
}

describe('ordered comparisons by the sign of a − b', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(() => {
    for (const op of OPS) tf.deregisterOp(`${op}BySign`);
  });

  it('equal tfjs\'s comparisons, ties and broadcasting included, in float32 and int32', async () => {
    // Values on a coarse grid so that many pairs tie.
    const a = tf.round(tf.randomUniform([16, 16, 1], -4, 4, 'float32', 3));
    const b = tf.round(tf.randomUniform([1, 1, 6], -4, 4, 'float32', 4));
    for (const [dtype, cast] of [['DT_FLOAT', 'float32'], ['DT_INT32', 'int32']] as const) {
      const [x, y] = [tf.cast(a, cast), tf.cast(b, cast)];
      for (const op of OPS) {
        const model = tf.loadGraphModelSync([subtractedCompares(compareGraph(op, dtype)), new ArrayBuffer(0)]);
        const results: tf.Tensor[] = [];
        const { kernelNames } = await tf.profile(() => {
          results.push(model.execute({ a: x, b: y }) as tf.Tensor);
        });
        const [result] = results;
        expect(kernelNames).toContain('Sub');
        const expected = TF[op](x, y);
        expect(result.dtype).toBe('bool');
        expect(result.shape).toEqual([16, 16, 6]);
        expect(Array.from(result.dataSync())).toEqual(Array.from(expected.dataSync()));
        tf.dispose([result, expected]);
        model.dispose();
      }
      tf.dispose([x, y]);
    }
    tf.dispose([a, b]);
  });

  it('leave the shipped person finder\'s output as it was, with no comparison broadcasting a row left', async () => {
    const [graph, weights] = await loadGraphArtifacts(diskSource(join('public', 'models', 'person-finder')));
    const input = tf.randomUniform([1, 128, 128, 3], 0, 255, 'int32', 5);
    /** The output, and how many ordered comparisons against more than a scalar (the slow broadcast) ran. */
    const read = async (g: tf.io.ModelJSON): Promise<[number[], number]> => {
      const model = tf.loadGraphModelSync([g, weights]);
      let output: number[] = [];
      const { kernels } = await tf.profile(() => {
        const result = model.execute(input) as tf.Tensor;
        output = Array.from(result.dataSync());
        result.dispose();
      });
      model.dispose();
      const broadcast = kernels.filter((k) => OPS.some((op) => op === k.name) && (k.inputShapes[1] ?? []).length > 0);
      return [output, broadcast.length];
    };
    const [before, broadcastBefore] = await read(poolReductions(graph));
    expect(broadcastBefore).toBe(4);
    const [after, broadcastAfter] = await read(subtractedCompares(poolReductions(graph)));
    expect(broadcastAfter).toBe(0);
    expect(after).toEqual(before);
    input.dispose();
  });
});
