import { afterEach, describe, expect, it, vi } from 'vitest';
import { awakeAnswer, keepAwake } from './keep-awake';

afterEach(() => {
  vi.useRealTimers();
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('keepAwake', () => {
  it('pings every 5 s while any wrapped work runs, stops once all of it settled, and passes results and failures on', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(() => Promise.reject(new Error('ignored')));
    const awake = keepAwake(ping);
    const first = deferred<string>();
    const second = deferred<string>();
    const a = awake(first.promise);
    const b = awake(second.promise);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(ping).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(10_001);
    // One timer for both: three pings in 15 s, not six.
    expect(ping).toHaveBeenCalledTimes(3);
    first.resolve('captured');
    await expect(a).resolves.toBe('captured');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(4);
    second.reject(new Error('quota'));
    await expect(b).rejects.toThrow('quota');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).toHaveBeenCalledTimes(4);

    // Work after a quiet spell starts the pings again.
    const third = deferred<void>();
    const c = awake(third.promise);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(5);
    third.resolve();
    await c;
  });

  it('keeps a listener answer awake only when it is a promise', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(() => Promise.resolve());
    const awake = keepAwake(ping);
    expect(awakeAnswer(awake, undefined)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ping).not.toHaveBeenCalled();
    const pending = deferred<number>();
    const answer = awakeAnswer(awake, pending.promise);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(1);
    pending.resolve(7);
    await expect(answer).resolves.toBe(7);
  });
});
