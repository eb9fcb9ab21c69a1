import { describe, expect, it } from 'vitest';
import { MAX_IDLE_SCROLLS, nextStep, paceDelay, unseenKeys } from './planner';
import { BatchSteering, runBatch, type BatchPage } from './runner';
import type { BatchStatus } from './state';

const base = { seen: new Set<string>(), captured: 0, limit: 10, atEnd: false, idleScrolls: 0 };

describe('nextStep', () => {
  it('captures the first post not seen yet, in page order', () => {
    expect(nextStep({ ...base, keys: ['x:1', 'x:2'], seen: new Set(['x:1']) })).toEqual({ kind: 'capture', key: 'x:2' });
  });
  it('scrolls when every post on the page was dealt with, and ends only after idle scrolls at the bottom', () => {
    const all = { ...base, keys: ['x:1'], seen: new Set(['x:1']) };
    expect(nextStep(all)).toEqual({ kind: 'scroll' });
    expect(nextStep({ ...all, atEnd: true, idleScrolls: MAX_IDLE_SCROLLS - 1 })).toEqual({ kind: 'scroll' });
    expect(nextStep({ ...all, atEnd: true, idleScrolls: MAX_IDLE_SCROLLS })).toEqual({ kind: 'finish', reason: 'end' });
  });
  it('stops at the per-run limit', () => {
    expect(nextStep({ ...base, keys: ['x:9'], captured: 10 })).toEqual({ kind: 'finish', reason: 'limit' });
  });
});

describe('unseenKeys and paceDelay', () => {
  it('asks the store about each new key once', () => {
    expect(unseenKeys(['x:1', undefined, 'x:2', 'x:1', 'x:3'], new Set(['x:3']))).toEqual(['x:1', 'x:2']);
  });
  it('spreads pauses over the whole range', () => {
    expect(paceDelay([1500, 3000], () => 0)).toBe(1500);
    expect(paceDelay([1500, 3000], () => 0.999)).toBe(2999);
  });
});

/** A timeline of `total` posts that shows `step` more each time it is scrolled to the bottom; ids repeat as on real pages. */
function fakeTimeline(total: number, step: number, repeated: string[] = []) {
  let shown = step;
  let scrolled = 0;
  const page: BatchPage<string> = {
    posts: () => [...repeated, ...Array.from({ length: Math.min(shown, total) }, (_, i) => `p${i}`), ...repeated],
    keyOf: (post) => (post === 'no-id' ? undefined : `x:${post}`),
    scrollStep: async () => {
      scrolled += 1;
      const before = shown;
      shown = Math.min(total, shown + step);
      return shown !== before;
    },
  };
  return { page, scrolls: () => scrolled };
}

describe('runBatch', () => {
  it('captures every post of a timeline that loads more on scroll exactly once, skipping those stored before', async () => {
    const { page } = fakeTimeline(50, 7, ['p3', 'no-id']);
    const captured: string[] = [];
    const statuses: BatchStatus[] = [];
    const result = await runBatch(
      {
        page,
        limit: 200,
        paceMs: [0, 0],
        sleep: async () => undefined,
        known: async (keys) => new Set(keys.filter((k) => k === 'x:p0' || k === 'x:p1')),
        capture: async (post) => {
          captured.push(post);
          return { ok: true, captureId: `id-${post}`, label: post };
        },
        report: (status) => statuses.push(status),
      },
      new BatchSteering(),
    );
    expect(result).toMatchObject({ status: 'done', captured: 48, skipped: 2, failed: 0 });
    expect(new Set(captured).size).toBe(captured.length);
    expect(captured.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `p${i}`).filter((p) => p !== 'p0' && p !== 'p1').sort());
    expect(statuses.at(-1)).toBe('done');
  });

  it('keeps to the limit, counts failures, and stops (resumable) when the background stops answering', async () => {
    const { page } = fakeTimeline(20, 20);
    const deps = {
      page,
      limit: 5,
      paceMs: [0, 0] as const,
      sleep: async () => undefined,
      known: async () => new Set<string>(),
      report: () => undefined,
    };
    const limited = await runBatch({ ...deps, capture: async (p: string) => (p === 'p1' ? { ok: false as const, message: 'HTTP 500' } : { ok: true as const, captureId: p, label: p }) }, new BatchSteering());
    expect(limited).toMatchObject({ status: 'done', captured: 5, failed: 1 });
    const cut = await runBatch({ ...deps, capture: async (p: string) => (p === 'p2' ? { ok: false as const, message: 'no answer', fatal: true } : { ok: true as const, captureId: p, label: p }) }, new BatchSteering());
    expect(cut).toMatchObject({ status: 'interrupted', captured: 2 });
  });

  it('waits while paused and stops for good on cancel', async () => {
    const { page } = fakeTimeline(10, 10);
    const steering = new BatchSteering();
    let captures = 0;
    const run = runBatch(
      {
        page,
        limit: 100,
        paceMs: [0, 0],
        sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
        known: async () => new Set<string>(),
        capture: async (p) => {
          captures += 1;
          if (captures === 2) steering.set('pause');
          return { ok: true, captureId: p, label: p };
        },
        report: () => undefined,
      },
      steering,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(captures).toBe(2);
    steering.set('resume');
    await new Promise((resolve) => setTimeout(resolve, 2));
    steering.set('cancel');
    const result = await run;
    expect(result.status).toBe('cancelled');
    expect(captures).toBeGreaterThan(2);
    expect(captures).toBeLessThan(10);
  });
});
