import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldChannelScales } from './channelScales';

interface Node {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

const FLOAT = { type: 'DT_FLOAT' };
const constant = (name: string, shape: number[]): Node => ({
  name,
  op: 'Const',
  attr: { dtype: FLOAT, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } } },
});
const convAttr = (ops: string[]) => ({
  T: FLOAT,
  strides: { list: { i: ['1', '1', '1', '1'] } },
  padding: { s: btoa('SAME') },
  dilations: { list: { i: ['1', '1', '1', '1'] } },
  data_format: { s: btoa('NHWC') },
  ...(ops.length ? { fused_ops: { list: { s: ops.map((op) => btoa(op)) } }, num_args: { i: '1' } } : {}),
});

/**
 * What graph_quantise.py writes: a fused 3×3 conv (bias, then Relu6 after the Mul by its channel scale) and a
 * depthwise conv without bias (Mul only); codes uint8 over [-1, 1], scales float16, bias float32.
 */
function quantisedGraph(): [tf.io.ModelJSON, ArrayBuffer] {
  const nodes: Node[] = [
    { name: 'x', op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: { dim: [{ size: '1' }, { size: '4' }, { size: '4' }, { size: '2' }] } } } },
    constant('c/kernel_q', [3, 3, 2, 3]),
    constant('c/channel_scale', [1, 1, 1, 3]),
    constant('c/bias_scaled', [3]),
    { name: 'c/q', op: '_FusedConv2D', input: ['x', 'c/kernel_q', 'c/bias_scaled'], attr: convAttr(['BiasAdd']) },
    { name: 'c/scaled', op: 'Mul', input: ['c/q', 'c/channel_scale'], attr: { T: FLOAT } },
    { name: 'c', op: 'Relu6', input: ['c/scaled'], attr: { T: FLOAT } },
    constant('d/kernel_q', [3, 3, 3, 1]),
    constant('d/channel_scale', [1, 1, 1, 3]),
    { name: 'd/q', op: 'DepthwiseConv2dNative', input: ['c', 'd/kernel_q'], attr: convAttr([]) },
    { name: 'd', op: 'Mul', input: ['d/q', 'd/channel_scale'], attr: { T: FLOAT } },
  ];
  const uint8 = { dtype: 'uint8' as const, scale: 2 / 255, min: -1 };
  const weights: tf.io.WeightsManifestEntry[] = [
    { name: 'c/kernel_q', shape: [3, 3, 2, 3], dtype: 'float32', quantization: uint8 },
    { name: 'c/channel_scale', shape: [1, 1, 1, 3], dtype: 'float32', quantization: { dtype: 'float16' } },
    { name: 'c/bias_scaled', shape: [3], dtype: 'float32' },
    { name: 'd/kernel_q', shape: [3, 3, 3, 1], dtype: 'float32', quantization: uint8 },
    { name: 'd/channel_scale', shape: [1, 1, 1, 3], dtype: 'float32', quantization: { dtype: 'float16' } },
  ];
  const codes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed * 11) % 256);
  const halves = new Uint16Array([0x3c00, 0x4000, 0x3800]); // 1, 2, 0.5
  const halves2 = new Uint16Array([0x3e00, 0x3400, 0x4200]); // 1.5, 0.25, 3
  const bias = new Float32Array([0.5, -0.25, 1]);
  const parts = [codes(54, 1), new Uint8Array(halves.buffer), new Uint8Array(bias.buffer), codes(27, 2), new Uint8Array(halves2.buffer)];
  const data = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.byteLength;
  }
  return [{ modelTopology: { node: nodes, versions: { producer: 1 } }, weightsManifest: [{ paths: ['w.bin'], weights }], format: 'graph-model' }, data.buffer];
}

function run(artifacts: [tf.io.ModelJSON, ArrayBuffer], input: tf.Tensor, output?: string): Float32Array {
  const model = tf.loadGraphModelSync(artifacts);
  const result = (output ? model.execute(input, output) : model.execute(input)) as tf.Tensor;
  const values = result.dataSync() as Float32Array;
  result.dispose();
  model.dispose();
  return values;
}

describe('foldChannelScales', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('makes each convolution one float convolution again, the activation fused after its bias', () => {
    const [graph] = foldChannelScales(...quantisedGraph());
    const nodes = (graph.modelTopology as { node: Node[] }).node;
    const byName = new Map(nodes.map((n) => [n.name, n]));
    expect(nodes.filter((n) => n.op === 'Mul' || n.op === 'Relu6')).toEqual([]);
    expect(byName.get('c')?.input).toEqual(['x', 'c/kernel', 'c/bias']);
    const fused = (byName.get('c')?.attr?.fused_ops as { list: { s: string[] } }).list.s.map((s) => atob(s));
    expect(fused).toEqual(['BiasAdd', 'Relu6']);
    expect(byName.get('d')?.input).toEqual(['c', 'd/kernel']);
    expect(graph.weightsManifest[0].weights.map((w) => w.name).sort()).toEqual(['c/bias', 'c/kernel', 'd/kernel']);
  });

  it('gives the same outputs as the quantised graph', () => {
    const quantised = quantisedGraph();
    const input = tf.randomNormal([1, 4, 4, 2], 0, 50, 'float32', 3);
    const before = run(quantised, input);
    const after = run(foldChannelScales(...quantised), input);
    input.dispose();
    expect(after.length).toBe(before.length);
    before.forEach((v, i) => expect(after[i]).toBeCloseTo(v, 4));
  });

  it('leaves a graph without per-channel kernels as it was', () => {
    const [graph, data] = quantisedGraph();
    const plain = { ...graph, modelTopology: { node: [] } };
    expect(foldChannelScales(plain, data)).toEqual([plain, data]);
  });

  it('keeps the shipped person finder\'s heatmaps (a real MoveNet graph, at 128²)', () => {
    const folder = join('public', 'models', 'person-finder');
    const graph = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const bytes = readFileSync(join(folder, 'weights.bin'));
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const input = tf.randomUniform([1, 128, 128, 3], 0, 255, 'int32', 5);
    const heatmaps = 'StatefulPartitionedCall/Sigmoid';
    const before = run([graph, data], input, heatmaps);
    const folded = foldChannelScales(graph, data);
    const after = run(folded, input, heatmaps);
    input.dispose();
    const ops = (folded[0].modelTopology as { node: Node[] }).node.filter((n) => n.op === 'Mul').length;
    expect(ops).toBeLessThan(105 - 50);
    let worst = 0;
    before.forEach((v, i) => (worst = Math.max(worst, Math.abs(after[i] - v))));
    expect(worst).toBeLessThan(1e-4);
  });
});
