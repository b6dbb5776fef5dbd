/**
 * The devtools' own messages (tests and benchmarks only), over a MessagePort the page hands the worker with `load`
 * when the address says `?devtools`: none of this is in the app's protocol or its main and worker chunks.
 */
import type { Box, Point } from '../pose/box';
import type { BackendName } from '../worker/protocol';
import type { KernelTable } from './kernelTimes';

/** What a profile run times: the loaded network's reading, the person finder's graph, or a peer graph. */
export type ProfileTarget = 'reading' | 'finder' | { url: string; size: number };

export type DevRequest =
  | { type: 'memory' }
  /** The network on a reference input, each stage compared with an independent implementation's maps (PyTorch). */
  | { type: 'verifyFixture'; input: Float32Array; center: Point; expected: Float32Array }
  /** The network input the worker cuts for `box` of the bitmap (to compare with Node's crop). */
  | { type: 'crop'; bitmap: ImageBitmap; box: Box }
  /** A peer graph model (e.g. MoveNet) loaded on the worker's backend and timed over `frames` runs. */
  | { type: 'benchGraph'; url: string; size: number; frames: number }
  /** One run profiled kernel by kernel after an untimed warm-up run. */
  | { type: 'profile'; target: ProfileTarget }
  /** Destroys the GPU device, to exercise the device-lost path. */
  | { type: 'loseDevice' }
  /** A MoveNet SinglePose graph (loaded once per url) on `box` of the bitmap: its [1, 1, 17, 3] output. */
  | { type: 'peerPose'; url: string; bitmap: ImageBitmap; box: Box };

export interface DevAnswers {
  memory: { numTensors: number; numBytes: number; backend: BackendName };
  /** Max |browser − reference| per stage. */
  verifyFixture: { backend: BackendName; maxAbsDiff: number[] };
  /** S×S RGBA, row-major. */
  crop: { pixels: Uint8ClampedArray; size: number };
  /** Mean milliseconds per run. */
  benchGraph: { backend: BackendName; ms: number };
  /** wallMs: the whole run, read back included. */
  profile: { backend: BackendName; wallMs: number; kernels: KernelTable };
  loseDevice: Record<string, never>;
  /** The graph's output and its input side. */
  peerPose: { output: Float32Array; size: number };
}

export type DevMessage = DevRequest & { id: number };
export type DevReply = { id: number; answer: DevAnswers[DevRequest['type']] } | { id: number; error: string };

/** One camera result as it was drawn (window.__cpmDebug.recordCamera). */
export interface CameraEntry {
  drawnAt: number;
  capturedAt: number;
  /** How long the worker read the frame (the estimator's totalMs), and of that the finder (null: it did not run). */
  readMs: number;
  finderMs: number | null;
  /** The video frame on screen when it was drawn, and the frame it was read from (their code strips). */
  shown: number;
  read: number;
  people: { box: Box; keypoints: { x: number; y: number; confidence: number }[] }[];
}
