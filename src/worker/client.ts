import type { Box, Point } from '../pose/box';
import {
  type BackendName,
  type BenchGraphMessage,
  type CropMessage,
  type DroppedMessage,
  type FixtureMessage,
  type FrameRequest,
  type MemoryMessage,
  type PageToWorker,
  type ProfileMessage,
  type ProfileRequest,
  type ResultMessage,
  type WorkerToPage,
  isWorkerToPage,
  transferables,
} from './protocol';

/** The part of a Worker the client uses (a test passes a fake). */
export type WorkerPort = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

interface Waiter {
  resolve: (message: WorkerToPage) => void;
  reject: (error: Error) => void;
}

/** How to read a frame: where (a box by hand, or the people found) and how (scales, flip test). */
export type FrameOptions = Pick<FrameRequest, 'framing' | 'scales' | 'flip'>;

/** Requests that the worker answers, without their id (the client gives each one). */
type Question = Exclude<PageToWorker, { type: 'load' } | { type: 'loseDevice' }>;
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
/** What the worker answers to each question. */
interface Answers {
  frame: ResultMessage | DroppedMessage;
  memory: MemoryMessage;
  verifyFixture: FixtureMessage;
  crop: CropMessage;
  benchGraph: BenchGraphMessage;
  profile: ProfileMessage;
}

/**
 * The page's handle on the CPM worker: every request gets its own id and its own promise, answered by the message that
 * carries the id back (or rejected by an error that does); everything else is forwarded to `onMessage`.
 */
export class CpmClient {
  private nextId = 1;
  private readonly pending = new Map<number, Waiter>();

  constructor(
    private readonly onMessage: (message: WorkerToPage) => void,
    private readonly worker: WorkerPort = new Worker(new URL('./cpm.worker.ts', import.meta.url), { type: 'module', name: 'cpm' }),
  ) {
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isWorkerToPage(event.data)) this.receive(event.data);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      this.onMessage({ type: 'error', message: `the CPM worker crashed: ${event.message}` });
    };
  }

  private send(message: PageToWorker): void {
    this.worker.postMessage(message, transferables(message));
  }

  private receive(message: WorkerToPage): void {
    const id = 'id' in message ? message.id : undefined;
    const waiter = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined && waiter) {
      this.pending.delete(id);
      if (message.type === 'error') {
        waiter.reject(new Error(message.message));
        return;
      }
      waiter.resolve(message);
    }
    this.onMessage(message);
  }

  private ask<Q extends Unnumbered<Question>>(question: Q): Promise<Answers[Q['type']]> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      // The worker answers a question with the message Answers names for its type, carrying the same id.
      this.pending.set(id, { resolve: (message) => resolve(message as Answers[Q['type']]), reject });
      this.send({ ...question, id } as Question);
    });
  }

  load(modelUrl: string, finderUrl: string, exclude: BackendName[] = [], backend?: BackendName): void {
    this.send({ type: 'load', modelUrl, finderUrl, exclude, ...(backend ? { backend } : {}) });
  }

  /** Resolves with the result, or null when a newer frame replaced this one before it ran. The bitmap is transferred. */
  async infer(bitmap: ImageBitmap, how: FrameOptions, timeStages: boolean): Promise<ResultMessage | null> {
    const answer = await this.ask({ type: 'frame', timestamp: performance.now(), bitmap, ...how, timeStages });
    return answer.type === 'result' ? answer : null;
  }

  memory(): Promise<MemoryMessage> {
    return this.ask({ type: 'memory' });
  }

  verify(input: Float32Array, center: Point, expected: Float32Array): Promise<FixtureMessage> {
    return this.ask({ type: 'verifyFixture', input, center, expected });
  }

  /** The network input the worker cuts for `box` of the bitmap (RGBA, S×S). The bitmap is transferred. */
  crop(bitmap: ImageBitmap, box: Box): Promise<CropMessage> {
    return this.ask({ type: 'crop', bitmap, box });
  }

  /** Benchmark: a peer graph model's milliseconds per frame on the worker's backend. */
  benchGraph(url: string, size: number, frames: number): Promise<BenchGraphMessage> {
    return this.ask({ type: 'benchGraph', url, size, frames });
  }

  /** Benchmark: one reading of the loaded network (or the finder's graph, or a peer graph) profiled kernel by kernel. */
  profile(target: ProfileRequest['target']): Promise<ProfileMessage> {
    return this.ask({ type: 'profile', target });
  }

  loseDevice(): void {
    this.send({ type: 'loseDevice' });
  }

  terminate(): void {
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.reject(new Error('the worker was restarted'));
    this.pending.clear();
  }
}
