// The second witness's cost at capture: click-to-saved latency of the same post with the witness off and on,
// alternating capture by capture in one browser, so both see the same machine load. The platform's endpoints are
// the fixture server's (test/support/witness-routes.ts), answering at once: what is measured is PostProof's own work
// (asking, keeping, hashing, comparing, the larger commit), not a platform's network time, which runs in parallel with
// the media download.
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from '../support/browser';
import type { FixtureServer } from '../support/fixture-server';
import { witnessRoutes } from '../support/witness-routes';
import { xFixtures as adapterXFixtures } from '../../utils/platforms/x.fixtures';

export interface WitnessLatency {
  off: number[];
  on: number[];
  /** The last capture made with the witness on: checked to hold a corroboration block, so the figure is what it says. */
  lastOnId?: string;
}

/** Turns the witness setting on or off in the store the worker reads at each capture. */
async function setWitness(browser: LaunchedBrowser, on: boolean): Promise<void> {
  await browser.serviceWorker.evaluate(async (enabled) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('postproof');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = () => db.transaction('settings', 'readwrite').objectStore('settings');
    const current = await new Promise<Record<string, unknown> | undefined>((resolve) => {
      const request = store().get('settings');
      request.onsuccess = () => resolve(request.result as Record<string, unknown> | undefined);
    });
    await new Promise<void>((resolve, reject) => {
      const request = store().put({ timestamping: { enabled: false, presets: [] }, ...current, witness: enabled }, 'settings');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    db.close();
  }, on);
}

async function clickToSaved(page: Page, previous: string | null): Promise<{ ms: number; id: string | null }> {
  const button = page.getByTestId('postproof-preserve').first();
  const started = performance.now();
  await button.click();
  await page.waitForFunction(
    (before) => {
      const b = document.querySelector('postproof-control')?.shadowRoot?.querySelector('button');
      return b?.dataset.state === 'saved' && b.dataset.captureId !== before;
    },
    previous,
    { polling: 'raf', timeout: 30_000 },
  );
  return { ms: performance.now() - started, id: await button.getAttribute('data-capture-id') };
}

export async function benchWitnessLatency(browser: LaunchedBrowser, server: FixtureServer, pairs: number): Promise<WitnessLatency> {
  const fixture = adapterXFixtures.find((f) => f.expected && f.posts > 0 && !f.folder.startsWith('local:'))!;
  server.use(...witnessRoutes(fixture));
  const page = await browser.context.newPage();
  await page.goto(fixture.url);
  await page.getByTestId('postproof-preserve').first().waitFor();
  const latency: WitnessLatency = { off: [], on: [] };
  let previous: string | null = null;
  try {
    for (let i = 0; i < pairs; i++) {
      // Alternate which goes first, so neither always follows the other's commit.
      for (const on of i % 2 ? [true, false] : [false, true]) {
        await setWitness(browser, on);
        const run = await clickToSaved(page, previous);
        previous = run.id;
        (on ? latency.on : latency.off).push(run.ms);
        if (on && run.id) latency.lastOnId = run.id;
      }
    }
  } finally {
    await setWitness(browser, false);
    await page.close();
    server.resetRoutes();
  }
  return latency;
}
