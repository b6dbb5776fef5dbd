/**
 * The module worker that owns tfjs: picks a backend, loads and warms up the model, and turns frames into belief maps.
 * Latest frame wins: a frame that arrives while one is running replaces any frame still waiting.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_MAPS, gridSize, parameterCount, receptiveFields } from '../cpm/architecture';
import { type CpmModelFile, boxSizeOf, fetchModel, httpSource } from '../cpm/modelFile';
import { type CpmNetwork, networkFrom } from '../cpm/network';
import { currentGpuDevice, selectBackend } from './backend';
import { type ReadingProgress, readPicture } from '../estimator/people';
import { CAMERA_PERSON_SCORES } from '../pose/people';
import { FINDER_SIZE, type PersonFinder, findPeople, loadPersonFinder } from '../estimator/personFinder';
import { runStages } from '../estimator/stages';
import { canvasPicture } from './canvasPicture';
import { maxAbsDiff } from './sanityCheck';
import { LatestFrameQueue } from './latestFrame';
import { type KernelRecord, kernelTable } from './kernelTimes';
import {
  type BackendName,
  type BenchGraphRequest,
  type CropRequest,
  type FrameRequest,
  type LoadRequest,
  type ModelSummary,
  type ProfileMessage,
  type ProfileRequest,
  type VerifyFixtureRequest,
  type WorkerToPage,
  isPageToWorker,
  transferables,
} from './protocol';

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib, not the webworker lib, is in scope). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let network: CpmNetwork | null = null;
let finder: PersonFinder | null = null;
let backend: BackendName = 'cpu';

function post(message: WorkerToPage): void {
  scope.postMessage(message, transferables(message));
}

function summary(file: CpmModelFile): ModelSummary {
  const spec = file.cpm.architecture;
  return {
    id: file.cpm.id,
    name: file.cpm.name,
    member: file.cpm.member,
    trained: file.cpm.trained,
    heldOutPck: file.cpm.heldOutPck,
    boxSize: boxSizeOf(file.cpm),
    cropScale: spec.evalCropScale,
    weakPeak: file.cpm.weakPeak ?? 0,
    notes: file.cpm.notes,
    joints: file.cpm.joints,
    background: file.cpm.background,
    edges: file.cpm.edges,
    inputSize: spec.inputSize,
    stride: spec.stride,
    grid: gridSize(spec),
    channels: NUM_MAPS,
    stages: spec.stages,
    receptiveFields: receptiveFields(spec),
    parameters: parameterCount(spec),
    backbone: spec.backbone ? { source: spec.backbone.source, fineTuned: file.cpm.backboneFineTuned ?? false } : null,
  };
}

function watchDevice(): void {
  currentGpuDevice()?.lost.then((info) => {
    network = null;
    post({ type: 'deviceLost', message: `the GPU device was lost (${info.reason ?? 'unknown'}): ${info.message}` });
  });
}

/** Compiles every shader the model uses (the first pass of a new shape compiles for seconds on WebGPU). */
async function warmUp(net: CpmNetwork): Promise<number> {
  const size = net.spec.inputSize;
  const start = performance.now();
  // The all-stages-at-once read-back path: it compiles every shader the stage-by-stage path uses, and its concat.
  await runStages(net, new Float32Array(size * size * 3), { x: size / 2, y: size / 2 }, false);
  post({ type: 'progress', phase: 'warmup', fraction: 1 });
  return performance.now() - start;
}

/** The person finder, warmed up; without it the app still reads a box framed by hand. */
async function loadFinder(url: string): Promise<string | null> {
  finder?.dispose();
  finder = null;
  try {
    const loaded = await loadPersonFinder(httpSource(url));
    // A first run compiles the finder's shaders, so that the first photo is not the one that waits for them.
    await findPeople(loaded, { width: FINDER_SIZE, height: FINDER_SIZE, crop: (_, size) => new Uint8Array(size * size * 3) }, CAMERA_PERSON_SCORES);
    finder = loaded;
    return null;
  } catch (error) {
    return `the person finder did not load (${(error as Error).message}): click on a person to frame them`;
  }
}

async function load(request: LoadRequest): Promise<void> {
  network?.dispose();
  network = null;
  let net: CpmNetwork | null = null;
  try {
    const chosen = await selectBackend(request.exclude, request.backend ?? null);
    backend = chosen.backend;
    post({ type: 'backend', ...chosen });
    watchDevice();
    const loaded = await fetchModel(request.modelUrl, (fraction) =>
      post({ type: 'progress', phase: 'download', fraction }),
    );
    const file = loaded.file;
    net = networkFrom(loaded);
    post({ type: 'progress', phase: 'warmup', fraction: 0 });
    const warmupMs = await warmUp(net);
    network = net;
    const finderError = await loadFinder(request.finderUrl);
    post({ type: 'ready', model: summary(file), warmupMs, finderError });
  } catch (error) {
    if (net !== network) net?.dispose();
    post({ type: 'error', message: `could not load the model: ${(error as Error).message}` });
  }
}

async function runFrame(frame: FrameRequest): Promise<void> {
  const start = performance.now();
  try {
    if (!network) throw new Error('the model is not loaded');
    const { scales, flip, timeStages } = frame;
    const onProgress = (progress: ReadingProgress): void => post({ type: 'estimating', frame: frame.id, progress });
    const picture = canvasPicture(frame.bitmap);
    const { found, finderMs, readings } = await readPicture(network, finder, picture, frame.framing, { scales, flip, timeStages, onProgress });
    post({
      type: 'result',
      id: frame.id,
      timestamp: frame.timestamp,
      width: frame.bitmap.width,
      height: frame.bitmap.height,
      scales,
      flip,
      stagesTimed: timeStages,
      found,
      finderMs,
      readings,
      totalMs: performance.now() - start,
    });
  } catch (error) {
    post({ type: 'error', id: frame.id, message: `inference failed: ${(error as Error).message}` });
  } finally {
    frame.bitmap.close();
  }
}

async function verify(net: CpmNetwork, request: VerifyFixtureRequest): Promise<number[]> {
  const { stages } = await runStages(net, request.input, request.center, true);
  const size = stages[0].length;
  return stages.map((maps, s) => maxAbsDiff(maps, request.expected.subarray(s * size, (s + 1) * size)));
}

function crop(net: CpmNetwork, request: CropRequest): void {
  const { inputSize, normalization } = net.spec;
  const pixels = canvasPicture(request.bitmap).crop(request.box, inputSize, normalization.padValue);
  request.bitmap.close();
  post({ type: 'crop', id: request.id, pixels: new Uint8ClampedArray(pixels), size: inputSize });
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

async function benchGraph(request: BenchGraphRequest): Promise<number> {
  const peer = await peerGraph(request.url, request.size);
  try {
    await peer.run();
    const start = performance.now();
    for (let i = 0; i < request.frames; i += 1) await peer.run();
    return (performance.now() - start) / request.frames;
  } finally {
    peer.dispose();
  }
}

/** What a profile request times: the network's reading, the finder's graph as loaded, or a peer graph. */
async function profiled(target: ProfileRequest['target']): Promise<GraphRun | null> {
  if (target === 'reading') return null;
  if (target !== 'finder') return peerGraph(target.url, target.size);
  if (!finder) throw new Error('the person finder is not loaded');
  return zerosRun(finder, FINDER_SIZE);
}

/** One run of the network (or of a graph), profiled kernel by kernel after a warm-up run of the same. */
async function profile(net: CpmNetwork, request: ProfileRequest): Promise<Omit<ProfileMessage, 'id'>> {
  const size = net.spec.inputSize;
  const peer = await profiled(request.target);
  const own = async (): Promise<void> => {
    await runStages(net, new Float32Array(size * size * 3), { x: size / 2, y: size / 2 }, false);
  };
  const run = peer?.run ?? own;
  try {
    await run();
    const start = performance.now();
    const info = await tf.profile(run);
    const wallMs = performance.now() - start;
    const records = await Promise.all(
      info.kernels.map(async (k): Promise<KernelRecord> => ({ name: k.name, outputShapes: k.outputShapes, kernelTimeMs: await k.kernelTimeMs })),
    );
    return { type: 'profile', backend, wallMs, kernels: kernelTable(records) };
  } finally {
    peer?.dispose();
  }
}

// Two frames in flight: the camera's next frame is cropped and queued on the GPU while this one's maps are read back.
const frames = new LatestFrameQueue<FrameRequest>(
  runFrame,
  (stale) => {
    stale.bitmap.close();
    post({ type: 'dropped', id: stale.id });
  },
  2,
);

scope.onmessage = (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isPageToWorker(message)) return;
  switch (message.type) {
    case 'load':
      void load(message);
      break;
    case 'frame':
      frames.push(message);
      break;
    case 'memory': {
      const memory = tf.memory();
      post({ type: 'memory', id: message.id, numTensors: memory.numTensors, numBytes: memory.numBytes, backend });
      break;
    }
    case 'verifyFixture': {
      const { id } = message;
      if (!network) {
        post({ type: 'error', id, message: 'the model is not loaded' });
        break;
      }
      verify(network, message).then(
        (diffs) => post({ type: 'fixture', id, backend, maxAbsDiff: diffs }),
        (error: Error) => post({ type: 'error', id, message: `fixture check failed: ${error.message}` }),
      );
      break;
    }
    case 'crop':
      if (network) crop(network, message);
      else post({ type: 'error', id: message.id, message: 'the model is not loaded' });
      break;
    case 'benchGraph':
      benchGraph(message).then(
        (ms) => post({ type: 'benchGraph', id: message.id, backend, ms }),
        (error: Error) => post({ type: 'error', id: message.id, message: `benchmark failed: ${error.message}` }),
      );
      break;
    case 'profile':
      if (!network) {
        post({ type: 'error', id: message.id, message: 'the model is not loaded' });
        break;
      }
      profile(network, message).then(
        (answer) => post({ ...answer, id: message.id }),
        (error: Error) => post({ type: 'error', id: message.id, message: `profiling failed: ${error.message}` }),
      );
      break;
    case 'loseDevice':
      currentGpuDevice()?.destroy();
      break;
  }
};
