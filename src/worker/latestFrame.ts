/**
 * Latest frame wins: while one frame is being processed, a newer frame replaces any frame still waiting (which is
 * dropped), so a slow backend never works through a backlog of stale camera frames.
 */
export class LatestFrameQueue<T> {
  private pending: T | null = null;
  private busy = false;

  constructor(
    private readonly process: (frame: T) => Promise<void>,
    private readonly drop: (frame: T) => void,
  ) {}

  push(frame: T): void {
    if (this.pending !== null) this.drop(this.pending);
    this.pending = frame;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.pending !== null) {
      const frame = this.pending;
      this.pending = null;
      await this.process(frame);
    }
    this.busy = false;
  }
}
