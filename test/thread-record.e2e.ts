// End to end, in Debian's Chromium with the built extension, in English and in Arabic: a thread kept in the extension's
// own store by the real capture and thread code (the last step of "Preserve thread", seeded in an extension page as
// the page side's e2e will make one from a real thread page), then the dashboard: the capture detail says "member n
// of m" with the counts in the platform's words, axe finds nothing, "select this thread's captures" ticks them, and
// the exported bundle holds the signed thread record that the CLI, openssl and sha256sum accept.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { cliVerify, flipOneByte, opensslVerify, rezipWith, sha256sumCheck, unzipBundle } from './support/bundle-tools';
import { seedThread } from './support/thread-seeder';
import { readThreadFromBundle } from './support/threads';
import { startLocalHttp, type LocalHttpServer } from './support/local-http';
import { execFileSync } from 'node:child_process';
import { repoRoot } from './fixtures';

describe.each(['en', 'ar'] as const)('a preserved thread in the dashboard and the bundle (%s)', (lang) => {
  let browser: LaunchedBrowser;
  let server: LocalHttpServer;
  let page: Page;
  let seeded: { ids: string[]; threadId: string };
  let exported: { file: string; folder: string };
  const cleanup: string[] = [];

  beforeAll(async () => {
    // The CLI the test runs on the export (dist/cli), and a server every host name resolves to: nothing is fetched.
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: repoRoot, stdio: 'pipe' });
    server = await startLocalHttp((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    browser = await launchWithExtension({ extensionDir: buildExtensionOnce(), port: Number(new URL(server.base).port), args: [`--lang=${lang}`], env: { LANGUAGE: lang } });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(browser.extensionUrl('dashboard.html'));
    seeded = await seedThread(page, ['p0', 'r1', 'r2', 'r3'], 57);
    await page.reload();
    await page.locator('[data-testid="capture-row"]').nth(3).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('the built background answers postproof/thread-save, and refuses it from anything but its content script in a web page', async () => {
    const reply = await page.evaluate(
      (ids) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          type: 'postproof/thread-save',
          platform: 'bluesky',
          page: { url: 'https://bsky.app/profile/someone.bsky.social/post/p0', title: 'Bluesky' },
          scope: { authorThread: true, replyLimit: 10 },
          members: ids.map((captureId, n) => ({ role: n === 0 ? 'focal' : 'reply', captureId })),
          counts: { repliesCounted: null, repliesShown: 3, repliesCaptured: 3, authorPostsShown: 1, authorPostsCaptured: 1 },
          failed: [],
        }),
      seeded.ids,
    );
    expect(reply).toEqual({ ok: false, message: 'PostProof keeps threads only from its own content script in a web page.' });
  });

  it('shows the thread in a member capture’s detail, with no axe violation', async () => {
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await page.locator(`[data-testid="capture-row"][data-capture-id="${seeded.ids[2]}"] [data-testid="open-detail"]`).click();
    const entry = page.getByTestId('thread-membership');
    await entry.waitFor();
    expect(await entry.getAttribute('data-thread-id')).toBe(seeded.threadId);
    expect(await entry.getAttribute('data-position')).toBe('3');
    expect(await entry.getAttribute('data-members')).toBe('4');
    const counts = (await page.getByTestId('thread-counts').textContent()) ?? '';
    for (const n of ['57', '3']) expect(counts).toContain(n);
    if (lang === 'en') expect(counts).toBe('Replies the platform counts: 57; shown on the page: 3; captured: 3.');
    else expect(counts).toContain('الردود التي تعدّها المنصة');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('ticks the thread’s captures, and their export holds the signed thread record, which stock tools and the CLI accept', async () => {
    await page.getByTestId('thread-select-members').click();
    await expect.poll(() => page.getByTestId('thread-selected').textContent()).not.toBe('');
    await page.getByTestId('detail-close').click();
    for (const id of seeded.ids) expect(await page.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="capture-select"]`).isChecked()).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'postproof-thread-e2e-'));
    cleanup.push(dir);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected').click()]);
    const file = join(dir, 'thread.zip');
    await download.saveAs(file);
    const [thread] = await readThreadFromBundle(new Uint8Array(readFileSync(file)));
    expect(thread).toMatchObject({ id: seeded.threadId, signatureOk: true, membersOk: true });
    expect(thread!.record.members.map((m) => m.captureId)).toEqual(seeded.ids);
    expect(thread!.record.counts).toEqual({ repliesCounted: 57, repliesShown: 3, repliesCaptured: 3, authorPostsShown: 1, authorPostsCaptured: 1 });
    const cli = cliVerify(file);
    expect(cli.status, cli.output).toBe(0);
    const folder = unzipBundle(file);
    cleanup.push(folder);
    expect(opensslVerify(folder, `threads/${seeded.threadId}/thread.json`).output).toContain('Verified OK');
    expect(sha256sumCheck(folder).status).toBe(0);
    const report = readFileSync(join(folder, 'report.html'), 'utf8');
    expect(report).toContain('Replies the platform counts: 57; shown on the page: 3; captured: 3.');
    exported = { file, folder };
  });

  it('verify.html accepts the bundle with its thread, and names thread.json when one byte of it changed', async () => {
    const verifyPage = await browser.context.newPage();
    await verifyPage.goto(browser.extensionUrl('verify.html'));
    const verdictOf = async (file: string) => {
      await verifyPage.getByTestId('verify-input').setInputFiles(file);
      await expect.poll(() => verifyPage.getByTestId('verify-result').getAttribute('data-verdict', { timeout: 1_000 }).catch(() => null), { timeout: 60_000 }).not.toBeNull();
      return verifyPage.getByTestId('verify-result').getAttribute('data-verdict');
    };
    const threadFile = `threads/${seeded.threadId}/thread.json`;
    expect(await verdictOf(exported.file)).toBe('valid');
    expect(await verifyPage.locator(`[data-testid="verify-check"][data-check="thread"][data-ok="true"][data-file="${threadFile}"]`).count()).toBe(1);
    const tampered = rezipWith(exported.folder, (copy) => flipOneByte(join(copy, threadFile)));
    cleanup.push(tampered.replace(/\.zip$/, ''), tampered);
    await verifyPage.reload();
    expect(await verdictOf(tampered)).toBe('invalid');
    expect(await verifyPage.locator(`[data-testid="verify-check"][data-check="thread"][data-ok="false"][data-file^="${threadFile}"]`).count()).toBeGreaterThan(0);
    expect(cliVerify(tampered).status).toBe(1);
    await verifyPage.close();
  });
});
