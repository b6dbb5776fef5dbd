/**
 * The worker's devtools (loaded only when the page asks for them with `?devtools`): memory, the golden fixture check,
 * the worker's crop, peer graph timing, kernel profiles and device-loss injection, served on their own port.
 */
import * as tf from '@tensorflow/tfjs';
import type { Estimator } from '../estimator/estimator';
import { FINDER_SIZE, movenetInput } from '../estimator/personFinder';
import { runStages } from '../estimator/stages';
import { currentGpuDevice } from '../worker/backend';
import { canvasPicture } from '../worker/canvasPicture';
import type { BackendName } from '../worker/protocol';
import { maxAbsDiff } from '../worker/sanityCheck';
import { type KernelRecord, kernelTable } from './kernelTimes';
import type { Box } from '../pose/box';
import type { DevAnswers, DevMessage, DevReply, DevRequest, ProfileTarget } from './protocol';

interface WorkerState {
  estimator: Estimator | null;
  backend: BackendName;
}

interface GraphRun {
  run: () => Promise<void>;
  dispose: () => void;
}

/** One run of a graph model on a size×size int32 image of zeros, read back (its first output). */
function zerosRun(model: tf.GraphModel<tf.io.IOHandler | tf.io.IOHandlerSync | string>, size: number): GraphRun {
  const input = tf.zeros([1, size, size, 3], 'int32');
  const run = async (): Promise<void> => {
    const output = model.execute(input) as tf.Tensor;
    await output.data();
    output.dispose();
  };
  return { run, dispose: () => input.dispose() };
}

/** A peer graph loaded for a benchmark, with one run of it (zerosRun); disposing drops the graph too. */
async function peerGraph(url: string, size: number): Promise<GraphRun> {
  const model = await tf.loadGraphModel(url);
  const { run, dispose } = zerosRun(model, size);
  return {
    run,
    dispose: () => {
      dispose();
      model.dispose();
    },
  };
}

async function benchGraph(url: string, size: number, frames: number): Promise<number> {
  const peer = await peerGraph(url, size);
  try {
    await peer.run();
    const start = performance.now();
    for (let i = 0; i < frames; i += 1) await peer.run();
    return (performance.now() - start) / frames;
  } finally {
    peer.dispose();
  }
}

/** What a profile times: the network's reading of a blank input (backbone and every stage), the finder, or a peer. */
async function profiled(estimator: Estimator, target: ProfileTarget): Promise<GraphRun> {
  if (target === 'finder') {
    if (!estimator.finder) throw new Error('the person finder is not loaded');
    return zerosRun(estimator.finder, FINDER_SIZE);
  }
  if (target !== 'reading') return peerGraph(target.url, target.size);
  const size = estimator.network.spec.inputSize;
  const run = async (): Promise<void> => {
    await runStages(estimator.network, new Float32Array(size * size * 3), { x: size / 2, y: size / 2 }, false);
  };
  return { run, dispose: () => undefined };
}

async function profile(estimator: Estimator, target: ProfileTarget): Promise<Omit<DevAnswers['profile'], 'backend'>> {
  const { run, dispose } = await profiled(estimator, target);
  try {
    await run();
    const start = performance.now();
    const info = await tf.profile(run);
    const wallMs = performance.now() - start;
    const records = await Promise.all(
      info.kernels.map(async (k): Promise<KernelRecord> => ({ name: k.name, outputShapes: k.outputShapes, kernelTimeMs: await k.kernelTimeMs })),
    );
    return { wallMs, kernels: kernelTable(records) };
  } finally {
    dispose();
  }
}

/** Peer graphs kept for a camera loop (peerPose): loaded once per url. */
const peers = new Map<string, Promise<tf.GraphModel>>();

async function peerPose(url: string, bitmap: ImageBitmap, box: Box): Promise<DevAnswers['peerPose']> {
  const graph = peers.get(url) ?? tf.loadGraphModel(url);
  peers.set(url, graph);
  const model = await graph;
  const size = model.inputs[0].shape?.[1] ?? 0;
  const input = movenetInput(canvasPicture(bitmap), box, size);
  try {
    const output = model.execute(input) as tf.Tensor;
    const data = (await output.data()) as Float32Array;
    output.dispose();
    return { output: data, size };
  } finally {
    input.dispose();
    bitmap.close();
  }
}

function loaded(state: WorkerState): Estimator {
  if (!state.estimator) throw new Error('the model is not loaded');
  return state.estimator;
}

async function answer(request: DevRequest, state: WorkerState): Promise<DevAnswers[DevRequest['type']]> {
  const { backend } = state;
  switch (request.type) {
    case 'memory':
      return { numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes, backend };
    case 'verifyFixture': {
      const { stages } = await runStages(loaded(state).network, request.input, request.center, true);
      const size = stages[0].length;
      return { backend, maxAbsDiff: stages.map((maps, s) => maxAbsDiff(maps, request.expected.subarray(s * size, (s + 1) * size))) };
    }
    case 'crop': {
      const { inputSize, normalization } = loaded(state).network.spec;
      try {
        const pixels = canvasPicture(request.bitmap).crop(request.box, inputSize, normalization.padValue);
        return { pixels: new Uint8ClampedArray(pixels), size: inputSize };
      } finally {
        request.bitmap.close();
      }
    }
    case 'benchGraph':
      return { backend, ms: await benchGraph(request.url, request.size, request.frames) };
    case 'profile':
      return { backend, ...(await profile(loaded(state), request.target)) };
    case 'loseDevice':
      currentGpuDevice()?.destroy();
      return {};
    case 'peerPose':
      return peerPose(request.url, request.bitmap, request.box);
  }
}

/** Answers the page's devtools requests on `port`, each with its id. */
export function serveDevtools(port: MessagePort, state: () => WorkerState): void {
  port.onmessage = (event: MessageEvent<DevMessage>) => {
    const { id, ...request } = event.data;
    answer(request as DevRequest, state()).then(
      (result) => {
        const reply: DevReply = { id, answer: result };
        port.postMessage(reply, 'pixels' in result ? [result.pixels.buffer] : 'output' in result ? [result.output.buffer] : []);
      },
      (error: Error) => port.postMessage({ id, error: error.message } satisfies DevReply),
    );
  };
}
