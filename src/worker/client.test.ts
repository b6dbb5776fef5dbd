import { describe, expect, it } from 'vitest';
import type { PoseEstimate } from '../estimator/types';
import { CpmClient, type WorkerPort } from './client';
import type { PageToWorker, WorkerToPage } from './protocol';

/** A worker stand-in: records what the page sends and lets the test answer. */
class FakeWorker implements WorkerPort {
  onmessage: WorkerPort['onmessage'] = null;
  onerror: WorkerPort['onerror'] = null;
  readonly sent: PageToWorker[] = [];

  postMessage(message: unknown): void {
    this.sent.push(message as PageToWorker);
  }

  terminate(): void {}

  answer(message: WorkerToPage): void {
    this.onmessage?.call(this as unknown as Worker, new MessageEvent('message', { data: message }));
  }
}

const estimate = (timestamp: number): PoseEstimate => ({
  mode: 'video',
  width: 8,
  height: 8,
  timestamp,
  flip: false,
  scales: [1],
  found: null,
  finderMs: null,
  people: [],
  stagesTimed: false,
  totalMs: 1,
});
const bitmap = {} as ImageBitmap;

describe('CpmClient', () => {
  it('gives every request its own id, so two estimates in flight both get their answer', async () => {
    const worker = new FakeWorker();
    const client = new CpmClient(() => undefined, worker);
    const first = client.estimatePoses(bitmap, { mode: 'video' });
    const second = client.estimatePoses(bitmap, { mode: 'video' });
    const [a, b] = worker.sent.map((m) => m.id);
    expect(a).not.toBe(b);
    worker.answer({ type: 'result', id: b, request: 'estimate', estimate: estimate(2) });
    worker.answer({ type: 'result', id: a, request: 'estimate', estimate: estimate(1) });
    expect((await first)?.timestamp).toBe(1);
    expect((await second)?.timestamp).toBe(2);
  });

  it('rejects only the request an error names; an error without an id goes to the page', async () => {
    const worker = new FakeWorker();
    const seen: [string, boolean][] = [];
    const client = new CpmClient((message, deviceLost) => seen.push([message, deviceLost]), worker);
    const failing = client.estimatePoses(bitmap, { mode: 'still' });
    const fine = client.estimatePoses(bitmap, { mode: 'still' });
    const [failingId, fineId] = worker.sent.map((m) => m.id);
    worker.answer({ type: 'error', message: 'the GPU device was lost', deviceLost: true });
    expect(seen).toEqual([['the GPU device was lost', true]]);
    worker.answer({ type: 'error', id: failingId, message: 'inference failed' });
    await expect(failing).rejects.toThrow('inference failed');
    worker.answer({ type: 'result', id: fineId, request: 'estimate', estimate: estimate(7) });
    expect((await fine)?.timestamp).toBe(7);
  });

  it("passes a request's progress to its own listener without answering it", async () => {
    const worker = new FakeWorker();
    const client = new CpmClient(() => undefined, worker);
    const heard: unknown[] = [];
    const still = client.estimatePoses(bitmap, { mode: 'still' }, (progress) => heard.push(progress));
    const [{ id }] = worker.sent;
    const progress = { phase: 'reading', person: 1, persons: 1, stage: 2 } as const;
    worker.answer({ type: 'progress', id, progress: { phase: 'estimating', progress } });
    expect(heard).toEqual([progress]);
    worker.answer({ type: 'result', id, request: 'estimate', estimate: null });
    expect(await still).toBeNull();
  });

  it('resolves a load with what the worker loaded, its progress heard on the way', async () => {
    const worker = new FakeWorker();
    const client = new CpmClient(() => undefined, worker);
    const phases: string[] = [];
    const loading = client.load({ role: 'still', modelUrl: 'm', finderUrl: 'f', exclude: [], onProgress: (p) => phases.push(p.phase) });
    const [{ id }] = worker.sent;
    worker.answer({ type: 'progress', id, progress: { phase: 'backend', backend: 'wasm', reason: null } });
    worker.answer({ type: 'progress', id, progress: { phase: 'download', fraction: 0.5 } });
    const model = { id: 'm' } as never;
    worker.answer({ type: 'result', id, request: 'load', loaded: { model, warmupMs: 3, finderError: null } });
    expect(phases).toEqual(['backend', 'download']);
    expect((await loading).warmupMs).toBe(3);
  });
});
