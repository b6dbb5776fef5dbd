import * as tf from '@tensorflow/tfjs';
import { gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import type { Point } from '../pose/box';
import { centerMap } from '../pose/centerMap';
import { mirrorColumns, mirrorX } from '../pose/flip';

export interface StageRun {
  /** Per stage, g×g×channels. */
  stages: Float32Array[];
  stageMs: number[];
}

/**
 * Runs every stage on a batch of normalised S×S×3 inputs, each with its center map at its `centres` entry (input
 * pixels), in one pass of the network: one dispatch per layer for the whole batch (the flip test's two crops cost
 * far less than two passes where a pass is dispatch-bound). With `timeStages`, each stage's maps are read back as
 * soon as they are computed and the time to each read is recorded; without it, all stages come back in one read
 * (one GPU round trip instead of T). `onStage` hears of each stage read back (with `timeStages` only: otherwise
 * there is nothing to hear until the end). Every run of the batch carries the batch's stage times.
 */
export async function runStagesBatch(
  network: CpmNetwork,
  inputs: Float32Array[],
  centres: Point[],
  timeStages: boolean,
  onStage?: (stage: number) => void,
): Promise<StageRun[]> {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const batch = inputs.length;
  const priors = centres.map((c) => centerMap(size, spec.stride, c.x, c.y, spec.centerSigma));
  const image = tf.tensor4d(joined(inputs), [batch, size, size, 3]);
  const center = tf.tensor4d(joined(priors), [batch, grid, grid, 1]);
  const start = performance.now();
  const doneAt: number[] = [];
  const reads: Promise<Float32Array>[] = [];
  let beliefs: tf.Tensor4D[] = [];
  try {
    // WebGPU queues work and runs it while later stages are encoded, so an async read per stage times each stage.
    // WebGL may run a stage's shaders while the next stage is issued, before any async read can resolve: there a
    // blocking read (fine in a worker) is what times each stage honestly.
    const blocking = tf.getBackend() !== 'webgpu';
    beliefs = network.runStages(image, center, (stage, maps) => {
      if (!timeStages) return;
      if (blocking) {
        const data = maps.dataSync() as Float32Array;
        doneAt[stage - 1] = performance.now();
        onStage?.(stage);
        reads.push(Promise.resolve(data));
        return;
      }
      reads.push(
        maps.data().then((data) => {
          doneAt[stage - 1] = performance.now();
          onStage?.(stage);
          return data as Float32Array;
        }),
      );
    });
    let perStage: Float32Array[];
    let stageMs: number[];
    if (timeStages) {
      perStage = await Promise.all(reads);
      stageMs = doneAt.map((t, i) => t - (i === 0 ? start : doneAt[i - 1]));
    } else {
      const all = tf.concat(beliefs, 0);
      const data = (await all.data()) as Float32Array;
      all.dispose();
      const per = data.length / beliefs.length;
      perStage = beliefs.map((_, s) => data.subarray(s * per, (s + 1) * per));
      const total = performance.now() - start;
      stageMs = beliefs.map(() => total / beliefs.length);
    }
    return inputs.map((_, b) => ({ stages: perStage.map((maps) => itemOf(maps, b, batch)), stageMs }));
  } finally {
    tf.dispose([image, center, ...beliefs]);
  }
}

/** One normalised input's run (runStagesBatch with a batch of one). */
export async function runStages(
  network: CpmNetwork,
  input: Float32Array,
  centre: Point,
  timeStages: boolean,
  onStage?: (stage: number) => void,
): Promise<StageRun> {
  const [run] = await runStagesBatch(network, [input], [centre], timeStages, onStage);
  return run;
}

function joined(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((sum, a) => sum + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Item b of a batch's maps (batch-major), as its own array. */
function itemOf(maps: Float32Array, b: number, batch: number): Float32Array {
  const per = maps.length / batch;
  return maps.slice(b * per, (b + 1) * per);
}

/** Backends where one batched pass of several crops costs less than a pass each (npm run bench -- --compare). */
function batchPays(): boolean {
  return tf.getBackend() === 'webgpu';
}

/** A crop to run: its normalised S×S×3 input and its center map's centre (input pixels), read as it is or mirrored. */
export interface Crop {
  input: Float32Array;
  centre: Point;
  mirrored: boolean;
}

/**
 * Runs every stage on each crop, a mirrored one's input and centre mirrored first (its maps stay mirrored: pose/flip.ts
 * brings them back). Where a batch pays (WebGPU: the flip test cost 1.74× a plain reading in one batch, against 2.08×
 * as two passes), every crop goes through the network in one batch, and each carries an equal share of the batch's
 * stage times; elsewhere (on WebGL a batch of two ran at 3.2× a plain reading; on WebAssembly a batch of two, or of
 * four, costs what as many passes do) they go one after the other.
 */
export async function runCrops(
  network: CpmNetwork,
  crops: Crop[],
  timeStages: boolean,
  onStage?: (stage: number, crop: number) => void,
  batched = batchPays(),
): Promise<StageRun[]> {
  const size = network.spec.inputSize;
  const inputs = crops.map((c) => (c.mirrored ? mirrorColumns(c.input, size, 3) : c.input));
  const centres = crops.map((c) => (c.mirrored ? { x: mirrorX(c.centre.x, size), y: c.centre.y } : c.centre));
  if (batched && crops.length > 1) {
    // A batch reads every crop at once: its stages are news of the last one.
    const batch = await runStagesBatch(network, inputs, centres, timeStages, onStage && ((stage) => onStage(stage, crops.length - 1)));
    return batch.map((run) => ({ stages: run.stages, stageMs: run.stageMs.map((ms) => ms / crops.length) }));
  }
  const runs: StageRun[] = [];
  for (const [i, input] of inputs.entries()) {
    runs.push(await runStages(network, input, centres[i], timeStages, onStage && ((stage) => onStage(stage, i))));
  }
  return runs;
}
