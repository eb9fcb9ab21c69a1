// The list benchmark: BENCH_LIST_N (1,000) URLs served locally – the real Telegram channel page under each URL, its
// first message given that URL's id, so each URL is a different real-markup post – captured from the dashboard's list
// at the batch pace set to 0 (the machinery's own speed). Figures: captures per minute over the whole list, the
// same for the last 100 URLs against the first 100 (the baseline, from the same run: no slowdown as the store grows),
// and the browser's memory (the sum of its processes' RSS) at the start, its peak and at the end.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension } from '../support/browser';
import { extensionWithScreenshotsGranted } from '../support/extension-variants';
import { startFixtureServer } from '../support/fixture-server';
import { numberedTelegramRoute, TELEGRAM_CHANNEL } from '../support/list-corpus';

export interface ListBenchFigure {
  value: number;
  unit: 'ms' | 's' | 'MB' | 'count';
  baseline?: number;
  ratio?: number;
}

const FIRST_ID = 3_000_000;
const round = (n: number) => Math.round(n * 100) / 100;

interface ItemTimes {
  index: number;
  outcome: string;
  startedAt?: string;
  finishedAt?: string;
}

/** Captures per minute over items [from, to): their count over the time from the first's start to the last's end. */
function perMinute(items: ItemTimes[], from: number, to: number): number {
  const part = items.slice(from, to);
  const start = Math.min(...part.map((i) => Date.parse(i.startedAt ?? i.finishedAt!)));
  const end = Math.max(...part.map((i) => Date.parse(i.finishedAt!)));
  return part.filter((i) => i.outcome === 'saved').length / ((end - start) / 60_000);
}

export async function benchList(built: string, browserRssMb: (profileDir: string) => number): Promise<Record<string, ListBenchFigure>> {
  const total = Number(process.env.BENCH_LIST_N ?? 1000);
  const concurrency = Number(process.env.BENCH_LIST_CONCURRENCY ?? 3);
  const extension = extensionWithScreenshotsGranted(built);
  const server = await startFixtureServer([numberedTelegramRoute(FIRST_ID)]);
  const browser = await launchWithExtension({ extensionDir: extension, port: server.port });
  try {
    await browser.serviceWorker.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ batchPaceMs: [0, 0] });
    });
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    const urls = Array.from({ length: total }, (_, i) => `https://t.me/s/${TELEGRAM_CHANNEL}/${FIRST_ID + i}`);
    await dashboard.getByTestId('url-list-input').fill(urls.join('\n'));
    await dashboard.getByTestId('url-list-concurrency').selectOption(String(concurrency));
    const samples: number[] = [browserRssMb(browser.profileDir)];
    const sampler = setInterval(() => samples.push(browserRssMb(browser.profileDir)), 1_000);
    const started = performance.now();
    console.log(`list of ${total} URLs, ${concurrency} tab(s) at once, pace 0…`);
    await dashboard.getByTestId('url-list-start').click();
    let last = -1;
    for (;;) {
      const status = await dashboard.getByTestId('url-list-run').getAttribute('data-status').catch(() => null);
      const done = Number((await dashboard.getByTestId('url-list-progress').getAttribute('aria-valuenow').catch(() => '0')) ?? 0);
      if (done !== last && done % 10 === 0) console.log(`  ${done}% after ${Math.round((performance.now() - started) / 1000)} s`);
      last = done;
      if (status === 'done' || status === 'cancelled') break;
      if (performance.now() - started > 3_600_000) throw new Error('The list benchmark did not finish within an hour.');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    clearInterval(sampler);
    samples.push(browserRssMb(browser.profileDir));
    const seconds = (performance.now() - started) / 1000;
    const items = await dashboard.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<ItemTimes[]>((resolve, reject) => {
        const request = db.transaction('listItems').objectStore('listItems').getAll();
        request.onsuccess = () => resolve(request.result as ItemTimes[]);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return rows.map((r) => ({ index: r.index, outcome: r.outcome, startedAt: r.startedAt, finishedAt: r.finishedAt }));
    });
    items.sort((a, b) => a.index - b.index);
    const saved = items.filter((i) => i.outcome === 'saved').length;
    const others = items.filter((i) => i.outcome !== 'saved').map((i) => `${i.index}:${i.outcome}`);
    if (others.length) console.log(`  not saved: ${others.slice(0, 20).join(', ')}${others.length > 20 ? '…' : ''}`);
    const window = Math.min(100, Math.floor(total / 2));
    const firstRate = perMinute(items, 0, window);
    const lastRate = perMinute(items, total - window, total);
    const peak = Math.max(...samples);
    return {
      'list.captures-saved': { value: saved, unit: 'count', baseline: total },
      'list.time': { value: round(seconds), unit: 's' },
      'list.captures-per-minute': { value: round((saved / seconds) * 60), unit: 'count' },
      // Baseline: the first URLs of the same list; a ratio under 1 would be a slowdown as the list goes on.
      'list.last-100-vs-first-100.per-minute': { value: round(lastRate), unit: 'count', baseline: round(firstRate), ratio: round(lastRate / firstRate) },
      'list.browser-rss.start': { value: round(samples[0]!), unit: 'MB' },
      'list.browser-rss.peak': { value: round(peak), unit: 'MB', baseline: round(samples[0]!), ratio: round(peak / samples[0]!) },
      'list.browser-rss.end': { value: round(samples[samples.length - 1]!), unit: 'MB', baseline: round(samples[0]!), ratio: round(samples[samples.length - 1]! / samples[0]!) },
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(join(extension, '..'), { recursive: true, force: true });
  }
}
