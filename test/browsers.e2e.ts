// The flows a user goes through, written once and run in both browsers (test/support/driver): Debian's Chromium
// through Playwright and Debian's Firefox ESR through puppeteer-core over WebDriver BiDi, each with the extension as
// built for it. Real saved pages under their real URLs; trusted time from a real `openssl ts -reply` authority; every
// exported bundle checked by the CLI and by the stock-tool recipe; verify.html shown a good and a tampered bundle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesOf } from '../utils/platforms/all.fixtures';
import type { PlatformName } from '../utils/model';
import { GUIDE_ARCHIVE_NAME } from '../utils/formats/wacz/verify-guide';
import { hasFixturePages, repoRoot } from './fixtures';
import { changeOneTextLetter, rezipWith, run, unzipBundle } from './support/bundle-tools';
import { BROWSERS, hasBrowser, launchBrowser, type TestBrowser } from './support/driver/index';
import { hasFirefoxArabic } from './support/driver/firefox';
import { PRESERVE, preserveFirst, startBatchOn, turnTrustedTimeOn, until } from './support/driver/flows';
import { setLocalSettings, storedRecord, storedRecords } from './support/driver/store';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { timelinePostIds, timelineRoute, timelineUrl } from './support/timeline';
import { createTestTsa, E2E_TSA_HOST, tsaRoute, type TestTsa } from './support/tsa';
import { runVerifyGuide } from './support/verify-guide-runner';

const PLATFORMS: PlatformName[] = ['x', 'bluesky', 'telegram', 'reddit'];
const TIMELINE_POSTS = 6;

const platformCases = PLATFORMS.map((platform) => {
  const fixture = fixturesOf(platform).find((f) => f.posts > 0 && f.expected && !f.folder.startsWith('local:'));
  if (!fixture) throw new Error(`no real saved page with posts for ${platform}`);
  return { platform, fixture };
});

for (const name of BROWSERS) {
  describe.skipIf(!hasFixturePages || !hasBrowser(name))(`${name}: preserve, stamp, batch, export, verify`, () => {
    let server: FixtureServer;
    let tsa: TestTsa;
    let browser: TestBrowser;
    let work: string;
    let fingerprint = '';
    const captured: string[] = [];
    const bundles: Partial<Record<'zip' | 'wacz', string>> = {};

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), `postproof-${name}-`));
      tsa = createTestTsa(`PostProof ${name} TSA`);
      server = await startFixtureServer([tsaRoute(tsa), timelineRoute(TIMELINE_POSTS, 3)]);
      const t0 = Date.now();
      browser = await launchBrowser(name, { port: server.port, grantedHosts: ['<all_urls>'] });
      console.log(`[${name}] launched with the extension in ${Date.now() - t0} ms`);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      tsa?.remove();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('turns trusted time on and names the collector in the options page, sending nothing until then', async () => {
      fingerprint = await turnTrustedTimeOn(browser, 'Dana Reporter');
      expect(server.requests.filter((r) => r.host === E2E_TSA_HOST)).toEqual([]);
    });

    for (const { platform, fixture } of platformCases) {
      it(`preserves a post on ${platform} (${fixture.file}) with its fields, screenshot and trusted time`, async () => {
        const page = await browser.open(fixture.url);
        try {
          expect(await until('the controls', () => page.count(PRESERVE), (n) => n >= fixture.posts)).toBe(fixture.posts);
          const id = await preserveFirst(page);
          captured.push(id);
          const record = await storedRecord(browser, id);
          const gaps = Object.keys(fixture.knownGaps ?? {});
          const known = (post: object) => Object.fromEntries(Object.entries(post).filter(([field]) => !gaps.includes(field)));
          expect(known(record.post)).toEqual(known(fixture.expected!));
          expect(record.page.url).toBe(fixture.url);
          expect(record.artifacts.map((a) => a.role)).toEqual(expect.arrayContaining(['dom-snapshot', 'screenshot']));
          expect(record.collector?.name).toBe('Dana Reporter');
        } finally {
          await page.close();
        }
      });
    }

    it('shows each capture timestamped by the loopback authority in the popup', async () => {
      const popup = await browser.openExtension('popup.html');
      try {
        for (const id of captured) {
          const state = `[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="stamp-state"]`;
          await until(`the stamp of ${id}`, async () => {
            await popup.reload();
            return popup.attribute(state, 'data-state');
          }, (s) => s === 'stamped', 45_000);
          expect(await popup.text(state)).toContain(`Timestamped by ${E2E_TSA_HOST}`);
        }
      } finally {
        await popup.close();
      }
      expect(server.requests.filter((r) => r.host === E2E_TSA_HOST && r.status === 200).length).toBe(captured.length);
    });

    it('preserves every post of a scrolling timeline from the popup, once each', async () => {
      await setLocalSettings(browser, { batchPaceMs: [20, 60] });
      const before = new Set((await storedRecords(browser)).keys());
      const { timeline, popup } = await startBatchOn(browser, timelineUrl(TIMELINE_POSTS));
      try {
        await popup.close();
        await until('the batch', () => timeline.attribute('postproof-batch', 'data-status'), (s) => s === 'done', 90_000);
      } finally {
        await timeline.close();
      }
      const fresh = [...(await storedRecords(browser)).values()].filter((r) => !before.has(r.id));
      expect(fresh.map((r) => r.post.id).sort()).toEqual([...timelinePostIds(TIMELINE_POSTS)].sort());
      for (const record of fresh) expect(record.artifacts.some((a) => a.role === 'screenshot')).toBe(true);
      captured.push(...fresh.map((r) => r.id));
    });

    for (const format of ['zip', 'wacz'] as const) {
      it(`exports every capture as a ${format.toUpperCase()} from the dashboard; the CLI and the stock recipe verify it`, async () => {
        const dashboard = await browser.openExtension('dashboard.html');
        try {
          await until('the dashboard rows', () => dashboard.count('[data-testid="capture-row"]'), (n) => n === captured.length);
          await dashboard.check('[data-testid="select-all"]');
          await dashboard.select('[data-testid="export-format"]', format);
          const file = await dashboard.download(() => dashboard.click('[data-testid="export-selected"]'), 120_000);
          expect(file.name).toMatch(format === 'zip' ? /\.zip$/ : /\.wacz$/);
          bundles[format] = join(work, file.name);
          writeFileSync(bundles[format], readFileSync(file.path));
        } finally {
          await dashboard.close();
        }
        const cli = run(process.execPath, [join(repoRoot, 'bin', 'postproof.mjs'), 'verify', bundles[format], '--expect-key', fingerprint, '--tsa-ca', tsa.caFile]);
        expect(cli.status, cli.output).toBe(0);
        if (format === 'zip') {
          const trusted = join(work, 'trusted.txt');
          writeFileSync(trusted, `${fingerprint}\n`);
          const stock = spawnSync('bash', [join(repoRoot, 'test/support/stock-recipe.sh'), bundles.zip!, trusted, tsa.caFile], { encoding: 'utf8', timeout: 120_000 });
          expect(stock.status, `${stock.stdout}${stock.stderr}`).toBe(0);
          const dir = unzipBundle(bundles.zip!);
          const ids = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').match(/captures\/([^/]+)\/capture\.json$/gm) ?? [];
          rmSync(dir, { recursive: true, force: true });
          expect(ids.length).toBe(captured.length);
        } else {
          const dir = unzipBundle(bundles.wacz!);
          const guide = readFileSync(join(dir, 'VERIFY.txt'), 'utf8');
          rmSync(dir, { recursive: true, force: true });
          const recipe = runVerifyGuide(bundles.wacz!, guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME);
          expect(recipe.ok, JSON.stringify(recipe.failed)).toBe(true);
        }
      });
    }

    it('verify.html: the exported bundle is intact; a copy with one letter of a post changed is not', async () => {
      const dir = unzipBundle(bundles.zip!);
      const first = captured[0]!;
      const tampered = rezipWith(dir, (copy) => changeOneTextLetter(join(copy, 'captures', first, 'capture.json')));
      rmSync(dir, { recursive: true, force: true });
      const verify = await browser.openExtension('verify.html');
      try {
        const verdictOf = async (file: string) => {
          await verify.reload();
          await verify.setFiles('[data-testid="verify-input"]', [file]);
          return until('the verdict', () => verify.attribute('[data-testid="verify-result"]', 'data-verdict'), (v) => v === 'valid' || v === 'invalid', 60_000);
        };
        expect(await verdictOf(bundles.zip!)).toBe('valid');
        expect(await verdictOf(tampered)).toBe('invalid');
        expect(await verify.text('[data-testid="verify-result"]')).toContain(`captures/${first}/capture.json`);
      } finally {
        await verify.close();
        rmSync(tampered.replace(/\.zip$/, ''), { recursive: true, force: true });
        rmSync(tampered, { force: true });
      }
    });
  });
}

const arabic = JSON.parse(readFileSync(join(repoRoot, 'public', '_locales', 'ar', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const ar = (key: string) => {
  const message = arabic[key]?.message;
  if (!message) throw new Error(`no Arabic message ${key}`);
  return message;
};

for (const name of BROWSERS) {
  const arabicMissing = name === 'firefox' && !hasFirefoxArabic;
  describe.skipIf(!hasFixturePages || !hasBrowser(name) || arabicMissing)(`${name}: the Arabic interface`, () => {
    let server: FixtureServer;
    let browser: TestBrowser;

    beforeAll(async () => {
      server = await startFixtureServer();
      browser = await launchBrowser(name, { port: server.port, grantedHosts: ['<all_urls>'], language: 'ar' });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const pages = [
      ['popup.html', 'popup_empty'],
      ['sidepanel.html', 'recent_captures'],
      ['dashboard.html', 'dashboard_title'],
      ['options.html', 'options_title'],
      ['verify.html', 'verify_title'],
    ] as const;
    for (const [path, key] of pages) {
      it(`${path} is in Arabic, right to left`, async () => {
        const page = await browser.openExtension(path);
        try {
          const shown = await until(`${path} rendered`, () => page.evaluate(() => ({
            dir: document.documentElement.dir,
            lang: document.documentElement.lang,
            text: document.body.innerText,
          }), null), (s) => s.text.includes(ar(key)), 15_000);
          expect(shown.dir).toBe('rtl');
          expect(shown.lang).toMatch(/^ar/);
          expect(shown.text).toContain(ar(key));
        } finally {
          await page.close();
        }
      });
    }

    it('labels the in-page control in Arabic (its own lang and direction on a left-to-right page) and preserves', async () => {
      const fixture = platformCases[0]!.fixture;
      const page = await browser.open(fixture.url);
      try {
        await until('the control', () => page.count(PRESERVE), (n) => n > 0);
        expect(await page.text(PRESERVE)).toBe(ar('control_preserve'));
        expect(await page.attribute(PRESERVE, 'lang')).toBe('ar');
        expect(await page.attribute(PRESERVE, 'dir')).toBe('rtl');
        const id = await preserveFirst(page);
        expect(await page.text(PRESERVE)).toBe(ar('control_saved'));
        expect((await storedRecord(browser, id)).post.url).toBe(fixture.expected!.url);
      } finally {
        await page.close();
      }
    });
  });
}
