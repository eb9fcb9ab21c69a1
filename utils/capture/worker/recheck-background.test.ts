import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import type { CaptureRecord } from '../../model';
import { listCaptures } from '../../store/captures';
import { readCustodyLines } from '../../store/custody-log';
import { openPostProofDb } from '../../store/db';
import { getOrCreateInstallKey } from '../../store/install-key';
import { jsonSource } from '../../witness/test-source.fixtures';
import { preservePost } from './pipeline';
import { ensureWatchAlarm, RecheckBackground, WATCH_ALARM } from './recheck-background';
import { witnessPost, type WitnessDeps } from './witness';

function memoryArea() {
  const items: Record<string, unknown> = {};
  return { items, get: async (key: string) => ({ [key]: items[key] }), set: async (more: Record<string, unknown>) => void Object.assign(items, more) };
}

async function setup(name: string) {
  let text = 'As first served';
  let status = 200;
  const witness: Omit<WitnessDeps, 'now'> = {
    enabled: true,
    sourceFor: () => jsonSource,
    allowed: async () => true,
    fetch: (async () => new Response(JSON.stringify({ postId: '42', text }), { status })) as typeof fetch,
  };
  const db = await openPostProofDb(name);
  const key = await getOrCreateInstallKey(db);
  const post = { ...sampleCaptureRequest('As first served'), post: { platform: 'generic' as const, id: '42', text: 'As first served' } };
  const first = await preservePost(post, sampleScreenshot, { db, key, software: 't', fetch, witness: witnessPost(post.post, witness) });
  if (!first.ok) throw new Error(first.message);
  const notified: string[] = [];
  const pauses: number[] = [];
  let clock = new Date('2026-12-06T18:00:00Z');
  const background = new RecheckBackground({
    db: Promise.resolve(db),
    recheckDeps: async () => ({ software: 't', userAgent: 'ua', witness }),
    storage: memoryArea(),
    notify: (title, message) => void notified.push(`${title} | ${message}`),
    pauseMs: 2500,
    sleep: async (ms) => void pauses.push(ms),
    now: () => clock,
  });
  return {
    db,
    captureId: first.captureId,
    background,
    notified,
    pauses,
    platform: (next: { text?: string; status?: number }) => ((text = next.text ?? text), (status = next.status ?? status)),
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

describe('RecheckBackground', () => {
  it('re-checks a selection in turn, a pause apart, each a signed record with a line in the checked log', async () => {
    const t = await setup('recheck-bg-1');
    t.platform({ text: 'Edited later' });
    const results = await t.background.recheck([t.captureId, t.captureId, 'no-such-capture']);
    expect(results.map((r) => (r.ok ? r.recheck.outcome : r.code))).toEqual(['changed', 'changed', 'not-found']);
    expect(t.pauses).toEqual([2500, 2500]);
    const rows = await listCaptures(t.db);
    const rechecks = rows.map((row) => JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord).filter((r) => r.recheck);
    expect(rechecks).toHaveLength(2);
    expect(rechecks[0]!.recheck).toMatchObject({ of: t.captureId, changed: ['text'] });
    const log = await readCustodyLines(t.db, t.captureId);
    expect(log.filter((line) => line.includes('"rechecked"'))).toHaveLength(2);
  });

  it('checks watched posts once a day and notifies only when the outcome turns to changed or not served', async () => {
    const t = await setup('recheck-bg-2');
    await t.background.setWatched(t.captureId, true);
    expect((await t.background.checkWatched()).map((r) => r.ok && r.recheck.outcome)).toEqual(['unchanged']);
    expect(await t.background.checkWatched()).toEqual([]); // not due again within the day
    t.advance(24 * 60 * 60 * 1000);
    t.platform({ status: 410 });
    expect((await t.background.checkWatched()).map((r) => r.ok && r.recheck.outcome)).toEqual(['not-served']);
    expect(t.notified).toHaveLength(1);
    expect(t.notified[0]).toMatch(/no longer served/);
    t.advance(24 * 60 * 60 * 1000);
    await t.background.checkWatched();
    expect(t.notified).toHaveLength(1); // still gone: said once
    await t.background.setWatched(t.captureId, false);
    expect(Object.keys(await t.background.watched())).toEqual([]);
  });
});

describe('ensureWatchAlarm', () => {
  it('creates the hourly alarm once: a worker started again does not restart its period', async () => {
    const alarms = new Map<string, object>();
    const api = { get: async (name: string) => alarms.get(name), create: (name: string, info: object) => void alarms.set(name, { ...info, createdAt: alarms.size }) };
    await ensureWatchAlarm(api);
    const first = alarms.get(WATCH_ALARM);
    expect(first).toMatchObject({ periodInMinutes: 60 });
    await ensureWatchAlarm(api);
    expect(alarms.get(WATCH_ALARM)).toBe(first);
  });
});
