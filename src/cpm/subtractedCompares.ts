/**
 * A graph's ordered comparisons (a < b, a >= b, …) run, on WebAssembly, as the sign of a − b.
 *
 * tfjs's WebAssembly comparison kernels broadcast one element at a time: in the person finder's decoding, each
 * comparison of a 64×64×1 grid with a 1×1×6 row took 3.2–3.5 ms, 13 ms of a 110 ms run, where the subtraction takes
 * 0.13 ms and the comparison with a scalar 0.3 ms (Node, one 256² run: 110 → 95 ms). For finite numbers the sign of
 * the difference orders them exactly (float32 has gradual underflow; the graph's integers are far from overflow).
 * The GPU backends keep tfjs's kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { type GraphNode, type OpReplacements, replaceOps } from './graphOps';

type Compare = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

const SUBTRACTING_BACKENDS = new Set(['wasm']);

/** `compare(a, b)` run as `compare(a − b, 0)` where the backend gains from it. */
function bySign(compare: Compare): (node: GraphNode) => tf.Tensor {
  return ({ inputs: [a, b] }) =>
    SUBTRACTING_BACKENDS.has(tf.getBackend())
      ? tf.tidy(() => compare(tf.sub(a, b), tf.scalar(0, tf.upcastType(a.dtype, b.dtype))))
      : compare(a, b);
}

const COMPARES: OpReplacements = {
  Less: ['LessBySign', bySign(tf.less)],
  LessEqual: ['LessEqualBySign', bySign(tf.lessEqual)],
  Greater: ['GreaterBySign', bySign(tf.greater)],
  GreaterEqual: ['GreaterEqualBySign', bySign(tf.greaterEqual)],
};

/** The graph with its ordered comparisons run as above (graphOps.ts: only this graph's). */
export function subtractedCompares(graph: tf.io.ModelJSON): tf.io.ModelJSON {
  return replaceOps(graph, COMPARES);
}
