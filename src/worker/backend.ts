import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName } from './protocol';
import { depthwiseWeights, maxAbsDiff, referenceConv2d, referenceDepthwise, sanityCase } from './sanityCheck';
import { sanityOutputs } from './sanityTensors';

/** Tolerance of the start-up check: float32 on any backend agrees with the JS reference far closer than this. */
const SANITY_TOLERANCE = 1e-3;
const PREFERENCE: BackendName[] = ['webgpu', 'webgl', 'cpu'];
const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

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

/** WebGPU → WebGL → CPU, taking the first that initialises and passes the sanity check; says why others were skipped. */
export async function selectBackend(exclude: BackendName[] = []): Promise<{ backend: BackendName; reason: string | null }> {
  const reasons: string[] = exclude.map((name) => `${LABEL[name]} not tried (${name === 'webgpu' ? 'its GPU device was lost' : 'excluded'})`);
  for (const name of PREFERENCE) {
    if (exclude.includes(name)) continue;
    const failure = await tryBackend(name);
    if (failure === null) return { backend: name, reason: reasons.length ? reasons.join('; ') : null };
    reasons.push(failure);
  }
  throw new Error(`no tfjs backend works here: ${reasons.join('; ')}`);
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
