import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepAliveWhile } from './keep-alive';

afterEach(() => {
  vi.useRealTimers();
});

describe('keepAliveWhile', () => {
  it('pings every 20 s while the work runs, stops when it settles, and passes its result or failure on', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(() => Promise.reject(new Error('ignored')));
    let finish!: (value: string) => void;
    const kept = keepAliveWhile(new Promise<string>((resolve) => (finish = resolve)), ping);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(ping).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(ping).toHaveBeenCalledTimes(3);
    finish('opened');
    await expect(kept).resolves.toBe('opened');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).toHaveBeenCalledTimes(3);

    const failed = keepAliveWhile(Promise.reject(new Error('quota')), ping);
    await expect(failed).rejects.toThrow('quota');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).toHaveBeenCalledTimes(3);
  });
});
