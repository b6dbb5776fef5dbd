import * as tf from '@tensorflow/tfjs';
import type { MemberSpec } from '../cpm/architecture';
import { FAMILY, NUM_MAPS, gridSize } from '../cpm/architecture';
import type { CpmNetwork } from '../cpm/network';
import { type Box, type Point, drawRect, imageToInput, personBox } from '../pose/box';
import { centerMap } from '../pose/centerMap';
import { flipAverageStages, mirrorColumns, mirrorX } from '../pose/flip';
import { fuseScaleStages } from '../pose/fuse';
import { normalizePixels } from '../pose/normalize';
import type { FrameRequest } from './protocol';

export interface StageRun {
  /** Per stage, g×g×channels. */
  stages: Float32Array[];
  stageMs: number[];
}

let inputCanvas: OffscreenCanvas | null = null;

/** One S×S canvas reused for every frame (a new canvas per frame would churn GPU-backed memory). */
function canvasOfSize(size: number): OffscreenCanvasRenderingContext2D {
  if (!inputCanvas || inputCanvas.width !== size) inputCanvas = new OffscreenCanvas(size, size);
  const ctx = inputCanvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas in the worker');
  return ctx;
}

/** Crops the box out of the image onto an S×S canvas (grey pad outside the image) and normalises the pixels. */
export function cropToInput(source: CanvasImageSource, width: number, height: number, box: Box, spec: MemberSpec): Float32Array {
  const size = spec.inputSize;
  const ctx = canvasOfSize(size);
  const pad = spec.normalization.padValue;
  ctx.fillStyle = `rgb(${pad}, ${pad}, ${pad})`;
  ctx.fillRect(0, 0, size, size);
  const { dx, dy, dw, dh } = drawRect(box, size, width, height);
  ctx.drawImage(source, dx, dy, dw, dh);
  return normalizePixels(ctx.getImageData(0, 0, size, size).data, size, size, spec.normalization);
}

/**
 * Runs every stage. With `timeStages`, each stage's maps are read back as soon as they are computed and the time to
 * each read is recorded; without it, all stages come back in one read (one GPU round trip instead of T).
 */
export async function runStages(
  network: CpmNetwork,
  spec: MemberSpec,
  input: Float32Array,
  centre: Point,
  timeStages = true,
): Promise<StageRun> {
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
        reads.push(Promise.resolve(data));
        return;
      }
      reads.push(
        maps.data().then((data) => {
          doneAt[stage - 1] = performance.now();
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

export interface FrameOutput {
  box: Box;
  center: Point;
  maps: Float32Array;
  centerMap: Float32Array;
  stageMs: number[];
}

/**
 * runStages, and with `flip` again on the mirrored input (centre mirrored with it): each stage's maps are the average
 * of both, the mirrored ones brought back with left and right swapped; stage times add up.
 */
export async function runStagesFlipTested(
  network: CpmNetwork,
  spec: MemberSpec,
  input: Float32Array,
  centre: Point,
  timeStages: boolean,
  flip: boolean,
): Promise<StageRun> {
  const plain = await runStages(network, spec, input, centre, timeStages);
  if (!flip) return plain;
  const size = spec.inputSize;
  const mirroredInput = mirrorColumns(input, size, 3);
  const mirrored = await runStages(network, spec, mirroredInput, { x: mirrorX(centre.x, size), y: centre.y }, timeStages);
  return {
    stages: flipAverageStages(plain.stages, mirrored.stages, gridSize(spec), FAMILY.flipPairs),
    stageMs: plain.stageMs.map((ms, s) => ms + mirrored.stageMs[s]),
  };
}

/** How to read one frame (FrameRequest's fields). */
export type FrameReading = Pick<FrameRequest, 'bitmap' | 'center' | 'scales' | 'boxSize' | 'timeStages' | 'flip'>;

/**
 * One frame at one or more scales, each flip-tested if asked; scale maps are fused into the base (scale 1) box by
 * summing per joint.
 */
export async function inferFrame(network: CpmNetwork, spec: MemberSpec, frame: FrameReading): Promise<FrameOutput> {
  const { bitmap, center: chosen, scales, boxSize, timeStages, flip } = frame;
  const { width, height } = bitmap;
  const grid = gridSize(spec);
  const base = personBox(width, height, chosen, 1 / boxSize);
  const center = chosen ?? { x: width / 2, y: height / 2 };
  const boxCentre = imageToInput(base, spec.inputSize, center);
  const runs: { box: Box; run: StageRun }[] = [];
  for (const scale of scales) {
    const box = personBox(width, height, chosen, scale / boxSize);
    const input = cropToInput(bitmap, width, height, box, spec);
    const centre = imageToInput(box, spec.inputSize, center);
    runs.push({ box, run: await runStagesFlipTested(network, spec, input, centre, timeStages, flip) });
  }
  const fused = fuseScaleStages(
    runs.map(({ box, run }) => ({ box, stages: run.stages })),
    base,
    spec.inputSize,
    spec.stride,
    grid,
    NUM_MAPS,
  );
  const size = grid * grid * NUM_MAPS;
  const maps = new Float32Array(spec.stages * size);
  fused.forEach((stage, s) => maps.set(stage, s * size));
  const stageMs = Array.from({ length: spec.stages }, (_, s) => runs.reduce((sum, { run }) => sum + run.stageMs[s], 0));
  const centerPlane = centerMap(spec.inputSize, spec.stride, boxCentre.x, boxCentre.y, spec.centerSigma);
  return { box: base, center, maps, centerMap: centerPlane, stageMs };
}
