// End to end, in Debian's Chromium with the built extension: "Preserve profile" from the popup on the real saved X
// profile page of @Kikobeats served under https://x.com/Kikobeats (scripts stripped; the media CDN answers with
// generated images), a capture of kind profile with its fields, avatar and banner at full resolution, exported and
// verified with stock tools and the CLI; the real Telegram forwarded message preserved with its forward link; the
// capture detail's links and profile fields, with axe finding nothing, in English and Arabic.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../utils/model';
import { fixturePage, hasFixturePages } from './fixtures';
import { axeViolations } from './support/axe';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { cliVerify, opensslVerify, sha256sumCheck, unzipBundle } from './support/bundle-tools';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, stripScripts, type FixtureServer } from './support/fixture-server';
import { recordFromStore } from './support/store-reader';
import { frontTabId, preserveFirstPost } from './support/tabs';

const PROFILE_URL = 'https://x.com/Kikobeats';
const PROFILE_FILE = 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html';
const AVATAR = 'https://pbs.twimg.com/profile_images/2000931726244106244/Ty7-KT2j.jpg';
const BANNER = 'https://pbs.twimg.com/profile_banners/101198215/1642178805';
const FORWARDED_URL = 'https://t.me/s/oper_goblin/22358';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!hasFixturePages).each(['en', 'ar'] as const)('profiles and linked posts (%s)', (lang) => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let extensionCopy = '';
  const work: string[] = [];
  let profileId = '';
  let forwardId = '';

  beforeAll(async () => {
    extensionCopy = extensionWithScreenshotsGranted(buildExtensionOnce());
    // The profile page is served at its real address (no adapter fixture declares it), scripts stripped as for every page.
    const profilePage = stripScripts(readFileSync(fixturePage('x', PROFILE_FILE), 'utf8'));
    server = await startFixtureServer([
      { host: 'x.com', path: '/Kikobeats', respond: { headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: profilePage } },
    ]);
    browser = await launchWithExtension({ extensionDir: extensionCopy, port: server.port, args: [`--lang=${lang}`], env: { LANGUAGE: lang } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (extensionCopy) rmSync(join(extensionCopy, '..'), { recursive: true, force: true });
    for (const path of work) rmSync(path, { recursive: true, force: true });
  });

  it('offers "Preserve profile" in the popup on the profile page and keeps the header as a capture of kind profile', async () => {
    const page = await browser.context.newPage();
    await page.goto(PROFILE_URL);
    await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBe(3);
    const tabId = await frontTabId(browser);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    const button = popup.getByTestId('preserve-profile');
    await button.waitFor();
    expect(await popup.locator('#preserve-profile-why').innerText()).toContain('@Kikobeats');
    expect(await axeViolations(popup)).toEqual([]);
    // The page must be the visible tab while its screenshot is taken; the popup (opened as a page) is clicked behind it.
    await page.bringToFront();
    await button.click();
    const status = popup.getByTestId('preserve-profile-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toMatch(/saved|error/);
    expect(await status.getAttribute('data-state'), await status.innerText()).toBe('saved');
    profileId = (await status.getAttribute('data-capture-id'))!;
    await popup.close();
    await page.close();

    const record = await recordFromStore(browser, profileId);
    expect(record.page.url).toBe(PROFILE_URL);
    expect(record.post).toMatchObject({
      platform: 'x',
      kind: 'profile',
      url: PROFILE_URL,
      author: { name: 'Kiko Beats', handle: 'Kikobeats', id: '101198215', url: PROFILE_URL },
      profile: {
        counts: { Following: '406', Followers: '3,893', posts: '23.9K' },
        joined: 'Joined January 2010',
        avatarUrl: AVATAR,
        bannerUrl: BANNER,
        location: 'PORT_ALREADY_USED',
        website: 'kikobeats.com',
      },
    });
    // Avatar and banner fetched at full resolution from the media CDN, with the header's snapshot and screenshot.
    const media = record.artifacts.filter((a) => a.role === 'media');
    expect(media.map((a) => a.sourceUrl).sort()).toEqual([AVATAR, BANNER].sort());
    expect(media.every((a) => a.httpStatus === 200 && a.bytes > 0)).toBe(true);
    expect(record.artifacts.map((a) => a.role)).toEqual(expect.arrayContaining(['dom-snapshot', 'screenshot']));
    expect(record.missing.filter((m) => m.role !== 'second-witness')).toEqual([]);
    expect(server.requests.some((r) => r.host === 'pbs.twimg.com' && r.path === '/profile_banners/101198215/1642178805')).toBe(true);
  }, 120_000);

  it('preserves the Telegram channel header of t.me/s/ClashReport as a profile from the popup', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://t.me/s/ClashReport');
    await expect.poll(() => page.getByTestId('postproof-preserve').count()).toBe(17);
    const tabId = await frontTabId(browser);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.getByTestId('preserve-profile').waitFor();
    await page.bringToFront();
    await popup.getByTestId('preserve-profile').click();
    const status = popup.getByTestId('preserve-profile-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toMatch(/saved|error/);
    expect(await status.getAttribute('data-state'), await status.innerText()).toBe('saved');
    const id = (await status.getAttribute('data-capture-id'))!;
    await popup.close();
    await page.close();
    const record = await recordFromStore(browser, id);
    expect(record.post).toMatchObject({
      platform: 'telegram',
      kind: 'profile',
      url: 'https://t.me/ClashReport',
      author: { name: 'Clash Report', handle: 'ClashReport' },
      profile: { counts: { subscribers: '110K', photos: '38.4K', videos: '34.6K', files: '26', links: '2.65K' } },
    });
    const avatar = record.artifacts.filter((a) => a.role === 'media');
    expect(avatar).toHaveLength(1);
    expect(avatar[0]!.sourceUrl).toMatch(/^https:\/\/cdn4\.telesco\.pe\/file\//);
  }, 120_000);

  it('preserves the real Telegram forwarded message with its forward link', async () => {
    const page = await browser.context.newPage();
    await page.goto(FORWARDED_URL);
    forwardId = await preserveFirstPost(page, 60_000);
    await page.close();
    const record: CaptureRecord = await recordFromStore(browser, forwardId);
    expect(record.post.links).toEqual([
      { kind: 'forward', platform: 'telegram', id: '44604', url: 'https://t.me/dimsmirnov175/44604', author: { name: 'Пул N3', handle: 'dimsmirnov175', url: 'https://t.me/dimsmirnov175' } },
    ]);
  }, 120_000);

  it('shows the links and the profile fields in the capture detail, axe finding nothing', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.locator('[data-testid="capture-row"]').nth(2).waitFor();
    // Newest first: the forwarded message, the Telegram channel, then the X profile.
    await dashboard.locator('.virtual-row').first().focus();
    await dashboard.keyboard.press('Enter');
    await expect.poll(() => dashboard.getByTestId('capture-detail').getAttribute('data-capture-id')).toBe(forwardId);
    const link = dashboard.getByTestId('link-item');
    await link.waitFor();
    expect(await link.getAttribute('data-kind')).toBe('forward');
    expect(await link.innerText()).toContain('https://t.me/dimsmirnov175/44604');
    await dashboard.getByTestId('link-preserve').waitFor();
    // The author has no profile capture yet: offered.
    await dashboard.getByTestId('profile-offer').waitFor();
    expect(await axeViolations(dashboard)).toEqual([]);

    await dashboard.getByTestId('detail-next').click();
    await dashboard.getByTestId('detail-next').click();
    await expect.poll(() => dashboard.getByTestId('capture-detail').getAttribute('data-capture-id')).toBe(profileId);
    const fields = dashboard.getByTestId('profile-fields');
    await fields.waitFor();
    expect(await fields.innerText()).toContain('3,893');
    expect(await fields.innerText()).toContain('101198215');
    expect(await dashboard.getByTestId('profile-offer').count()).toBe(0);
    expect(await axeViolations(dashboard)).toEqual([]);
    await dashboard.close();
  }, 120_000);

  it('exports the profile capture in a bundle that verifies intact with stock tools and the CLI', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${profileId}"] [data-testid="capture-select"]`).check();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
    const dir = unzipBundle(await (async () => {
      const file = join(extensionCopy, '..', `profile-${lang}.zip`);
      await download.saveAs(file);
      return file;
    })());
    work.push(dir);
    await dashboard.close();
    expect(sha256sumCheck(dir).status).toBe(0);
    expect(opensslVerify(dir, `captures/${profileId}/capture.json`).status).toBe(0);
    const record = JSON.parse(readFileSync(join(dir, 'captures', profileId, 'capture.json'), 'utf8')) as CaptureRecord;
    expect(record.post.kind).toBe('profile');
    expect(record.post.profile?.bannerUrl).toBe(BANNER);
    for (const artifact of record.artifacts) {
      expect(sha256(readFileSync(join(dir, 'captures', profileId, artifact.path))), artifact.path).toBe(artifact.sha256);
    }
    const cli = cliVerify(join(extensionCopy, '..', `profile-${lang}.zip`));
    expect(cli.status, cli.output).toBe(0);
  }, 120_000);
});
