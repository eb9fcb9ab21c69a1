import { describe, expect, it } from 'vitest';
import { CaptureQueue } from './queue';

const later = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('the capture queue', () => {
  it('runs captures one after the other, in the order asked, past a failed one', async () => {
    const queue = new CaptureQueue();
    const order: string[] = [];
    const first = later<string>();
    const a = queue.run(async () => (order.push('a start'), first.promise));
    const b = queue.run(async () => (order.push('b'), 'b'));
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    first.reject(new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await expect(b).resolves.toBe('b');
    expect(order).toEqual(['a start', 'b']);
  });

  it('is settled only once the captures queued so far have finished', async () => {
    const queue = new CaptureQueue();
    const running = later<void>();
    void queue.run(() => running.promise);
    let settled = false;
    const waiting = queue.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    running.resolve();
    await waiting;
    expect(settled).toBe(true);
  });
});
