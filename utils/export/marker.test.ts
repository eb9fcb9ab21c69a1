import { describe, expect, it } from 'vitest';
import { ALIVE_EVERY_MS, browserSession, dismissInterrupted, GONE_AFTER_MS, interruptedExports, MARKER_PREFIX, underMarker, type MarkerStorage } from './marker';

function memory(): MarkerStorage & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (keys) => (keys === null ? { ...items } : Object.fromEntries([keys].flat().filter((k) => k in items).map((k) => [k, items[k]]))),
    set: async (values) => void Object.assign(items, structuredClone(values)),
    remove: async (keys) => [keys].flat().forEach((k) => delete items[k]),
  };
}

/** A clock the test moves by hand, with the ticks it would have fired. */
function manualClock(start: number) {
  let now = start;
  const ticks: (() => void)[] = [];
  return {
    now: () => now,
    every: (_ms: number, tick: () => void) => {
      ticks.push(tick);
      return () => void ticks.splice(ticks.indexOf(tick), 1);
    },
    advance(ms: number) {
      now += ms;
      ticks.forEach((tick) => tick());
    },
  };
}

describe('export markers', () => {
  it('marks a running export, keeps it alive, and removes it whatever the outcome', async () => {
    const storage = memory();
    const clock = manualClock(Date.parse('2026-11-28T05:00:00Z'));
    let seen: unknown[] = [];
    const result = await underMarker(storage, { captures: 3, format: 'zip', session: 's1' }, async () => {
      seen = Object.keys(storage.items);
      clock.advance(ALIVE_EVERY_MS);
      await Promise.resolve();
      return 'done';
    }, clock);
    expect(result).toBe('done');
    expect(seen).toEqual([expect.stringMatching(new RegExp(`^${MARKER_PREFIX}`))]);
    expect(storage.items).toEqual({});

    await expect(underMarker(storage, { captures: 1, format: 'zip', session: 's1' }, () => Promise.reject(new Error('disk')), clock)).rejects.toThrow('disk');
    expect(storage.items).toEqual({});
  });

  it('reports an export from an earlier browser session at once, and one whose page went quiet after 30 s', async () => {
    const storage = memory();
    const start = Date.parse('2026-11-28T05:00:00Z');
    const marker = (id: string, session: string, aliveAt: number) => ({ id, session, startedAt: new Date(start).toISOString(), aliveAt: new Date(aliveAt).toISOString(), captures: 2, format: 'zip' });
    await storage.set({
      [`${MARKER_PREFIX}a`]: marker('a', 'old-session', start + 1_000),
      [`${MARKER_PREFIX}b`]: marker('b', 'now', start),
      [`${MARKER_PREFIX}c`]: marker('c', 'now', start + GONE_AFTER_MS),
      [`${MARKER_PREFIX}junk`]: { id: 7 },
      maxMediaBytes: 5,
    });
    const now = start + GONE_AFTER_MS + 1_000;
    expect((await interruptedExports(storage, 'now', now)).map((m) => m.id)).toEqual(['a', 'b']);
    await dismissInterrupted(storage, ['a', 'b']);
    expect(await interruptedExports(storage, 'now', now)).toEqual([]);
    expect(Object.keys(storage.items).sort()).toEqual([`${MARKER_PREFIX}c`, `${MARKER_PREFIX}junk`, 'maxMediaBytes']);
  });

  it('gives one id per browser session', async () => {
    const session = memory();
    const first = await browserSession(session);
    expect(await browserSession(session)).toBe(first);
    expect(await browserSession(memory())).not.toBe(first);
  });
});
