/**
 * A graph's `Max` and `ArgMax` over one axis run as max pools.
 *
 * The person finder's multi-person decoding takes a max and an argmax over the positions of a 64×64×6×17 tensor.
 * tfjs's WebGPU reduction kernels run one 256-thread workgroup per output with barriers in between (the argmax after
 * a transpose), and on an emulated GPU (SwiftShader) the max alone took 2.7–3.0 s, 18 % of the finder, and the
 * argmax 0.5 s (npm run bench -- --profile), against 24–31 ms and 11 ms on WebGL. A max pool whose window is the
 * whole reduced axis gives the same values, exactly, with one thread per output and no barriers, on every backend.
 * WebAssembly's own argmax is the exception: there the pooled one's broadcast `equal` took 54 ms of the finder's
 * 163 ms (Node, one 256² run), tfjs's kernel 3 ms, so on the CPU backends the argmax stays tfjs's.
 */
import * as tf from '@tensorflow/tfjs';
import { type GraphNode, type OpReplacements, replaceOps } from './graphOps';

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** x as [outer, axis, inner, 1], the layout a max pool over `axis` takes, and the shape of the reduced result. */
function rows(x: tf.Tensor, axis: number, keepDims: boolean): [tf.Tensor4D, number, number[]] {
  const shape = x.shape;
  const at = axis < 0 ? axis + shape.length : axis;
  const outShape = keepDims ? shape.map((d, i) => (i === at ? 1 : d)) : shape.filter((_, i) => i !== at);
  const laid = tf.reshape(x, [product(shape.slice(0, at)), shape[at], product(shape.slice(at + 1)), 1]) as tf.Tensor4D;
  return [laid, shape[at], outShape];
}

const poolAll = (x: tf.Tensor4D, size: number): tf.Tensor4D => tf.maxPool(x, [size, 1], [size, 1], 'valid');

/** max(x) along `axis` (negative counts from the end). */
export function maxAlongAxis(x: tf.Tensor, axis: number, keepDims: boolean): tf.Tensor {
  return tf.tidy(() => {
    const [laid, size, outShape] = rows(x, axis, keepDims);
    return tf.reshape(poolAll(laid, size), outShape);
  });
}

/**
 * argmax(x) along `axis`, int32, the first index where there are ties (as tfjs's CPU kernel): the max, then the
 * largest of (size − index) where x equals it. Indices are exact in float32 below 2²⁴.
 */
export function argMaxAlongAxis(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => {
    const [laid, size, outShape] = rows(x, axis, false);
    const best = poolAll(laid, size);
    const countdown = tf.reshape(tf.range(size, 0, -1, 'float32'), [1, size, 1, 1]);
    const firstBest = poolAll(tf.mul(tf.cast(tf.equal(laid, best), 'float32'), countdown), size);
    return tf.reshape(tf.cast(tf.sub(size, firstBest), 'int32'), outShape);
  });
}

/** The axes of a reduction, read as tfjs's own executors read them: a small constant input. */
const axesOf = (node: GraphNode): number[] => Array.from(node.inputs[1].dataSync());
const pooled = (x: tf.Tensor, axes: number[]): boolean =>
  axes.length === 1 && x.dtype === 'float32' && x.rank > 0 && x.size < 2 ** 24;

function executeMax(node: GraphNode): tf.Tensor {
  const [x] = node.inputs;
  const axes = axesOf(node);
  const keepDims = node.attrs.keep_dims === true;
  return pooled(x, axes) ? maxAlongAxis(x, axes[0], keepDims) : tf.max(x, axes, keepDims);
}

/** Backends whose own argmax kernel is a plain loop, faster than the pooled one (see above). */
const LOOPED_ARGMAX = new Set(['wasm', 'cpu']);

function executeArgMax(node: GraphNode): tf.Tensor {
  const [x] = node.inputs;
  const axes = axesOf(node);
  return pooled(x, axes) && !LOOPED_ARGMAX.has(tf.getBackend()) ? argMaxAlongAxis(x, axes[0]) : tf.argMax(x, axes[0]);
}

const POOLED: OpReplacements = {
  Max: ['MaxAsPool', executeMax],
  ArgMax: ['ArgMaxAsPool', executeArgMax],
};

/** The graph with its Max and ArgMax nodes run as above (graphOps.ts: only this graph's). */
export function poolReductions(graph: tf.io.ModelJSON): tf.io.ModelJSON {
  return replaceOps(graph, POOLED);
}
