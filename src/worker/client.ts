import type { Point } from '../pose/box';
import {
  type BackendName,
  type FixtureMessage,
  type FrameRequest,
  type MemoryMessage,
  type PageToWorker,
  type ResultMessage,
  type WorkerToPage,
  isWorkerToPage,
  transferables,
} from './protocol';

/** How to read a frame: center-map position (null = image centre), scales, flip testing, person box size, per-stage timing. */
export type FrameOptions = Pick<FrameRequest, 'center' | 'scales' | 'flip' | 'boxSize' | 'timeStages'>;

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** The page's handle on the CPM worker: requests as promises, everything else forwarded to `onMessage`. */
export class CpmClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly frames = new Map<number, Waiter<ResultMessage | null>>();
  private memoryWaiter: Waiter<MemoryMessage> | null = null;
  private fixtureWaiter: Waiter<FixtureMessage> | null = null;

  constructor(private readonly onMessage: (message: WorkerToPage) => void) {
    this.worker = new Worker(new URL('./cpm.worker.ts', import.meta.url), { type: 'module', name: 'cpm' });
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isWorkerToPage(event.data)) this.receive(event.data);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      this.onMessage({ type: 'error', message: `the CPM worker crashed: ${event.message}`, fatal: true });
    };
  }

  private send(message: PageToWorker): void {
    this.worker.postMessage(message, transferables(message));
  }

  private receive(message: WorkerToPage): void {
    if (message.type === 'result' || message.type === 'dropped') {
      this.frames.get(message.id)?.resolve(message.type === 'result' ? message : null);
      this.frames.delete(message.id);
    } else if (message.type === 'error' && message.id !== undefined && this.frames.has(message.id)) {
      this.frames.get(message.id)?.reject(new Error(message.message));
      this.frames.delete(message.id);
      return;
    } else if (message.type === 'error' && this.fixtureWaiter) {
      this.fixtureWaiter.reject(new Error(message.message));
      this.fixtureWaiter = null;
    } else if (message.type === 'memory') {
      this.memoryWaiter?.resolve(message);
      this.memoryWaiter = null;
    } else if (message.type === 'fixture') {
      this.fixtureWaiter?.resolve(message);
      this.fixtureWaiter = null;
    }
    this.onMessage(message);
  }

  load(modelUrl: string, exclude: BackendName[] = []): void {
    this.send({ type: 'load', modelUrl, exclude });
  }

  /** Resolves with the result, or null when a newer frame replaced this one before it ran. The bitmap is transferred. */
  infer(bitmap: ImageBitmap, options: FrameOptions): Promise<ResultMessage | null> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.frames.set(id, { resolve, reject });
      this.send({ type: 'frame', id, timestamp: performance.now(), bitmap, ...options });
    });
  }

  memory(): Promise<MemoryMessage> {
    return new Promise((resolve, reject) => {
      this.memoryWaiter = { resolve, reject };
      this.send({ type: 'memory' });
    });
  }

  verify(input: Float32Array, center: Point, expected: Float32Array): Promise<FixtureMessage> {
    return new Promise((resolve, reject) => {
      this.fixtureWaiter = { resolve, reject };
      this.send({ type: 'verifyFixture', input, center, expected });
    });
  }

  loseDevice(): void {
    this.send({ type: 'loseDevice' });
  }

  terminate(): void {
    this.worker.terminate();
    for (const waiter of this.frames.values()) waiter.reject(new Error('the worker was restarted'));
    this.frames.clear();
  }
}
