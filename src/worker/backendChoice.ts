/**
 * WebGPU or WebGL, by a start-up measurement: where both work, each runs the same test layers and WebGL is taken only
 * when it is clearly faster. On a real GPU WebGPU usually wins; where the GPU is emulated on the CPU (SwiftShader,
 * as in headless Chromium without a GPU) WebGL ran the default model 4.5× faster than WebGPU
 * (npm run bench -- --profile).
 */

/** WebGL must beat WebGPU by this factor to be chosen over it (WebGPU reads back without blocking the worker). */
export const SPEED_MARGIN = 1.5;

export interface SpeedCheck {
  webgpuMs: number;
  webglMs: number;
}

/** Whether the speed check picks WebGL over WebGPU. */
export function webglIsFaster({ webgpuMs, webglMs }: SpeedCheck): boolean {
  return webglMs * SPEED_MARGIN < webgpuMs;
}

/** What the backend badge says about the check, whichever way it went. */
export function speedCheckReason(check: SpeedCheck): string {
  const ratio = check.webgpuMs / check.webglMs;
  const figures = `test layers ${check.webgpuMs.toFixed(0)} ms on WebGPU, ${check.webglMs.toFixed(0)} ms on WebGL`;
  return webglIsFaster(check) ? `WebGL is ${ratio.toFixed(1)}× faster here: ${figures}` : `${figures}`;
}

/** The badge's reason: why backends were skipped (a failed ?backend= ask, a lost device), then the speed check's. */
export function badgeReason(skipped: string[], check: string | null): string | null {
  const parts = check ? [...skipped, check] : skipped;
  return parts.length ? parts.join('; ') : null;
}
