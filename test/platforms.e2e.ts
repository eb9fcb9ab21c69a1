// Every platform adapter, end to end: its first fixture page with posts, served under its real URL in Chromium with
// the extension loaded, gets one control per post, and a capture of the focal post records the declared fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allAdapters } from '../utils/platforms/index';
import { fixturesOf } from '../utils/platforms/all.fixtures';
import { hasFixturePages } from './fixtures';
import type { LaunchedBrowser } from './support/browser';
import { launchWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { recordFromStore } from './support/store-reader';

const cases = allAdapters().flatMap((adapter) => {
  const fixture = fixturesOf(adapter.name).find((f) => f.posts > 0 && f.expected && !f.folder.startsWith('local:'));
  return fixture ? [{ adapter, fixture }] : [];
});

describe.skipIf(!hasFixturePages)('each platform, in Chromium, on a real page under its real URL', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithScreenshotsGranted(server.port);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { adapter, fixture } of cases) {
    it(`${adapter.name}: ${fixture.file}`, async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(fixture.url);
        const controls = page.getByTestId('postproof-preserve');
        await expect.poll(() => controls.count()).toBe(fixture.posts);
        const first = controls.first();
        await first.scrollIntoViewIfNeeded();
        // Enter on the focused button, not a pointer click: on saved Bluesky pages the app's stylesheet is missing, so
        // a reply image overlays the thread and would take the click. Not a DOM click either: the control answers
        // trusted input only (a page's own click() starts nothing), and Enter on a button is a trusted click.
        await first.press('Enter');
        await expect.poll(() => first.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/saved|error/);
        expect(await first.getAttribute('title')).not.toMatch(/did not complete|could not be saved/);
        const id = await first.getAttribute('data-capture-id');
        expect(id).toBeTruthy();
        const record = await recordFromStore(browser, id!);
        const gaps = Object.keys(fixture.knownGaps ?? {});
        const expected = Object.fromEntries(Object.entries(fixture.expected!).filter(([field]) => !gaps.includes(field)));
        const actual = Object.fromEntries(Object.entries(record.post).filter(([field]) => !gaps.includes(field)));
        expect(actual).toEqual(expected);
        expect(record.artifacts.some((a) => a.role === 'dom-snapshot')).toBe(true);
        expect(record.artifacts.some((a) => a.role === 'screenshot')).toBe(true);
      } finally {
        await page.close();
      }
    });
  }
});
