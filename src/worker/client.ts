import type { EstimationProgress, PoseEstimate } from '../estimator/types';
import {
  type Loaded,
  type LoadRequest,
  type PageToWorker,
  type Progress,
  type ResultMessage,
  type WireConfig,
  type WorkerToPage,
  isWorkerToPage,
  transferables,
} from './protocol';

/** The part of a Worker the client uses (a test passes a fake). */
export type WorkerPort = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

interface Waiter {
  resolve: (message: ResultMessage) => void;
  reject: (error: Error) => void;
  onProgress: (progress: Progress) => void;
}

/** A load request's contents (the client numbers it), and who hears its progress. */
export type LoadOptions = Omit<LoadRequest, 'type' | 'id'> & { onProgress: (progress: Progress) => void };

/**
 * The page's handle on the CPM worker: every request gets its own id and its own promise, answered by the result
 * that carries the id back (or rejected by an error that does), its progress passed to the request's own listener.
 * An error that names no request (a lost GPU device, a crash) goes to `onError`.
 */
export class CpmClient {
  private nextId = 1;
  private readonly pending = new Map<number, Waiter>();

  constructor(
    private readonly onError: (message: string, deviceLost: boolean) => void,
    private readonly worker: WorkerPort = new Worker(new URL('../cpm.worker.ts', import.meta.url), { type: 'module', name: 'cpm' }),
  ) {
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isWorkerToPage(event.data)) this.receive(event.data);
    };
    this.worker.onerror = (event: ErrorEvent) => this.onError(`the CPM worker crashed: ${event.message}`, false);
  }

  private receive(message: WorkerToPage): void {
    const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!waiter) {
      if (message.type === 'error') this.onError(message.message, message.deviceLost ?? false);
      return;
    }
    if (message.type === 'progress') {
      waiter.onProgress(message.progress);
      return;
    }
    this.pending.delete(message.id as number);
    if (message.type === 'error') waiter.reject(new Error(message.message));
    else waiter.resolve(message);
  }

  private ask(request: PageToWorker, onProgress: (progress: Progress) => void = () => undefined): Promise<ResultMessage> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      this.worker.postMessage(request, transferables(request));
    });
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId - 1;
  }

  /** Picks a backend, loads the model and the person finder and warms them up. */
  async load({ onProgress, ...options }: LoadOptions): Promise<Loaded> {
    const answer = await this.ask({ type: 'load', id: this.id(), ...options }, onProgress);
    if (answer.request !== 'load') throw new Error('the worker answered a load with an estimate');
    return answer.loaded;
  }

  /**
   * The poses in a bitmap (transferred): estimatePoses in the worker. Resolves with null when a newer frame replaced
   * this one before it ran.
   */
  async estimatePoses(bitmap: ImageBitmap, config: WireConfig, onProgress?: (progress: EstimationProgress) => void): Promise<PoseEstimate | null> {
    const answer = await this.ask({ type: 'estimate', id: this.id(), bitmap, config }, (p) => {
      if (p.phase === 'estimating') onProgress?.(p.progress);
    });
    if (answer.request !== 'estimate') throw new Error('the worker answered an estimate with a load');
    return answer.estimate;
  }

  terminate(): void {
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.reject(new Error('the worker was restarted'));
    this.pending.clear();
  }
}
