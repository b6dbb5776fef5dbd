/**
 * Latest frame wins: while frames are being processed, a newer frame replaces any frame still waiting (which is
 * dropped), so a slow backend never works through a backlog of stale camera frames. Up to `inFlight` frames are
 * processed at once: with two, the camera's next frame is cropped and its work queued on the GPU while the previous
 * frame's maps are still being read back.
 */
export class LatestFrameQueue<T> {
  private pending: T | null = null;
  private running = 0;

  constructor(
    private readonly process: (frame: T) => Promise<void>,
    private readonly drop: (frame: T) => void,
    private readonly inFlight = 1,
  ) {}

  push(frame: T): void {
    if (this.pending !== null) this.drop(this.pending);
    this.pending = frame;
    this.pump();
  }

  private pump(): void {
    while (this.pending !== null && this.running < this.inFlight) {
      const frame = this.pending;
      this.pending = null;
      this.running += 1;
      void this.process(frame).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }
}
