import { describe, expect, it } from 'vitest';
import { SPEED_MARGIN, badgeReason, speedCheckReason, webglIsFaster } from './backendChoice';

describe('the start-up speed check', () => {
  it('keeps WebGPU unless WebGL is faster by the margin', () => {
    expect(webglIsFaster({ webgpuMs: 10, webglMs: 20 })).toBe(false);
    expect(webglIsFaster({ webgpuMs: 10, webglMs: 10 / SPEED_MARGIN + 0.01 })).toBe(false);
    expect(webglIsFaster({ webgpuMs: 600, webglMs: 130 })).toBe(true);
  });

  it('says how much faster WebGL was, with the figures', () => {
    expect(speedCheckReason({ webgpuMs: 600, webglMs: 130 })).toBe('WebGL is 4.6× faster here: test layers 600 ms on WebGPU, 130 ms on WebGL');
    expect(speedCheckReason({ webgpuMs: 10, webglMs: 12 })).toBe('test layers 10 ms on WebGPU, 12 ms on WebGL');
  });

  it('keeps why a backend was skipped beside what the check measured', () => {
    const failed = 'WebGL failed to initialise';
    expect(badgeReason([failed], 'test layers 10 ms on WebGPU, 12 ms on WebGL')).toBe(`${failed}; test layers 10 ms on WebGPU, 12 ms on WebGL`);
    expect(badgeReason([failed], null)).toBe(failed);
    expect(badgeReason([], 'test layers 10 ms on WebGPU, 12 ms on WebGL')).toBe('test layers 10 ms on WebGPU, 12 ms on WebGL');
    expect(badgeReason([], null)).toBeNull();
  });
});
