import { describe, expect, it } from 'vitest';
import { SPEED_MARGIN, speedCheckReason, webglIsFaster } from './backendChoice';

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
});
