import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_LABEL as LABEL, type BackendTiming, badgeReason, fastestBackend, speedCheckReason } from './backendChoice';
import { BACKENDS, type BackendName } from './protocol';
import { depthwiseWeights, maxAbsDiff, referenceConv2d, referenceDepthwise, sanityCase } from './sanityCheck';
import { sanityOutputs } from './sanityTensors';

// The WebAssembly kernels are the app's own assets (bundled, and precached by the service worker), never a CDN's.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** Tolerance of the start-up check: float32 on any backend agrees with the JS reference far closer than this. */
const SANITY_TOLERANCE = 1e-3;

/** Max difference from the JS reference over a dilated conv and a dilated depthwise conv (the family's two convolutions). */
async function runSanityCase(): Promise<number> {
  const c = sanityCase();
  const dwWeights = depthwiseWeights(c);
  const [conv, depthwise] = sanityOutputs(c, dwWeights);
  try {
    const [convData, depthwiseData] = await Promise.all([conv.data(), depthwise.data()]);
    return Math.max(maxAbsDiff(convData, referenceConv2d(c)), maxAbsDiff(depthwiseData, referenceDepthwise(c, dwWeights)));
  } finally {
    tf.dispose([conv, depthwise]);
  }
}

async function tryBackend(name: BackendName): Promise<string | null> {
  if (name === 'webgpu' && !('gpu' in navigator)) return 'WebGPU is not available in this browser (no navigator.gpu)';
  try {
    if (!(await tf.setBackend(name))) {
      return name === 'webgpu'
        ? 'WebGPU failed to initialise (no GPU adapter: WebGPU disabled or unsupported here)'
        : `${LABEL[name]} failed to initialise`;
    }
    await tf.ready();
  } catch (error) {
    return `${LABEL[name]} failed: ${(error as Error).message}`;
  }
  if (name === 'cpu') return null;
  try {
    const diff = await runSanityCase();
    if (diff > SANITY_TOLERANCE) return `${LABEL[name]} gave wrong results on a test convolution (max diff ${diff.toExponential(2)})`;
  } catch (error) {
    return `${LABEL[name]} failed the test convolution: ${(error as Error).message}`;
  }
  return null;
}

const PROBE_RUNS = 3;

/**
 * Milliseconds a run of the current backend takes over a MoveNet-sized pair of layers (a 1×1 convolution 96 → 240
 * channels at 64², then a 3×3 depthwise one): the convolutions are most of a reading's time on every backend
 * (npm run bench -- --profile). One warm-up run compiles the shaders; the result is read back as one number.
 */
async function probeMs(): Promise<number> {
  const x = tf.randomUniform([1, 64, 64, 96], -1, 1, 'float32', 1) as tf.Tensor4D;
  const pointwise = tf.randomUniform([1, 1, 96, 240], -0.1, 0.1, 'float32', 2) as tf.Tensor4D;
  const depthwise = tf.randomUniform([3, 3, 240, 1], -0.1, 0.1, 'float32', 3) as tf.Tensor4D;
  const run = async (): Promise<void> => {
    const y = tf.tidy(() => tf.sum(tf.depthwiseConv2d(tf.conv2d(x, pointwise, 1, 'same'), depthwise, 1, 'same')));
    await y.data();
    y.dispose();
  };
  try {
    await run();
    const start = performance.now();
    for (let i = 0; i < PROBE_RUNS; i += 1) await run();
    return (performance.now() - start) / PROBE_RUNS;
  } finally {
    tf.dispose([x, pointwise, depthwise]);
  }
}

/**
 * A backend asked for (`asked`, from the address) if it works; else each of WebGPU, WebGL and WebAssembly that
 * initialises and passes the sanity check is timed on the same test layers and the speed check picks among them
 * (backendChoice.ts); the plain JavaScript CPU backend only when none of them works. Says why others were skipped,
 * and what the check measured.
 */
export async function selectBackend(
  exclude: BackendName[] = [],
  asked: BackendName | null = null,
): Promise<{ backend: BackendName; reason: string | null }> {
  const reasons: string[] = exclude.map((name) => `${LABEL[name]} not tried (${name === 'webgpu' ? 'its GPU device was lost' : 'excluded'})`);
  if (asked && !exclude.includes(asked)) {
    const failure = await tryBackend(asked);
    if (failure === null) return { backend: asked, reason: `asked for in the address (?backend=${asked})` };
    reasons.push(failure);
  }
  const timings: BackendTiming[] = [];
  for (const name of BACKENDS) {
    // An asked-for backend that failed is not tried again.
    if (exclude.includes(name) || name === asked || (name === 'cpu' && timings.length > 0)) continue;
    const failure = await tryBackend(name);
    if (failure !== null) reasons.push(failure);
    else if (name === 'cpu') return { backend: name, reason: badgeReason(reasons, null) };
    else timings.push({ backend: name, ms: await probeMs() });
  }
  if (timings.length === 0) throw new Error(`no tfjs backend works here: ${reasons.join('; ')}`);
  const chosen = fastestBackend(timings).backend;
  await tf.setBackend(chosen);
  await tf.ready();
  return { backend: chosen, reason: badgeReason(reasons, timings.length > 1 ? speedCheckReason(timings) : null) };
}

interface LosableDevice {
  lost: Promise<{ reason?: string; message: string }>;
  destroy(): void;
}

/** The WebGPU device of the current backend, if it is webgpu. */
export function currentGpuDevice(): LosableDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (tf.backend() as unknown as { device?: LosableDevice }).device;
  return device ?? null;
}
