// End to end, in Debian's Chromium with the built extension, against a real single-node Ceph cluster (its S3
// gateway, radosgw, on loopback; scripts/ceph-s3.sh): the team's evidence locker. Posts are preserved on real saved
// pages, pushed under Object Lock, and checked with an independent S3 client (curl --aws-sigv4) and the stock tools;
// a push is cut in the middle of a multipart upload (gateway and worker stopped) and finishes after; a second
// install reads the captures back, verified, and refuses one written over behind PostProof's back.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFixturePages, repoRoot } from './fixtures';
import { exportAllAndVerify } from './support/bundle-tools';
import { makeCaptures, makeTestKey } from './support/bundle-captures';
import { writeBundle } from '../utils/formats/bundle/bundle-writer';
import { bytesSource } from '../utils/zip/source';
import { StrictZip } from '../utils/zip/strict-reader';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './support/browser';
import { extensionWithScreenshotsGranted } from './support/extension-variants';
import { startFixtureServer, syntheticImageFor, xFixtures, type FixtureServer } from './support/fixture-server';
import { startS3Gateway, type S3Gateway } from './support/s3-gateway';
import { startS3Proxy, type S3Proxy } from './support/s3-proxy';
import { startPresignService, type PresignService } from './support/presign-service';

const BUCKET = 'newsroom-evidence';
const PREFIX = 'team/aleppo';
const RETENTION_DAYS = 3;
/** The big capture's image: large enough for a multipart upload (16 MiB and up) in several 8 MiB parts. */
const BIG_MEDIA_BYTES = 24 * 1024 * 1024;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe.skipIf(!hasFixturePages)('the evidence locker: captures pushed under Object Lock to a real Ceph gateway, read back by the team', () => {
  let gateway: S3Gateway;
  let proxy: S3Proxy;
  let presign: PresignService;
  let server: FixtureServer;
  let first: LaunchedBrowser;
  let second: LaunchedBrowser | undefined;
  let bigMedia: Buffer | undefined;
  const work: string[] = [];
  const pushed: string[] = [];
  let bigId = '';
  let firstKeyId = '';

  beforeAll(async () => {
    gateway = await startS3Gateway();
    await gateway.createLockedBucket(BUCKET);
    proxy = await startS3Proxy(gateway.endpoint);
    // The second member holds no S3 key: the team's service presigns each request, for the proxy's address.
    presign = await startPresignService({ ...gateway, endpoint: proxy.endpoint }, { token: 'second-member', prefix: PREFIX });
    server = await startFixtureServer([
      {
        host: 'pbs.twimg.com',
        path: '/media/*',
        respond: ({ url }) => {
          const image = syntheticImageFor(url);
          return { headers: { 'content-type': image.contentType }, body: bigMedia ?? image.body };
        },
      },
    ]);
    const granted = extensionWithScreenshotsGranted(buildExtensionOnce());
    work.push(join(granted, '..'));
    first = await launchWithExtension({ extensionDir: granted, port: server.port });
    second = await launchWithExtension({ extensionDir: granted, port: server.port });
  }, 180_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.close();
    await presign?.close();
    await proxy?.close();
    await gateway?.stop();
    for (const path of work) rmSync(path, { recursive: true, force: true });
  }, 60_000);

  async function setUpLocker(browser: LaunchedBrowser, auth: 'key' | 'presign' = 'key'): Promise<Page> {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByTestId('locker-endpoint').fill(proxy.endpoint);
    await options.getByTestId('locker-region').fill(gateway.region);
    await options.getByTestId('locker-bucket').fill(BUCKET);
    await options.getByTestId('locker-prefix').fill(PREFIX);
    if (auth === 'key') {
      await options.getByTestId('locker-access-key').fill(gateway.accessKeyId);
      await options.getByTestId('locker-secret').fill(gateway.secretAccessKey);
    } else {
      await options.getByTestId('locker-auth').selectOption('presign');
      await options.getByTestId('locker-presign-url').fill(presign.url);
      await options.getByTestId('locker-presign-token').fill('second-member');
    }
    await options.getByTestId('locker-retention-days').fill(String(RETENTION_DAYS));
    await options.getByTestId('locker-save').click();
    await options.getByTestId('locker-test').click();
    const result = options.getByTestId('locker-test-result');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 60_000 }).toMatch(/^(true|false)$/);
    // The checks' own words, so a failure says which check and why.
    expect(`${await result.getAttribute('data-ok')}: ${await result.textContent()}`).toMatch(/^true: /);
    return options;
  }

  async function preserve(browser: LaunchedBrowser, url: string): Promise<string> {
    const page = await browser.context.newPage();
    try {
      await page.goto(url);
      const button = page.getByTestId('postproof-preserve').first();
      await expect.poll(() => button.getAttribute('data-state')).toBe('idle');
      await button.press('Enter');
      await expect.poll(() => button.getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
      return (await button.getAttribute('data-capture-id'))!;
    } finally {
      await page.close();
    }
  }

  async function pushFromDashboard(browser: LaunchedBrowser, ids: readonly string[]): Promise<Page> {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html'));
    for (const id of ids) await dashboard.locator(`[data-testid="capture-row"][data-capture-id="${id}"] [data-testid="capture-select"]`).check();
    await dashboard.getByTestId('locker-push').click();
    return dashboard;
  }

  const rowState = (dashboard: Page, id: string) => dashboard.locator(`[data-testid="capture-row"][data-capture-id="${id}"]`).getAttribute('data-locker-state');

  async function folderOf(id: string): Promise<string> {
    const keys = await gateway.admin.listObjects(BUCKET, `${PREFIX}/`);
    const key = keys.find((k) => k.includes(`/${id}/`));
    if (!key) throw new Error(`No object of capture ${id} in the locker.`);
    return key.slice(0, key.indexOf(`/${id}/`) + id.length + 2);
  }

  it('tests the connection (versioning, Object Lock, a test object that cannot be deleted) and saves the locker', async () => {
    const options = await setUpLocker(first);
    const checks = await options.getByTestId('locker-test-result').textContent();
    expect(checks).toMatch(/Object Lock/i);
    await options.close();
    const worker = first.serviceWorker;
    firstKeyId = await worker.evaluate(async () => {
      const request = indexedDB.open('postproof');
      const db = await new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
      const keys = await new Promise<{ keyId: string }[]>((resolve) => {
        const get = db.transaction('keys').objectStore('keys').getAll();
        get.onsuccess = () => resolve(get.result as { keyId: string }[]);
      });
      db.close();
      return keys[0]!.keyId;
    });
    expect(firstKeyId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pushes three captures of real saved pages: every object there with its bytes, locked, undeletable, and the stock tools verify the folder', async () => {
    for (const fixture of [xFixtures.text, xFixtures.linkcard, xFixtures.video]) pushed.push(await preserve(first, fixture.url));
    const dashboard = await pushFromDashboard(first, pushed);
    for (const id of pushed) await expect.poll(() => rowState(dashboard, id), { timeout: 90_000 }).toBe('locked');
    await dashboard.close();

    const versions = await gateway.admin.listVersions(BUCKET, `${PREFIX}/`);
    for (const id of pushed) {
      const folder = await folderOf(id);
      const mine = versions.filter((v) => v.key.startsWith(folder));
      expect(mine.length).toBeGreaterThan(8);
      // One version per key: nothing pushed twice.
      expect(new Set(mine.map((v) => v.key)).size).toBe(mine.length);
      const local = mkdtempSync(join(tmpdir(), 'postproof-locker-folder-'));
      work.push(local);
      for (const version of mine) {
        const head = await gateway.admin.headObject(BUCKET, version.key, version.versionId);
        expect(head.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
        const until = Date.parse(head.headers['x-amz-object-lock-retain-until-date']!);
        expect(until).toBeGreaterThan(Date.now() + (RETENTION_DAYS - 1) * 86_400_000);
        const object = await gateway.admin.getObject(BUCKET, version.key, version.versionId);
        expect(object.status).toBe(200);
        expect(sha256(object.body)).toBe(head.headers['x-amz-meta-sha256']);
        const file = join(local, version.key.slice(folder.length));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, object.body);
      }
      // The stock recipe's core on the folder as anyone would download it: the key, the signed list, every file.
      const fingerprint = execFileSync('bash', ['-c', 'openssl pkey -pubin -in signer.pem -outform DER | sha256sum | cut -d" " -f1'], { cwd: local }).toString().trim();
      expect(fingerprint).toBe(firstKeyId);
      execFileSync('openssl', ['dgst', '-sha256', '-verify', 'signer.pem', '-signature', 'SHA256SUMS.sig', 'SHA256SUMS'], { cwd: local });
      execFileSync('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], { cwd: local });
      execFileSync('openssl', ['dgst', '-sha256', '-verify', 'signer.pem', '-signature', `captures/${id}/capture.json.sig`, `captures/${id}/capture.json`], { cwd: local });
      // A locked version cannot be deleted, by the key that wrote it or anyone.
      const record = mine.find((v) => v.key.endsWith(`/captures/${id}/capture.json`))!;
      const refused = await gateway.admin.deleteVersion(BUCKET, record.key, record.versionId);
      expect(refused.status).toBe(403);
      expect((await gateway.admin.getObject(BUCKET, record.key, record.versionId)).status).toBe(200);
    }
  }, 300_000);

  it('finishes a multipart upload cut by a stopped gateway and a stopped worker: one version per key, the same bytes', async () => {
    bigMedia = Buffer.concat([syntheticImageFor(xFixtures.image.media[0]!).body, randomBytes(BIG_MEDIA_BYTES)]);
    bigId = await preserve(first, xFixtures.image.url);
    bigMedia = undefined;
    // The second part of the image's multipart upload is held: the gateway and the worker stop while it is on the wire.
    const held = proxy.holdNext((method, url) => method === 'PUT' && /[?&]partNumber=2\b/.test(url));
    const dashboard = await pushFromDashboard(first, [bigId]);
    const part = await held;
    await gateway.stopGateway();
    const cdp: CDPSession = await first.context.newCDPSession(dashboard);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    part.drop();
    await gateway.startGateway();
    // Opening the dashboard nudges the queue (a worker started anew also finds the row it left half pushed).
    await dashboard.reload();
    await expect.poll(() => rowState(dashboard, bigId), { timeout: 180_000 }).toBe('locked');
    await dashboard.close();

    const folder = await folderOf(bigId);
    const versions = (await gateway.admin.listVersions(BUCKET, folder)).filter((v) => !v.deleteMarker);
    expect(new Set(versions.map((v) => v.key)).size).toBe(versions.length);
    const media = versions.find((v) => v.size >= BIG_MEDIA_BYTES)!;
    expect(media).toBeDefined();
    const object = await gateway.admin.getObject(BUCKET, media.key, media.versionId);
    const head = await gateway.admin.headObject(BUCKET, media.key, media.versionId);
    expect(sha256(object.body)).toBe(head.headers['x-amz-meta-sha256']);
    expect(head.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    // The upload went on from the parts the gateway held (part 1 was not sent again), and was completed once.
    expect(proxy.seen.filter((line) => line.startsWith('PUT') && /[?&]partNumber=1\b/.test(line)).length).toBe(1);
    expect(proxy.seen.filter((line) => line.startsWith('GET') && /[?&]uploadId=/.test(line)).length).toBeGreaterThan(0);
    expect(proxy.seen.filter((line) => line.startsWith('POST') && line.includes('uploadId=')).length).toBe(1);
  }, 400_000);

  it('logs each push in the capture’s custody log with every object’s version id; an export carrying it verifies (CLI and stock recipe)', async () => {
    const id = pushed[0]!;
    // Read in an extension page (the worker the test started with was stopped in the test before).
    const dashboard = await first.context.newPage();
    await dashboard.goto(first.extensionUrl('dashboard.html'));
    const lines = await dashboard.evaluate(async (captureId) => {
      const request = indexedDB.open('postproof');
      const db = await new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
      const rows = await new Promise<{ line: string }[]>((resolve) => {
        const get = db.transaction('custody').objectStore('custody').index('byCapture').getAll(captureId);
        get.onsuccess = () => resolve(get.result as { line: string }[]);
      });
      db.close();
      return rows.map((row) => row.line);
    }, id);
    // A custody line holds its details beside the event's own fields (utils/provenance/custody.ts).
    const events = lines.map((line) => JSON.parse(line) as { event: string; objects?: { key: string; versionId: string; sha256: string }[]; retainUntil?: string });
    const push = events.filter((event) => event.event === 'pushed');
    expect(push).toHaveLength(1);
    const logged = push[0]!.objects!.map((o) => `${o.key} ${o.versionId} ${o.sha256}`).sort();
    const folder = await folderOf(id);
    const held = await Promise.all(
      (await gateway.admin.listVersions(BUCKET, folder)).map(async (v) => `${v.key} ${v.versionId} ${(await gateway.admin.headObject(BUCKET, v.key, v.versionId)).headers['x-amz-meta-sha256']}`),
    );
    expect(logged).toEqual(held.sort());

    const exported = await exportAllAndVerify(dashboard, work);
    expect(exported.status, exported.output).toBe(0);
    const zip = /\S+\.zip/.exec(readdirSync(work.at(-1)!).join(' '))?.[0];
    const trusted = join(work.at(-1)!, 'trusted.txt');
    writeFileSync(trusted, `${firstKeyId}\n`);
    writeFileSync(join(work.at(-1)!, 'roots.pem'), '');
    const stock = spawnSync('bash', [join(repoRoot, 'test/support/stock-recipe.sh'), join(work.at(-1)!, zip!), trusted, join(work.at(-1)!, 'roots.pem')], { encoding: 'utf8', timeout: 120_000 });
    expect(stock.stdout + stock.stderr).toContain('stock recipe: OK');
    await dashboard.close();
  }, 180_000);

  it('shows the captures to another install (no S3 key: presigned by the team’s service), verified, with the first install’s fingerprint; imports one', async () => {
    const options = await setUpLocker(second!, 'presign');
    await options.close();
    const dashboard = await second!.context.newPage();
    await dashboard.goto(second!.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('team-toggle').click();
    await dashboard.getByTestId('team-refresh').click();
    const rows = dashboard.getByTestId('team-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    for (const id of pushed) {
      const row = dashboard.locator(`[data-testid="team-row"][data-folder*="/${id}/"]`);
      await row.getByTestId('team-open').click();
      await expect.poll(() => row.getAttribute('data-verified'), { timeout: 60_000 }).toBe('true');
      const result = dashboard.getByTestId('team-result');
      await expect.poll(() => result.getAttribute('data-verified')).toBe('true');
      expect(await result.getByTestId('team-signer-key').textContent()).toBe(firstKeyId);
    }
    const row = dashboard.locator(`[data-testid="team-row"][data-folder*="/${pushed[0]}/"]`);
    await row.getByTestId('team-open').click();
    await expect.poll(() => row.getAttribute('data-verified')).toBe('true');
    await row.getByTestId('team-import').click();
    const imported = row.getByTestId('team-import-status');
    await expect.poll(() => imported.textContent(), { timeout: 30_000 }).toMatch(/Imported/);
    await dashboard.reload();
    await expect.poll(() => dashboard.locator(`[data-testid="capture-row"][data-capture-id="${pushed[0]}"]`).count(), { timeout: 30_000 }).toBe(1);
    // Exported from this install like any capture: the bundle verifies, naming the first install's key for it.
    const exported = await exportAllAndVerify(dashboard, work);
    expect(exported.status, exported.output).toBe(0);
    expect(exported.output).toContain(firstKeyId);
    await dashboard.close();
    // Everything this member read went through the service; it never asked to delete anything but its test object.
    expect(presign.asked.filter((r) => r.method === 'GET').length).toBeGreaterThan(10);
    expect(presign.asked.filter((r) => r.method === 'DELETE').every((r) => r.key.includes('/.postproof-test/'))).toBe(true);
  }, 300_000);

  it('refuses, as evidence, a capture written over behind PostProof’s back with the administrator’s key', async () => {
    const id = pushed[1]!;
    const folder = await folderOf(id);
    const key = `${folder}captures/${id}/capture.json`;
    const original = await gateway.admin.getObject(BUCKET, key);
    const forged = Buffer.from(original.body.toString('utf8').replace(/("capturedAt":\s*")\d{4}/, '$12015'));
    expect(forged.equals(original.body)).toBe(false);
    expect((await gateway.admin.putObject(BUCKET, key, forged)).status).toBe(200);

    const dashboard = await second!.context.newPage();
    await dashboard.goto(second!.extensionUrl('dashboard.html'));
    await dashboard.getByTestId('team-toggle').click();
    await dashboard.getByTestId('team-refresh').click();
    const row = dashboard.locator(`[data-testid="team-row"][data-folder*="/${id}/"]`);
    await row.getByTestId('team-open').click();
    await expect.poll(() => row.getAttribute('data-verified'), { timeout: 60_000 }).toBe('false');
    const result = dashboard.getByTestId('team-result');
    expect(await result.getAttribute('data-verified')).toBe('false');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(`captures/${id}/capture.json`);
    // Nothing of the post is shown as evidence: not its permalink.
    expect(text).not.toContain(xFixtures.linkcard.path);
    expect(await row.getByTestId('team-import').isDisabled()).toBe(true);
    await dashboard.close();
  }, 120_000);

  it('with the team’s collectors pinned, names the member and refuses a complete folder a stranger signed and added', async () => {
    // A stranger with write access adds a whole, self-consistent capture folder signed by a key of their own.
    const stranger = await makeTestKey();
    const [forged] = await makeCaptures(stranger, [{ text: 'A statement nobody at the newsroom captured', permalink: 'https://x.com/nobody/status/1' }]);
    const bundle = await writeBundle({ captures: [forged!], signer: stranger.signer, software: 'PostProof 0.1.0' });
    const zip = await StrictZip.open(bytesSource(bundle));
    if (Array.isArray(zip)) throw new Error('the forged bundle does not read');
    const folder = `${PREFIX}/no-case/${forged!.stored.id}/`;
    for (const entry of zip.entries) expect((await gateway.admin.putObject(BUCKET, folder + entry.name, bundle.subarray(entry.dataOffset, entry.dataOffset + entry.size))).status).toBe(200);

    const dashboard = await second!.context.newPage();
    await dashboard.goto(second!.extensionUrl('dashboard.html'));
    const open = async (captureId: string) => {
      await dashboard.getByTestId('team-toggle').click();
      await dashboard.getByTestId('team-refresh').click();
      const row = dashboard.locator(`[data-testid="team-row"][data-folder*="/${captureId}/"]`);
      await row.getByTestId('team-open').click();
      await expect.poll(() => row.getAttribute('data-verified'), { timeout: 60_000 }).not.toBe('unknown');
      return { verified: await row.getAttribute('data-verified'), text: (await dashboard.getByTestId('team-result').textContent()) ?? '' };
    };
    // Nobody pinned: intact in itself, and the key it names is the stranger's, for a person to compare.
    const unpinned = await open(forged!.stored.id);
    expect(unpinned.verified).toBe('true');
    expect(unpinned.text).toContain(stranger.signer.keyId);

    // The member pins the first install's key, as verify.html's trusted collectors do.
    await dashboard.evaluate((keyId) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ trustedCollectors: [{ keyId, label: 'Newsroom laptop' }] }), firstKeyId);
    await dashboard.reload();
    const refused = await open(forged!.stored.id);
    expect(refused.verified).toBe('false');
    expect(refused.text).not.toContain('A statement nobody');
    await dashboard.reload();
    const member = await open(pushed[2]!);
    expect(member.verified).toBe('true');
    expect(member.text).toContain('Newsroom laptop');
    await dashboard.close();
  }, 180_000);
});
