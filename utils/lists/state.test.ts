import { describe, expect, it } from 'vitest';
import type { StoredListItem } from '../store/rows';
import { afterAction, clampConcurrency, countOutcomes, csvField, duplicatesOf, listPercent, newList, nextPending, outcomesCsv, settleBeforeOpening, settleFromReply } from './state';
import { csvRecords } from './parse';

const now = new Date('2026-12-07T10:00:00.000Z');
const item = (index: number, url: string, extra: Partial<StoredListItem> = {}): StoredListItem => ({ listId: 'L', index, url, outcome: 'pending', ...extra });
const hosts = (url: URL) => ['x.com', 'twitter.com', 'bsky.app', 't.me'].includes(url.hostname);

describe('newList', () => {
  it('makes a running list of pending items in order, concurrency 1–3', () => {
    const { list, items } = newList('L', ' ', ['https://x.com/a/status/1', ' https://x.com/b/status/2 '], 7, now);
    expect(list).toMatchObject({ id: 'L', status: 'running', total: 2, concurrency: 3 });
    expect(list.name).toMatch(/^List of 2026-12-07/);
    expect(items.map((i) => [i.index, i.url, i.outcome])).toEqual([
      [0, 'https://x.com/a/status/1', 'pending'],
      [1, 'https://x.com/b/status/2', 'pending'],
    ]);
    expect([clampConcurrency(0), clampConcurrency(2.7), clampConcurrency('3'), clampConcurrency(undefined)]).toEqual([1, 2, 1, 1]);
  });

  it('refuses an empty list and one over 10,000 URLs, saying so', () => {
    expect(() => newList('L', '', [], 1, now)).toThrow(/no URL/);
    expect(() => newList('L', '', Array.from({ length: 10_001 }, () => 'https://x.com/a'), 1, now)).toThrow(/10,001 URLs.*up to 10,000.*nothing was started/);
  });
});

describe('settleBeforeOpening', () => {
  const items = [item(0, 'https://x.com/a/status/1'), item(1, 'https://example.org/post/1'), item(2, 'https://twitter.com/A/status/1?s=20'), item(3, 'not a url'), item(4, 'https://bsky.app/profile/b/post/2')];

  it('settles what needs no tab: not a web address, an unsupported site, a repeat of an earlier URL', () => {
    expect(settleBeforeOpening(items[0]!, items, hosts)).toBeUndefined();
    expect(settleBeforeOpening(items[1]!, items, hosts)).toMatchObject({ outcome: 'unsupported', message: expect.stringMatching(/example\.org/) });
    expect(settleBeforeOpening(items[2]!, items, hosts)).toEqual({ outcome: 'already-saved', message: 'Same page as URL 1 of this list.' });
    expect(settleBeforeOpening(items[3]!, items, hosts)).toMatchObject({ outcome: 'error', message: expect.stringMatching(/Not a web address/) });
    expect(settleBeforeOpening(items[4]!, items, hosts)).toBeUndefined();
  });

  it('gives a repeat the earlier URL’s capture, now or once it is made', () => {
    const saved = [{ ...items[0]!, outcome: 'saved' as const, captureId: 'C1' }, ...items.slice(1)];
    expect(settleBeforeOpening(saved[2]!, saved, hosts)).toMatchObject({ outcome: 'already-saved', captureId: 'C1' });
    const gone = [{ ...items[0]!, outcome: 'not-served' as const, message: 'HTTP 404.' }, ...items.slice(1)];
    expect(settleBeforeOpening(gone[2]!, gone, hosts)).toEqual({ outcome: 'not-served', message: 'Same page as URL 1 of this list: HTTP 404.' });
    const repeat = { ...items[2]!, outcome: 'already-saved' as const };
    expect(duplicatesOf(saved[0]!, [saved[0]!, items[1]!, repeat])).toEqual([repeat]);
  });
});

describe('settleFromReply and the resume rule', () => {
  const started = item(0, 'https://x.com/a/status/1', { startedAt: '2026-12-07T09:59:00.000Z' });

  it('records the page’s outcome, its capture and message', () => {
    expect(settleFromReply(started, { outcome: 'saved', captureId: 'C' }, undefined, false, now)).toMatchObject({ outcome: 'saved', captureId: 'C', finishedAt: now.toISOString(), startedAt: started.startedAt });
    expect(settleFromReply(started, { outcome: 'login-wall', message: 'login' }, undefined, false, now)).toMatchObject({ outcome: 'login-wall', message: 'login' });
    expect(settleFromReply(started, { outcome: 'saved' }, undefined, false, now)).toMatchObject({ outcome: 'error' });
    expect(settleFromReply(started, { outcome: 'pending' }, undefined, false, now)).toMatchObject({ outcome: 'error' });
    expect(settleFromReply(started, { outcome: 'bogus' as never }, undefined, false, now)).toMatchObject({ outcome: 'error' });
    expect(settleFromReply(started, undefined, undefined, false, now)).toMatchObject({ outcome: 'error' });
  });

  it('a post saved before the item started is already saved, with that capture', () => {
    const older = { captureId: 'OLD', capturedAt: '2026-12-01T00:00:00.000Z' };
    expect(settleFromReply(started, { outcome: 'already-saved', postKey: 'x:1' }, older, false, now)).toMatchObject({ outcome: 'already-saved', captureId: 'OLD' });
    expect(settleFromReply(started, { outcome: 'already-saved', postKey: 'x:1' }, older, true, now)).toMatchObject({ outcome: 'already-saved', captureId: 'OLD' });
  });

  it('on a try again after a stop, a capture made at or after the first try’s start is this list’s own: saved, not twice', () => {
    const ours = { captureId: 'MINE', capturedAt: '2026-12-07T09:59:00.000Z' };
    expect(settleFromReply(started, { outcome: 'already-saved', postKey: 'x:1' }, ours, true, now)).toMatchObject({ outcome: 'saved', captureId: 'MINE', message: expect.stringMatching(/not captured twice/) });
    // A first try (not resumed) never claims someone else's capture made meanwhile.
    expect(settleFromReply(started, { outcome: 'already-saved', postKey: 'x:1' }, ours, false, now)).toMatchObject({ outcome: 'already-saved' });
  });
});

describe('the queue’s order, actions and progress', () => {
  it('takes pending items in order, skipping those in flight', () => {
    const items = [item(0, 'a', { outcome: 'saved' }), item(1, 'b'), item(2, 'c'), item(3, 'd')];
    expect(nextPending(items, new Set([1])).map((i) => i.index)).toEqual([2]);
    expect(nextPending(items, new Set(), 2).map((i) => i.index)).toEqual([1, 2]);
    expect(nextPending([items[0]!], new Set())).toEqual([]);
  });

  it('pauses a running list, resumes a paused or interrupted one, cancels any unfinished one', () => {
    const list = newList('L', 'n', ['https://x.com/a'], 1, now).list;
    const later = new Date('2026-12-07T11:00:00.000Z');
    const paused = afterAction(list, 'pause', later)!;
    expect(paused).toMatchObject({ status: 'paused', updatedAt: later.toISOString() });
    expect(afterAction(paused, 'pause', later)).toBeUndefined();
    expect(afterAction(paused, 'resume', later)).toMatchObject({ status: 'running' });
    expect(afterAction({ ...list, status: 'interrupted' }, 'resume', later)).toMatchObject({ status: 'running' });
    expect(afterAction(list, 'cancel', later)).toMatchObject({ status: 'cancelled' });
    expect(afterAction({ ...list, status: 'done' }, 'cancel', later)).toBeUndefined();
    expect(afterAction({ ...list, status: 'cancelled' }, 'resume', later)).toBeUndefined();
  });

  it('counts outcomes and the share done', () => {
    const counts = countOutcomes([item(0, 'a', { outcome: 'saved' }), item(1, 'b'), item(2, 'c', { outcome: 'error' }), item(3, 'd')]);
    expect(counts).toMatchObject({ saved: 1, error: 1, pending: 2, 'login-wall': 0 });
    expect(listPercent(counts, 4)).toBe(50);
    expect(listPercent(counts, 0)).toBe(0);
  });
});

describe('outcomesCsv', () => {
  it('writes url, outcome, capture id, message, time – quoted where needed, formulas neutralised – and reads back the same', () => {
    const items = [
      item(0, 'https://x.com/a/status/1', { outcome: 'saved', captureId: 'C1', finishedAt: '2026-12-07T10:00:00.000Z' }),
      item(1, 'https://example.org/a,b', { outcome: 'error', message: 'He said "no",\nthen left', finishedAt: '2026-12-07T10:00:01.000Z' }),
      item(2, 'https://x.com/b', { outcome: 'pending' }),
    ];
    const csv = outcomesCsv(items);
    expect(csv.split('\r\n')[0]).toBe('url,outcome,capture_id,message,time');
    expect(csvRecords(csv.replace(/\r\n$/, ''), ',').map((r) => r.fields)).toEqual([
      ['url', 'outcome', 'capture_id', 'message', 'time'],
      ['https://x.com/a/status/1', 'saved', 'C1', '', '2026-12-07T10:00:00.000Z'],
      ['https://example.org/a,b', 'error', '', 'He said "no",\nthen left', '2026-12-07T10:00:01.000Z'],
      ['https://x.com/b', 'pending', '', '', ''],
    ]);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
