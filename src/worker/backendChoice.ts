/**
 * WebGPU, WebGL or WebAssembly, by a start-up measurement: each that works runs the same test layers, and a backend
 * later in the preference order is taken only when it is clearly faster than the one picked so far. On a real GPU
 * WebGPU usually wins; where the GPU is emulated on the CPU (SwiftShader, as in headless Chromium without a GPU or a
 * machine whose GPU is blocked) WebGL ran the default model 4.5× faster than WebGPU, and WebAssembly's SIMD kernels
 * ran MoveNet Thunder 8–13× faster than WebGL (npm run bench).
 */
import type { BackendName } from './protocol';

/** A backend later in the preference order must beat the one picked so far by this factor to be chosen over it. */
export const SPEED_MARGIN = 1.5;

export const BACKEND_LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

/** One backend's time over the test layers. */
export interface BackendTiming {
  backend: BackendName;
  ms: number;
}

/** The backend the speed check picks among `timings` (in preference order; at least one). */
export function fastestBackend(timings: BackendTiming[]): BackendTiming {
  return timings.slice(1).reduce((best, next) => (next.ms * SPEED_MARGIN < best.ms ? next : best), timings[0]);
}

/** What the backend badge says about the check, whichever way it went. */
export function speedCheckReason(timings: BackendTiming[]): string {
  const figures = `test layers ${timings.map((t) => `${t.ms.toFixed(0)} ms on ${BACKEND_LABEL[t.backend]}`).join(', ')}`;
  const chosen = fastestBackend(timings);
  const first = timings[0];
  if (chosen === first) return figures;
  return `${BACKEND_LABEL[chosen.backend]} is ${(first.ms / chosen.ms).toFixed(1)}× faster here than ${BACKEND_LABEL[first.backend]}: ${figures}`;
}

/** The badge's reason: why backends were skipped (a failed ?backend= ask, a lost device), then the speed check's. */
export function badgeReason(skipped: string[], check: string | null): string | null {
  const parts = check ? [...skipped, check] : skipped;
  return parts.length ? parts.join('; ') : null;
}
