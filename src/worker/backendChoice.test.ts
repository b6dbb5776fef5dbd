import { describe, expect, it } from 'vitest';
import { SPEED_MARGIN, badgeReason, fastestBackend, speedCheckReason } from './backendChoice';

describe('the start-up speed check', () => {
  it('keeps the preferred backend unless a later one is faster by the margin', () => {
    expect(fastestBackend([{ backend: 'webgpu', ms: 10 }, { backend: 'webgl', ms: 20 }]).backend).toBe('webgpu');
    expect(fastestBackend([{ backend: 'webgpu', ms: 10 }, { backend: 'webgl', ms: 10 / SPEED_MARGIN + 0.01 }]).backend).toBe('webgpu');
    expect(fastestBackend([{ backend: 'webgpu', ms: 600 }, { backend: 'webgl', ms: 130 }]).backend).toBe('webgl');
    expect(fastestBackend([{ backend: 'wasm', ms: 50 }]).backend).toBe('wasm');
  });

  it('compares each later backend with the one picked so far, not with the first', () => {
    const emulated = [
      { backend: 'webgpu' as const, ms: 600 },
      { backend: 'webgl' as const, ms: 130 },
      { backend: 'wasm' as const, ms: 100 },
    ];
    // WebAssembly beats WebGPU by far but WebGL by less than the margin: WebGL stays.
    expect(fastestBackend(emulated).backend).toBe('webgl');
    expect(fastestBackend([...emulated.slice(0, 2), { backend: 'wasm', ms: 20 }]).backend).toBe('wasm');
    expect(fastestBackend([{ backend: 'webgpu', ms: 5 }, { backend: 'webgl', ms: 4 }, { backend: 'wasm', ms: 60 }]).backend).toBe('webgpu');
  });

  it('says how much faster the chosen backend was, with the figures', () => {
    expect(speedCheckReason([{ backend: 'webgpu', ms: 600 }, { backend: 'webgl', ms: 130 }])).toBe(
      'WebGL is 4.6× faster here than WebGPU: test layers 600 ms on WebGPU, 130 ms on WebGL',
    );
    expect(speedCheckReason([{ backend: 'webgpu', ms: 10 }, { backend: 'webgl', ms: 12 }, { backend: 'wasm', ms: 30 }])).toBe(
      'test layers 10 ms on WebGPU, 12 ms on WebGL, 30 ms on WebAssembly',
    );
    expect(speedCheckReason([{ backend: 'webgl', ms: 120 }, { backend: 'wasm', ms: 12 }])).toBe(
      'WebAssembly is 10.0× faster here than WebGL: test layers 120 ms on WebGL, 12 ms on WebAssembly',
    );
  });

  it('keeps why a backend was skipped beside what the check measured', () => {
    const failed = 'WebGL failed to initialise';
    expect(badgeReason([failed], 'test layers 10 ms on WebGPU, 12 ms on WebGL')).toBe(`${failed}; test layers 10 ms on WebGPU, 12 ms on WebGL`);
    expect(badgeReason([failed], null)).toBe(failed);
    expect(badgeReason([], 'test layers 10 ms on WebGPU, 12 ms on WebGL')).toBe('test layers 10 ms on WebGPU, 12 ms on WebGL');
    expect(badgeReason([], null)).toBeNull();
  });
});
