import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of calls into one call after the last, and calls again for a later burst', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const nudge = debounce(fn, 300);
    for (let step = 0; step < 4; step += 1) {
      nudge();
      vi.advanceTimersByTime(150);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledTimes(1);
    nudge();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
