/**
 * The module worker that owns tfjs: picks a backend, loads and warms up the model, and turns frames into belief maps.
 * Latest frame wins: a frame that arrives while one is running replaces any frame still waiting.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_MAPS, gridSize, parameterCount } from '../cpm/architecture';
import { type CpmModelFile, fetchModel } from '../cpm/modelFile';
import { type CpmNetwork, networkFrom } from '../cpm/network';
import { currentGpuDevice, selectBackend } from './backend';
import { maxAbsDiff } from './sanityCheck';
import { inferFrame, runStages } from './inference';
import { LatestFrameQueue } from './latestFrame';
import {
  type BackendName,
  type FrameRequest,
  type LoadRequest,
  type ModelSummary,
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
let modelFile: CpmModelFile | null = null;
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
    boxSize: file.cpm.boxSize ?? 1,
    notes: file.cpm.notes,
    joints: file.cpm.joints,
    background: file.cpm.background,
    edges: file.cpm.edges,
    inputSize: spec.inputSize,
    stride: spec.stride,
    grid: gridSize(spec),
    channels: NUM_MAPS,
    stages: spec.stages,
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
async function warmUp(net: CpmNetwork, file: CpmModelFile): Promise<number> {
  const spec = file.cpm.architecture;
  const start = performance.now();
  const input = new Float32Array(spec.inputSize * spec.inputSize * 3);
  const centre = { x: spec.inputSize / 2, y: spec.inputSize / 2 };
  // The all-stages-at-once read-back path: it compiles every shader the stage-by-stage path uses, and its concat.
  await runStages(net, spec, input, centre, false);
  post({ type: 'progress', phase: 'warmup', fraction: 1 });
  return performance.now() - start;
}

async function load(request: LoadRequest): Promise<void> {
  network?.dispose();
  network = null;
  let net: CpmNetwork | null = null;
  try {
    const chosen = await selectBackend(request.exclude);
    backend = chosen.backend;
    post({ type: 'backend', ...chosen });
    watchDevice();
    const loaded = await fetchModel(request.modelUrl, (fraction) =>
      post({ type: 'progress', phase: 'download', fraction }),
    );
    const file = loaded.file;
    net = networkFrom(loaded);
    post({ type: 'progress', phase: 'warmup', fraction: 0 });
    const warmupMs = await warmUp(net, file);
    network = net;
    modelFile = file;
    post({ type: 'ready', model: summary(file), warmupMs });
  } catch (error) {
    if (net !== network) net?.dispose();
    post({ type: 'error', message: `could not load the model: ${(error as Error).message}`, fatal: true });
  }
}

async function runFrame(frame: FrameRequest): Promise<void> {
  const start = performance.now();
  try {
    if (!network || !modelFile) throw new Error('the model is not loaded');
    const output = await inferFrame(network, modelFile.cpm.architecture, frame);
    post({
      type: 'result',
      id: frame.id,
      timestamp: frame.timestamp,
      width: frame.bitmap.width,
      height: frame.bitmap.height,
      scales: frame.scales,
      flip: frame.flip,
      stagesTimed: frame.timeStages,
      ...output,
      totalMs: performance.now() - start,
    });
  } catch (error) {
    post({ type: 'error', id: frame.id, message: `inference failed: ${(error as Error).message}`, fatal: false });
  } finally {
    frame.bitmap.close();
  }
}

async function verify(net: CpmNetwork, file: CpmModelFile, request: VerifyFixtureRequest): Promise<number[]> {
  const { stages } = await runStages(net, file.cpm.architecture, request.input, request.center);
  const size = stages[0].length;
  return stages.map((maps, s) => maxAbsDiff(maps, request.expected.subarray(s * size, (s + 1) * size)));
}

const frames = new LatestFrameQueue<FrameRequest>(runFrame, (stale) => {
  stale.bitmap.close();
  post({ type: 'dropped', id: stale.id });
});

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
      post({ type: 'memory', numTensors: memory.numTensors, numBytes: memory.numBytes, backend });
      break;
    }
    case 'verifyFixture':
      if (!network || !modelFile) {
        post({ type: 'error', message: 'the model is not loaded', fatal: false });
        break;
      }
      verify(network, modelFile, message).then(
        (diffs) => post({ type: 'fixture', backend, maxAbsDiff: diffs }),
        (error: Error) => post({ type: 'error', message: `fixture check failed: ${error.message}`, fatal: false }),
      );
      break;
    case 'loseDevice':
      currentGpuDevice()?.destroy();
      break;
  }
};
