/**
 * Per-channel 8-bit kernels folded back into plain float convolutions when a graph is loaded.
 *
 * tfjs's weight format only knows per-tensor uint8, so the project ships MoveNet-based graphs (the backbone and the
 * person finder) with each kernel stored as uint8 codes over [-1, 1] and a Mul by its per-channel scale after the
 * convolution, the activation moved after that Mul (training/cpm_train/backbone/graph_quantise.py). That keeps the
 * download small but costs a Mul and an unfused activation per convolution on every frame: about 12 % of a reading
 * on WebGL (npm run bench -- --profile). Folding the scale into the kernel (and the bias) once at load gives the
 * same numbers as one fused convolution each, as the graph had before it was quantised.
 */
import type * as tf from '@tensorflow/tfjs';
import { weightBytes } from './weightBytes';

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

interface Weight {
  spec: tf.io.WeightsManifestEntry;
  bytes: Uint8Array;
}

const CONVS = new Set(['_FusedConv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative']);

function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** A float weight's values as tfjs decodes them (float32, float16, or uint8/uint16 codes × scale + min). */
function floats({ spec, bytes }: Weight): Float32Array {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const q = spec.quantization;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    if (!q) out[i] = view.getFloat32(i * 4, true);
    else if (q.dtype === 'float16') out[i] = float16ToFloat32(view.getUint16(i * 2, true));
    else out[i] = (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true)) * (q.scale ?? 1) + (q.min ?? 0);
  }
  return out;
}

function fusedOps(node: GraphNode): string[] {
  const list = (node.attr?.fused_ops as { list?: { s?: string[] } } | undefined)?.list?.s ?? [];
  return list.map((encoded) => atob(encoded));
}

function constNode(name: string, shape: number[]): GraphNode {
  return {
    name,
    op: 'Const',
    attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } } },
  };
}

/** values × scale[c], c the index along `axis` of a row-major tensor of `shape`. */
function scaleAlong(values: Float32Array, shape: number[], axis: number, scale: Float32Array): Float32Array {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channels = shape[axis];
  return values.map((v, i) => v * scale[Math.floor(i / inner) % channels]);
}

/**
 * The graph with every `X/q` convolution, the Mul by `X/channel_scale` after it and the activation after that (if
 * any) made one float convolution named `X` again (kernel `X/kernel`, bias `X/bias`), and its weights: untouched
 * weights keep their bytes and encoding, the folded ones are float32. A graph without such convolutions comes back
 * as it was.
 */
export function foldChannelScales(graph: tf.io.ModelJSON, data: ArrayBuffer): [tf.io.ModelJSON, ArrayBuffer] {
  const weights = new Map<string, Weight>();
  let offset = 0;
  for (const spec of graph.weightsManifest.flatMap((group) => group.weights)) {
    const size = weightBytes(spec);
    weights.set(spec.name, { spec, bytes: new Uint8Array(data, offset, size) });
    offset += size;
  }
  const nodes = (graph.modelTopology as { node: GraphNode[] }).node;
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const dropped = new Set<string>();
  const rebuilt = new Map<string, GraphNode[]>();
  const folded: { name: string; shape: number[]; values: Float32Array }[] = [];
  for (const node of nodes) {
    if (!CONVS.has(node.op) || !node.name.endsWith('/q') || !node.input) continue;
    const name = node.name.slice(0, -2);
    const [source, codesName, biasName] = node.input;
    const codes = weights.get(codesName);
    const scaleWeight = weights.get(`${name}/channel_scale`);
    const multiply = byName.get(name)?.op === 'Mul' ? byName.get(name) : byName.get(`${name}/scaled`);
    if (!codes || !scaleWeight || multiply?.op !== 'Mul') continue;
    const scale = floats(scaleWeight);
    const axis = node.op === '_FusedConv2D' ? 3 : 2;
    folded.push({ name: `${name}/kernel`, shape: codes.spec.shape, values: scaleAlong(floats(codes), codes.spec.shape, axis, scale) });
    const bias = biasName ? weights.get(biasName) : undefined;
    if (bias) folded.push({ name: `${name}/bias`, shape: bias.spec.shape, values: scaleAlong(floats(bias), bias.spec.shape, 0, scale) });
    const ops = fusedOps(node);
    const activation = multiply.name === `${name}/scaled` ? byName.get(name) : undefined;
    // tfjs fuses an activation only after a bias; without one, the activation stays a node of its own.
    const fuse = activation !== undefined && bias !== undefined;
    const conv: GraphNode = {
      ...node,
      name: activation && !fuse ? `${name}/scaled` : name,
      input: [source, `${name}/kernel`, ...(bias ? [`${name}/bias`] : []), ...node.input.slice(bias ? 3 : 2)],
      attr: fuse ? { ...node.attr, fused_ops: { list: { s: [...ops, activation.op].map((op) => btoa(op)) } } } : node.attr,
    };
    const consts = [constNode(`${name}/kernel`, codes.spec.shape), ...(bias ? [constNode(`${name}/bias`, bias.spec.shape)] : [])];
    rebuilt.set(node.name, [...consts, conv]);
    for (const gone of [codesName, `${name}/channel_scale`, multiply.name, ...(bias ? [biasName] : []), ...(fuse ? [name] : [])]) dropped.add(gone);
  }
  if (rebuilt.size === 0) return [graph, data];
  const kept = nodes.filter((node) => !dropped.has(node.name) || rebuilt.has(node.name));
  const topology = { ...graph.modelTopology, node: kept.flatMap((node) => rebuilt.get(node.name) ?? [node]) };
  const unchanged = [...weights.values()].filter(({ spec }) => !dropped.has(spec.name));
  const specs = [
    ...unchanged.map(({ spec }) => spec),
    ...folded.map(({ name, shape }): tf.io.WeightsManifestEntry => ({ name, shape, dtype: 'float32' })),
  ];
  const out = new Uint8Array(unchanged.reduce((sum, w) => sum + w.bytes.byteLength, 0) + folded.reduce((sum, f) => sum + f.values.byteLength, 0));
  let at = 0;
  for (const chunk of [...unchanged.map((w) => w.bytes), ...folded.map((f) => new Uint8Array(f.values.buffer))]) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  const paths = graph.weightsManifest.flatMap((group) => group.paths);
  return [{ ...graph, modelTopology: topology, weightsManifest: [{ paths, weights: specs }] }, out.buffer];
}
