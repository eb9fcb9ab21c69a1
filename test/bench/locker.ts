// npm run bench, part `locker`: BENCH_LOCKER_N captures holding BENCH_LOCKER_MB of media, seeded through the real
// pipeline, pushed by the extension in Chromium to a real single-node Ceph gateway (Content-MD5, lock headers,
// read-back of every object); in the same run, the same objects PUT from Node to the same gateway one after another
// (the gateway's own speed, without PostProof's checks), and the browser's memory while it pushed.
import { AwsClient } from 'aws4fetch';
import type { LaunchedBrowser } from '../support/browser';
import { startS3Gateway } from '../support/s3-gateway';
import { encodeKey } from '../../utils/locker/s3-client';
import { LOCKER_CONFIG_KEY, type LockerConfig } from '../../utils/locker/s3-api';
import { LOCKER_PUSH_MESSAGE, MAX_PUSH_IDS_PER_MESSAGE } from '../../utils/locker/locker-messages';

export interface LockerBenchFigure {
  value: number;
  unit: 'ms' | 's' | 'MB' | 'MB/s' | 'count';
  baseline?: number;
  ratio?: number;
}

export interface LockerBenchTools {
  seed(browser: LaunchedBrowser, count: number, mediaBytes: number): Promise<number>;
  sampleRss(profileDir: string): { stop(): { total: number; largest: number } };
}

const BUCKET = 'bench-locker';
/** The extension page's chrome API, as far as the bench uses it. */
type PageChrome = { chrome: { storage: { local: { set(items: object): Promise<void> } }; runtime: { sendMessage(message: object): Promise<unknown> } } };
const round = (n: number) => Math.round(n * 100) / 100;
const withBaseline = (value: number, baseline: number, unit: LockerBenchFigure['unit']): LockerBenchFigure => ({ value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline) });

export async function benchLocker(browser: LaunchedBrowser, tools: LockerBenchTools): Promise<Record<string, LockerBenchFigure>> {
  const count = Number(process.env.BENCH_LOCKER_N ?? 1000);
  const megabytes = Number(process.env.BENCH_LOCKER_MB ?? 1024);
  const gateway = await startS3Gateway();
  try {
    await gateway.createLockedBucket(BUCKET);
    console.log(`locker: seeding ${count} captures with ${megabytes} MB of media…`);
    await tools.seed(browser, count, Math.round((megabytes * 1024 * 1024) / count));
    const config: LockerConfig = {
      endpoint: gateway.endpoint.replace('127.0.0.1', 'localhost'),
      region: gateway.region,
      bucket: BUCKET,
      prefix: 'bench',
      accessKeyId: gateway.accessKeyId,
      secretAccessKey: gateway.secretAccessKey,
      retentionDays: 1,
      mode: 'GOVERNANCE',
      legalHold: false,
      autoPush: false,
    };
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('dashboard.html'));
    await page.evaluate(([key, value]) => (globalThis as unknown as PageChrome).chrome.storage.local.set({ [key as string]: value }), [LOCKER_CONFIG_KEY, config] as const);
    const ids = await page.evaluate(async () => {
      const request = indexedDB.open('postproof');
      const db = await new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
      const keys = await new Promise<string[]>((resolve) => {
        const get = db.transaction('captures').objectStore('captures').getAllKeys();
        get.onsuccess = () => resolve(get.result as string[]);
      });
      db.close();
      return keys;
    });

    const idle = tools.sampleRss(browser.profileDir).stop();
    const rss = tools.sampleRss(browser.profileDir);
    const started = performance.now();
    for (let at = 0; at < ids.length; at += MAX_PUSH_IDS_PER_MESSAGE) {
      await page.evaluate(([type, chunk]) => (globalThis as unknown as PageChrome).chrome.runtime.sendMessage({ type, captureIds: chunk }), [LOCKER_PUSH_MESSAGE, ids.slice(at, at + MAX_PUSH_IDS_PER_MESSAGE)] as const);
    }
    let states: Record<string, number> = {};
    for (;;) {
      states = await page.evaluate(async () => {
        const request = indexedDB.open('postproof-locker');
        const db = await new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
        const rows = await new Promise<{ state: string }[]>((resolve) => {
          const get = db.transaction('rows').objectStore('rows').getAll();
          get.onsuccess = () => resolve(get.result as { state: string }[]);
        });
        db.close();
        const counts: Record<string, number> = {};
        for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
        return counts;
      });
      if ((states.locked ?? 0) + (states.failed ?? 0) >= ids.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const pushMs = performance.now() - started;
    const peak = rss.stop();
    await page.close();
    if (states.failed) throw new Error(`locker bench: ${states.failed} pushes failed`);

    // Baseline: the same objects, read back into memory, then PUT from Node one after another to another prefix.
    const aws = new AwsClient({ accessKeyId: gateway.accessKeyId, secretAccessKey: gateway.secretAccessKey, region: gateway.region, service: 's3', retries: 0 });
    const keys = await gateway.admin.listObjects(BUCKET, 'bench/');
    const bodies: Uint8Array[] = [];
    let bytes = 0;
    for (const key of keys) {
      const body = new Uint8Array(await (await aws.fetch(`${gateway.endpoint}/${BUCKET}/${encodeKey(key)}`)).arrayBuffer());
      bodies.push(body);
      bytes += body.length;
    }
    const putStarted = performance.now();
    for (const [n, key] of keys.entries()) {
      const answer = await aws.fetch(`${gateway.endpoint}/${BUCKET}/baseline/${encodeKey(key)}`, { method: 'PUT', body: bodies[n] as Uint8Array<ArrayBuffer> });
      if (!answer.ok) throw new Error(`baseline PUT ${key}: HTTP ${answer.status}`);
      await answer.arrayBuffer();
    }
    const putMs = performance.now() - putStarted;
    return {
      'locker.push.time': withBaseline(pushMs / 1000, putMs / 1000, 's'),
      'locker.push.throughput': withBaseline(bytes / 1e6 / (pushMs / 1000), bytes / 1e6 / (putMs / 1000), 'MB/s'),
      'locker.push.per-capture': { value: round(pushMs / ids.length), unit: 'ms' },
      'locker.push.objects': { value: keys.length, unit: 'count' },
      'locker.push.size': { value: round(bytes / 1e6), unit: 'MB' },
      'locker.push.peak-rss.browser-total': withBaseline(peak.total, idle.total, 'MB'),
      'locker.push.peak-rss.largest-process': withBaseline(peak.largest, idle.largest, 'MB'),
    };
  } finally {
    await gateway.stop();
  }
}
