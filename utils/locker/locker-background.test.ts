import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { md5Base64, sha256Hex } from './digests';
import { LockerBackground, lockerBackoffMs, MAX_LOCKER_ATTEMPTS, NO_LOCKER_MESSAGE, WATCHDOG_MS, type BuiltFolder } from './locker-background';
import { MemoryS3 } from './memory-s3.fixtures';
import { FolderNotReady } from './folder';
import { getRow, getSource, openLockerQueue, putRow } from './queue';
import type { LockerFile } from './queue-types';
import { S3Error, type LockerConfig } from './s3-api';

const T0 = Date.parse('2026-12-06T10:00:00Z');
let serial = 0;

const baseConfig: LockerConfig = {
  endpoint: 'http://127.0.0.1:7480',
  region: 'us-east-1',
  bucket: 'evidence',
  prefix: 'team',
  accessKeyId: 'AK',
  secretAccessKey: 'SK',
  retentionDays: 10,
  mode: 'COMPLIANCE',
  legalHold: false,
  autoPush: false,
};

async function harness(options: { config?: LockerConfig | undefined; custodyFails?: string; notReady?: number } = {}) {
  const db = await openLockerQueue(`locker-background-test-${++serial}`);
  const s3 = new MemoryS3(() => new Date(clock.now));
  const clock = { now: T0 };
  const state = { config: 'config' in options ? options.config : baseConfig };
  const builds: string[] = [];
  const custody: { captureId: string; details: Record<string, unknown> }[] = [];
  const schedules: number[] = [];
  const offsets = new Map<string, number>();
  const background = new LockerBackground({
    queue: Promise.resolve(db),
    config: async () => state.config,
    api: () => s3,
    async buildFolder(captureId, config): Promise<BuiltFolder> {
      builds.push(captureId);
      if (builds.length <= (options.notReady ?? 0)) throw new FolderNotReady(`Waiting for capture ${captureId}'s trusted timestamp.`);
      const folder = `${config.prefix}/case/${captureId}/`;
      const contents: [string, Uint8Array][] = [
        [`captures/${captureId}/capture.json`, new TextEncoder().encode(JSON.stringify({ captureId, build: builds.length }))],
        ['SHA256SUMS', new TextEncoder().encode(`sums of ${captureId}`)],
      ];
      const files: LockerFile[] = [];
      let offset = 0;
      for (const [name, body] of contents) {
        offsets.set(`${captureId}/${name}`, offset);
        offset += body.byteLength;
        files.push({ name, key: folder + name, bytes: body.byteLength, sha256: await sha256Hex(body), md5Base64: md5Base64(body), contentType: 'application/json' });
      }
      return { folder, source: new Blob(contents.map(([, body]) => body as Uint8Array<ArrayBuffer>)), files };
    },
    async readFile(source, file, start, end) {
      const captureId = file.key.split('/')[2]!;
      const base = offsets.get(`${captureId}/${file.name}`)!;
      return new Uint8Array(await source.slice(base + start, base + end).arrayBuffer());
    },
    async custody(captureId, details) {
      if (options.custodyFails) throw new Error(options.custodyFails);
      custody.push({ captureId, details });
    },
    now: () => new Date(clock.now),
    schedule: (when) => void schedules.push(when),
    random: () => 0,
  });
  return { db, s3, clock, state, builds, custody, schedules, background };
}

describe('LockerBackground', () => {
  it('queues, pushes, locks, drops the source and logs custody once with the version ids', async () => {
    const h = await harness();
    const answer = await h.background.push(['cap-1']);
    expect(answer).toEqual({ ok: true, queued: 1 });
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    const retainUntil = new Date(T0 + 10 * 24 * 3600_000).toISOString();
    expect(row).toMatchObject({ state: 'locked', attempts: 1, lockedUntil: retainUntil, retainUntil, mode: 'COMPLIANCE', legalHold: false, folder: 'team/case/cap-1/' });
    expect(await getSource(h.db, 'cap-1')).toBeUndefined();
    expect(row?.error).toBeUndefined();
    expect(row?.files?.every((file) => file.done?.receipt.versionId)).toBe(true);
    expect(h.custody).toHaveLength(1);
    const details = h.custody[0]!.details as { objects: { key: string; versionId: string; requestId: string; date: string }[]; bucket: string; retainUntil: string };
    expect(details.bucket).toBe('evidence');
    expect(details.retainUntil).toBe(retainUntil);
    expect(details.objects.map((object) => object.key)).toEqual(['team/case/cap-1/captures/cap-1/capture.json', 'team/case/cap-1/SHA256SUMS']);
    for (const object of details.objects) {
      expect(object.versionId).toBe(h.s3.versionsOf(object.key)[0]!.versionId);
      expect(object.requestId).toMatch(/^req-/);
      expect(object.date).toBeTruthy();
    }
    // Locked rows are not queued again.
    expect(await h.background.push(['cap-1'])).toEqual({ ok: true, queued: 0 });
    await h.background.run();
    expect(h.custody).toHaveLength(1);
    expect(h.s3.count('putObject')).toBe(2);
  });

  it('on a retryable failure, queues again with backoff and an alarm, then succeeds without building the folder twice', async () => {
    const h = await harness();
    h.s3.failNth('putObject', 2); // the second file's put: the gateway died
    await h.background.push(['cap-1']);
    await h.background.run();
    let row = await getRow(h.db, 'cap-1');
    expect(row).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: T0 + 30_000 });
    expect(row?.error).toMatch(/gateway went away/);
    expect(row?.files?.[0]?.done).toBeDefined();
    expect(await getSource(h.db, 'cap-1')).toBeInstanceOf(Blob);
    expect(h.schedules[h.schedules.length - 1]).toBe(T0 + 30_000);

    await h.background.run(); // not due yet: nothing tried
    expect((await getRow(h.db, 'cap-1'))?.attempts).toBe(1);

    h.clock.now = T0 + 31_000;
    await h.background.run();
    row = await getRow(h.db, 'cap-1');
    expect(row).toMatchObject({ state: 'locked', attempts: 2, retainUntil: new Date(T0 + 10 * 24 * 3600_000).toISOString() });
    expect(h.builds).toEqual(['cap-1']);
    expect(h.s3.count('putObject')).toBe(3); // file 1 once, file 2 failed then once
    expect(h.custody).toHaveLength(1);
  });

  it('backs off 30 s doubling, capped at an hour, with a little jitter', () => {
    expect(lockerBackoffMs(1, () => 0)).toBe(30_000);
    expect(lockerBackoffMs(3, () => 0)).toBe(120_000);
    expect(lockerBackoffMs(20, () => 0)).toBe(3_600_000);
    expect(lockerBackoffMs(1, () => 0.5)).toBe(31_500);
  });

  it('gives up after the last attempt', async () => {
    const h = await harness();
    await h.background.push(['cap-1']);
    await putRow(h.db, { ...(await getRow(h.db, 'cap-1'))!, attempts: MAX_LOCKER_ATTEMPTS - 1 });
    h.s3.failNth('putObject', 1);
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    expect(row?.state).toBe('failed');
    expect(row?.error).toMatch(/^Gave up after 8 attempts: /);
  });

  it('fails at once on an error that is not retryable', async () => {
    const h = await harness();
    h.s3.failNth('putObject', 1, new S3Error('auth', 'The access key is not known to the server.', 403, 'InvalidAccessKeyId'));
    await h.background.push(['cap-1']);
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    expect(row).toMatchObject({ state: 'failed', attempts: 1, error: 'The access key is not known to the server.' });
    expect(h.custody).toHaveLength(0);
    // A failed row can be pushed again: queued, attempts reset.
    expect(await h.background.push(['cap-1'])).toEqual({ ok: true, queued: 1 });
    await h.background.run();
    expect((await getRow(h.db, 'cap-1'))?.state).toBe('locked');
  });

  it('with no locker set up, keeps rows queued with the reason and tries nothing', async () => {
    const h = await harness({ config: undefined });
    const answer = await h.background.push(['cap-1']);
    expect(answer).toEqual({ ok: true, queued: 1, message: NO_LOCKER_MESSAGE });
    await h.background.run();
    expect(await getRow(h.db, 'cap-1')).toMatchObject({ state: 'queued', attempts: 0, error: NO_LOCKER_MESSAGE });
    expect(h.builds).toEqual([]);
    expect(h.schedules).toEqual([]);
    h.state.config = baseConfig;
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    expect(row?.state).toBe('locked');
    expect(row?.error).toBeUndefined();
  });

  it('recovers a row a killed worker left pushing, reusing its saved folder', async () => {
    const h = await harness();
    h.s3.failNth('putObject', 2);
    await h.background.push(['cap-1']);
    await h.background.run();
    await putRow(h.db, { ...(await getRow(h.db, 'cap-1'))!, state: 'pushing', nextAttemptAt: T0 + 3_600_000 });
    await h.background.recover();
    const row = await getRow(h.db, 'cap-1');
    expect(row?.state).toBe('locked');
    expect(h.builds).toHaveLength(1);
    expect(h.s3.versionsOf(row!.files![0]!.key)).toHaveLength(1);
  });

  it('queues committed captures only when autoPush is on', async () => {
    const off = await harness();
    expect(await off.background.onCommitted('cap-1')).toBe(false);
    expect(await getRow(off.db, 'cap-1')).toBeUndefined();

    const on = await harness({ config: { ...baseConfig, autoPush: true } });
    expect(await on.background.onCommitted('cap-2')).toBe(true);
    await on.background.run();
    expect((await getRow(on.db, 'cap-2'))?.state).toBe('locked');
  });

  it('asks for the configured legal hold and mode, and says so on the row', async () => {
    const h = await harness({ config: { ...baseConfig, mode: 'GOVERNANCE', legalHold: true } });
    await h.background.push(['cap-1']);
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    expect(row).toMatchObject({ state: 'locked', mode: 'GOVERNANCE', legalHold: true });
    for (const file of row!.files!) expect(h.s3.versionsOf(file.key)[0]!.lock).toMatchObject({ mode: 'GOVERNANCE', legalHold: true });
    expect(h.custody[0]!.details).toMatchObject({ mode: 'GOVERNANCE', legalHold: true });
  });

  it('keeps a row locked when the custody log cannot be written, and says so', async () => {
    const h = await harness({ custodyFails: 'The store is full.' });
    await h.background.push(['cap-1']);
    await h.background.run();
    const row = await getRow(h.db, 'cap-1');
    expect(row?.state).toBe('locked');
    expect(row?.error).toBe('Locked in the locker, but the custody log could not be written: The store is full.');
  });

  it('folds two run calls made at once into one pass', async () => {
    const h = await harness();
    await h.background.push(['cap-1', 'cap-2']);
    const first = h.background.run();
    const second = h.background.run();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(h.builds.sort()).toEqual(['cap-1', 'cap-2']);
    expect(h.s3.count('putObject')).toBe(4);
    expect(h.custody.map((entry) => entry.captureId).sort()).toEqual(['cap-1', 'cap-2']);
  });

  it('waits for a folder that is not ready (a timestamp still being asked for) and pushes it later', async () => {
    const h = await harness({ notReady: 1 });
    await h.background.push(['cap-wait']);
    await h.background.run();
    let row = await getRow(h.db, 'cap-wait');
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row?.error).toMatch(/trusted timestamp/);
    expect(h.s3.versionsOf('team/case/cap-wait/SHA256SUMS')).toHaveLength(0);
    h.clock.now = row!.nextAttemptAt;
    await h.background.run();
    row = await getRow(h.db, 'cap-wait');
    expect(row).toMatchObject({ state: 'locked', attempts: 2 });
  });

  it('sets a watchdog alarm before each push, so a worker stopped mid-push is woken to go on', async () => {
    const h = await harness();
    await h.background.push(['cap-dog']);
    await h.background.run();
    expect(h.schedules).toContain(T0 + WATCHDOG_MS);
  });

  it('skips the lookup before each write only for a folder built in this attempt', async () => {
    const h = await harness();
    h.s3.failNth('putObject', 2);
    await h.background.push(['cap-fresh']);
    await h.background.run();
    expect(h.s3.count('headObject')).toBe(0);
    h.clock.now = (await getRow(h.db, 'cap-fresh'))!.nextAttemptAt;
    await h.background.run();
    // The resumed attempt looks up the file it did not finish (the done one is skipped), and writes it once.
    expect(h.s3.count('headObject')).toBe(1);
    expect((await getRow(h.db, 'cap-fresh'))?.state).toBe('locked');
    expect(h.s3.versionsOf('team/case/cap-fresh/SHA256SUMS')).toHaveLength(1);
  });
});
