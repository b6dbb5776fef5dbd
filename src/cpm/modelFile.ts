import * as tf from '@tensorflow/tfjs';
import { foldChannelScales } from './channelScales';
import { weightBytes } from './weightBytes';
import { type MemberSpec, weightShapes } from './architecture';

/** The `cpm` block of a model.json: what the app needs to build, label and credit the network. */
export interface CpmBlock {
  id: string;
  name: string;
  member: string;
  trained: boolean;
  /** Held-out stage-T PCK@0.2 over all 14 joints, percent; null for untrained models. */
  heldOutPck: number | null;
  /**
   * Default person box side in units of the image's larger side (1 when absent): the box at which a person who fills
   * the photo appears at the scale the model was trained on.
   */
  boxSize?: number;
  /**
   * Stage-T belief peak below which held-out joints are more often wrong than right (`npm run eval --calibrate`): the
   * app draws such a joint hollow, or hides it. Absent: no joint is weak.
   */
  weakPeak?: number;
  architecture: MemberSpec;
  joints: string[];
  background: string;
  edges: [number, number][];
  flipPairs: [number, number][];
  notes: string;
  /** For members with a backbone: whether its weights were fine-tuned here (false or absent: used frozen). */
  backboneFineTuned?: boolean;
}

/** The card's default person box (1: the image's larger side, when the card has none). */
export function boxSizeOf(block: CpmBlock): number {
  return block.boxSize ?? 1;
}

export interface CpmModelFile {
  format: 'cpm-weights';
  cpm: CpmBlock;
  weightsManifest: tf.io.WeightsManifestConfig;
}

/** A backbone graph as tfjs's loadGraphModelSync takes it: its model.json and its shards joined. */
export type BackboneArtifacts = [tf.io.ModelJSON, ArrayBuffer];

export interface LoadedModel {
  file: CpmModelFile;
  weights: tf.NamedTensorMap;
  backbone?: BackboneArtifacts;
}

/** Where a model's files come from: HTTP in the app, the disk in Node. Paths are relative to model.json. */
export interface ModelSource {
  json(path: string): Promise<unknown>;
  binary(path: string, onBytes: (n: number) => void): Promise<ArrayBuffer>;
}

export function parseModelFile(json: unknown): CpmModelFile {
  const file = json as Partial<CpmModelFile> | null;
  if (!file || file.format !== 'cpm-weights' || !file.cpm || !Array.isArray(file.weightsManifest)) {
    throw new Error('not a CPM model file (expected format "cpm-weights" with a cpm block and a weightsManifest)');
  }
  const expected = weightShapes(file.cpm.architecture);
  const listed = new Map(file.weightsManifest.flatMap((g) => g.weights).map((w) => [w.name, w.shape]));
  for (const { name, shape } of expected) {
    const got = listed.get(name);
    if (!got || got.join('x') !== shape.join('x')) {
      throw new Error(`model ${file.cpm.id}: weight ${name} is ${got ? got.join('x') : 'missing'}, expected ${shape.join('x')}`);
    }
  }
  return file as CpmModelFile;
}

/** Decodes the shards (one ArrayBuffer per manifest path, in manifest order) into named tensors. */
export function decodeModel(file: CpmModelFile, shards: ArrayBuffer[]): LoadedModel {
  const specs = file.weightsManifest.flatMap((group) => group.weights);
  return { file, weights: tf.io.decodeWeights(joinShards(file.cpm.id, specs, shards), specs) };
}

function joinShards(what: string, specs: tf.io.WeightsManifestEntry[], shards: ArrayBuffer[]): ArrayBuffer {
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const expected = specs.reduce((sum, s) => sum + weightBytes(s), 0);
  if (total !== expected) throw new Error(`model ${what}: weights are ${total} bytes, expected ${expected}`);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    joined.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  return joined.buffer;
}

function parseGraph(json: unknown, path: string): tf.io.ModelJSON {
  const graph = json as Partial<tf.io.ModelJSON> | null;
  if (!graph?.modelTopology || !Array.isArray(graph.weightsManifest)) {
    throw new Error(`${path} is not a tfjs graph model`);
  }
  return graph as tf.io.ModelJSON;
}

function manifestEntries(manifest: tf.io.WeightsManifestConfig): tf.io.WeightsManifestEntry[] {
  return manifest.flatMap((group) => group.weights);
}

/** Reads every shard a manifest lists, in order, counting the bytes as they arrive. */
async function readShards(source: ModelSource, manifest: tf.io.WeightsManifestConfig, onBytes: (n: number) => void): Promise<ArrayBuffer[]> {
  const shards: ArrayBuffer[] = [];
  for (const path of manifest.flatMap((g) => g.paths)) shards.push(await source.binary(path, onBytes));
  return shards;
}

/**
 * Reads model.json, its shards and, for members with a backbone, the backbone graph and its shards (per-channel
 * kernels folded: channelScales.ts).
 */
export async function loadModel(source: ModelSource, onProgress: (fraction: number) => void): Promise<LoadedModel> {
  const file = parseModelFile(await source.json('model.json'));
  const graphPath = file.cpm.architecture.backbone?.graph;
  const graph = graphPath ? parseGraph(await source.json(graphPath), graphPath) : null;
  const manifests = [file.weightsManifest, ...(graph ? [graph.weightsManifest] : [])];
  const total = manifests.flatMap(manifestEntries).reduce((sum, w) => sum + weightBytes(w), 0);
  let received = 0;
  onProgress(0);
  const count = (n: number): void => {
    received += n;
    onProgress(Math.min(1, received / total));
  };
  const loaded = decodeModel(file, await readShards(source, file.weightsManifest, count));
  if (!graph || !graphPath) return loaded;
  const graphShards = joinShards(graphPath, manifestEntries(graph.weightsManifest), await readShards(source, graph.weightsManifest, count));
  return { ...loaded, backbone: foldChannelScales(graph, graphShards) };
}

/** A tfjs graph model (model.json and its shards) as loadGraphModelSync takes it, per-channel kernels folded. */
export async function loadGraphArtifacts(source: ModelSource): Promise<BackboneArtifacts> {
  const graph = parseGraph(await source.json('model.json'), 'model.json');
  const shards = await readShards(source, graph.weightsManifest, () => undefined);
  return foldChannelScales(graph, joinShards('model.json', manifestEntries(graph.weightsManifest), shards));
}

async function readWithProgress(response: Response, onBytes: (n: number) => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
}

async function fetchOk(fetchFn: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new Error(`could not download ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`could not download ${url}: HTTP ${response.status}`);
  return response;
}

/** Model files over HTTP, relative to the model.json at `url`. */
export function httpSource(url: string, fetchFn: typeof fetch = fetch): ModelSource {
  const base = new URL('.', new URL(url, globalThis.location?.href ?? 'http://localhost/')).href;
  const at = (path: string): string => (path === 'model.json' ? url : new URL(path, base).href);
  return {
    async json(path) {
      const response = await fetchOk(fetchFn, at(path));
      try {
        return (await response.json()) as unknown;
      } catch {
        throw new Error(`${at(path)} is not valid JSON`);
      }
    },
    async binary(path, onBytes) {
      return readWithProgress(await fetchOk(fetchFn, at(path)), onBytes);
    },
  };
}

/** Downloads model.json and every shard it needs, reporting the fraction of weight bytes received. */
export function fetchModel(
  url: string,
  onProgress: (fraction: number) => void,
  fetchFn: typeof fetch = fetch,
): Promise<LoadedModel> {
  return loadModel(httpSource(url, fetchFn), onProgress);
}
