import { describe, expect, it } from 'vitest';
import { LatestFrameQueue } from './latestFrame';

describe('LatestFrameQueue', () => {
  it('runs the frame in flight, drops the stale waiting ones and runs only the newest next', async () => {
    const processed: number[] = [];
    const dropped: number[] = [];
    let release: () => void = () => undefined;
    const queue = new LatestFrameQueue<number>(
      (frame) =>
        new Promise<void>((resolve) => {
          processed.push(frame);
          release = resolve;
        }),
      (frame) => dropped.push(frame),
    );
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.push(4);
    expect(processed).toEqual([1]);
    expect(dropped).toEqual([2, 3]);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(processed).toEqual([1, 4]);
    release();
    await Promise.resolve();
    queue.push(5);
    await Promise.resolve();
    expect(processed).toEqual([1, 4, 5]);
    expect(dropped).toEqual([2, 3]);
  });
});

describe('LatestFrameQueue with two frames in flight', () => {
  it('starts a second frame while the first runs, and keeps only the newest one waiting', async () => {
    const processed: number[] = [];
    const dropped: number[] = [];
    const releases: (() => void)[] = [];
    const queue = new LatestFrameQueue<number>(
      (frame) =>
        new Promise<void>((resolve) => {
          processed.push(frame);
          releases.push(resolve);
        }),
      (frame) => dropped.push(frame),
      2,
    );
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.push(4);
    expect(processed).toEqual([1, 2]);
    expect(dropped).toEqual([3]);
    releases[0]();
    await Promise.resolve();
    await Promise.resolve();
    expect(processed).toEqual([1, 2, 4]);
  });
});
