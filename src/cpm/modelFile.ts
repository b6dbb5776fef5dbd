import * as tf from '@tensorflow/tfjs';
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
  architecture: MemberSpec;
  joints: string[];
  background: string;
  edges: [number, number][];
  flipPairs: [number, number][];
  notes: string;
}

export interface CpmModelFile {
  format: 'cpm-weights';
  cpm: CpmBlock;
  weightsManifest: tf.io.WeightsManifestConfig;
}

export interface LoadedModel {
  file: CpmModelFile;
  weights: tf.NamedTensorMap;
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

function bytesOf(entry: tf.io.WeightsManifestEntry): number {
  const count = entry.shape.reduce((a, b) => a * b, 1);
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  return count * (dtype === 'float16' || dtype === 'uint16' ? 2 : dtype === 'uint8' ? 1 : 4);
}

/** Decodes the shards (one ArrayBuffer per manifest path, in manifest order) into named tensors. */
export function decodeModel(file: CpmModelFile, shards: ArrayBuffer[]): LoadedModel {
  const specs = file.weightsManifest.flatMap((group) => group.weights);
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const expected = specs.reduce((sum, s) => sum + bytesOf(s), 0);
  if (total !== expected) throw new Error(`model ${file.cpm.id}: weights are ${total} bytes, expected ${expected}`);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    joined.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  return { file, weights: tf.io.decodeWeights(joined.buffer, specs) };
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

/** Downloads model.json and its shards, reporting the fraction of weight bytes received. */
export async function fetchModel(
  url: string,
  onProgress: (fraction: number) => void,
  fetchFn: typeof fetch = fetch,
): Promise<LoadedModel> {
  const response = await fetchOk(fetchFn, url);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`${url} is not valid JSON`);
  }
  const file = parseModelFile(json);
  const base = new URL('.', new URL(url, globalThis.location?.href ?? 'http://localhost/')).href;
  const total = file.weightsManifest.flatMap((g) => g.weights).reduce((sum, w) => sum + bytesOf(w), 0);
  let received = 0;
  onProgress(0);
  const shards: ArrayBuffer[] = [];
  for (const path of file.weightsManifest.flatMap((g) => g.paths)) {
    const shard = await fetchOk(fetchFn, new URL(path, base).href);
    shards.push(
      await readWithProgress(shard, (n) => {
        received += n;
        onProgress(Math.min(1, received / total));
      }),
    );
  }
  return decodeModel(file, shards);
}
