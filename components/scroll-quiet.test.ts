import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrollQuiet } from './scroll-quiet';

describe('scrollQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs after the quiet time when the list does not move', () => {
    const quiet = scrollQuiet(120, () => Date.now());
    const run = vi.fn();
    quiet.whenStill(run);
    vi.advanceTimersByTime(119);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('waits while the list keeps moving, and runs once it has been still for the quiet time', () => {
    const quiet = scrollQuiet(120, () => Date.now());
    const run = vi.fn();
    quiet.whenStill(run);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(16);
      quiet.moved();
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(119);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled', () => {
    const quiet = scrollQuiet(120, () => Date.now());
    const run = vi.fn();
    const cancel = quiet.whenStill(run);
    vi.advanceTimersByTime(60);
    quiet.moved();
    vi.advanceTimersByTime(100);
    cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
