import * as tf from '@tensorflow/tfjs';
import { FAMILY, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import type { Point } from '../pose/box';
import { centerMap } from '../pose/centerMap';
import { flipAverageStages, mirrorColumns, mirrorX } from '../pose/flip';

export interface StageRun {
  /** Per stage, g×g×channels. */
  stages: Float32Array[];
  stageMs: number[];
}

/**
 * Runs every stage on one normalised S×S×3 input with the center map at `centre` (input pixels). With `timeStages`,
 * each stage's maps are read back as soon as they are computed and the time to each read is recorded; without it,
 * all stages come back in one read (one GPU round trip instead of T). `onStage` hears of each stage read back (with
 * `timeStages` only: otherwise there is nothing to hear until the end).
 */
export async function runStages(
  network: CpmNetwork,
  input: Float32Array,
  centre: Point,
  timeStages: boolean,
  onStage?: (stage: number) => void,
): Promise<StageRun> {
  const spec = network.spec;
  const size = spec.inputSize;
  const grid = gridSize(spec);
  const prior = centerMap(size, spec.stride, centre.x, centre.y, spec.centerSigma);
  const image = tf.tensor4d(input, [1, size, size, 3]);
  const center = tf.tensor4d(prior, [1, grid, grid, 1]);
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
    if (timeStages) {
      const stages = await Promise.all(reads);
      return { stages, stageMs: doneAt.map((t, i) => t - (i === 0 ? start : doneAt[i - 1])) };
    }
    const all = tf.concat(beliefs, 0);
    const data = (await all.data()) as Float32Array;
    all.dispose();
    const per = data.length / beliefs.length;
    const total = performance.now() - start;
    return {
      stages: beliefs.map((_, s) => data.slice(s * per, (s + 1) * per)),
      stageMs: beliefs.map(() => total / beliefs.length),
    };
  } finally {
    tf.dispose([image, center, ...beliefs]);
  }
}

/**
 * runStages, and with `flip` again on the mirrored input (centre mirrored with it): each stage's maps are the average
 * of both, the mirrored ones brought back with left and right swapped; stage times add up.
 */
export async function runStagesFlipTested(
  network: CpmNetwork,
  input: Float32Array,
  centre: Point,
  timeStages: boolean,
  flip: boolean,
  onStage?: (stage: number) => void,
): Promise<StageRun> {
  const plain = await runStages(network, input, centre, timeStages, onStage);
  if (!flip) return plain;
  const size = network.spec.inputSize;
  const mirrored = await runStages(network, mirrorColumns(input, size, 3), { x: mirrorX(centre.x, size), y: centre.y }, timeStages, onStage);
  return {
    stages: flipAverageStages(plain.stages, mirrored.stages, gridSize(network.spec), FAMILY.flipPairs),
    stageMs: plain.stageMs.map((ms, s) => ms + mirrored.stageMs[s]),
  };
}
