import { describe, expect, it } from 'vitest';
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

const memory = (id: number, numTensors: number): WorkerToPage => ({ type: 'memory', id, numTensors, numBytes: 0, backend: 'cpu' });

describe('CpmClient', () => {
  it('gives every request its own id, so two questions in flight both get their answer', async () => {
    const worker = new FakeWorker();
    const client = new CpmClient(() => undefined, worker);
    const first = client.memory();
    const second = client.memory();
    const [a, b] = worker.sent.map((m) => ('id' in m ? m.id : -1));
    expect(a).not.toBe(b);
    worker.answer(memory(b, 2));
    worker.answer(memory(a, 1));
    expect((await first).numTensors).toBe(1);
    expect((await second).numTensors).toBe(2);
  });

  it('rejects only the request an error names; an error without an id goes to the page', async () => {
    const worker = new FakeWorker();
    const seen: WorkerToPage[] = [];
    const client = new CpmClient((m) => seen.push(m), worker);
    const check = client.verify(new Float32Array(1), { x: 0, y: 0 }, new Float32Array(1));
    const usage = client.memory();
    const [checkId, usageId] = worker.sent.map((m) => ('id' in m ? m.id : -1));
    worker.answer({ type: 'error', message: 'the GPU is tired' });
    expect(seen.map((m) => m.type)).toEqual(['error']);
    worker.answer({ type: 'error', id: checkId, message: 'fixture check failed' });
    await expect(check).rejects.toThrow('fixture check failed');
    worker.answer(memory(usageId, 7));
    expect((await usage).numTensors).toBe(7);
  });

  it("passes a frame's progress to the page without answering the frame", async () => {
    const worker = new FakeWorker();
    const seen: WorkerToPage[] = [];
    const client = new CpmClient((m) => seen.push(m), worker);
    const frame = client.infer({} as ImageBitmap, { framing: { kind: 'box', box: { x: 0, y: 0, side: 1 } }, scales: [1], flip: false }, true);
    const [sent] = worker.sent;
    const id = 'id' in sent ? sent.id : -1;
    worker.answer({ type: 'estimating', frame: id, progress: { phase: 'reading', person: 1, persons: 1, stage: 2 } });
    expect(seen.map((m) => m.type)).toEqual(['estimating']);
    worker.answer({ type: 'dropped', id });
    expect(await frame).toBeNull();
  });

  it('resolves a dropped frame with null', async () => {
    const worker = new FakeWorker();
    const client = new CpmClient(() => undefined, worker);
    const bitmap = {} as ImageBitmap;
    const frame = client.infer(bitmap, { framing: { kind: 'box', box: { x: 0, y: 0, side: 1 } }, scales: [1], flip: false }, false);
    const [sent] = worker.sent;
    worker.answer({ type: 'dropped', id: 'id' in sent ? sent.id : -1 });
    expect(await frame).toBeNull();
  });
});
