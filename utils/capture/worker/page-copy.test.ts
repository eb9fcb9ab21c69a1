import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import type { CaptureRecord } from '../../model';
import { sha256Hex } from '../../provenance/hash';
import { getOrCreateInstallKey } from '../../store/install-key';
import { listCaptures, readArtifact } from '../../store/captures';
import { openPostProofDb } from '../../store/db';
import { copyPage, extensionPageCaptureApi, PAGE_COPY_REASONS, type PageCaptureApi } from './page-copy';
import { pageCopyFiles, preservePost } from './pipeline';

const MHTML = 'From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.com/someone/status/1\r\nContent-Type: multipart/related;\r\n\r\n';
const mhtmlBlob = () => new Blob([MHTML], { type: 'multipart/related' });
const api = (overrides: Partial<PageCaptureApi> = {}): PageCaptureApi => ({
  declared: true,
  granted: () => Promise.resolve(true),
  saveAsMHTML: () => Promise.resolve(mhtmlBlob()),
  ...overrides,
});

describe('copyPage', () => {
  it('returns the MHTML bytes of the tab', async () => {
    const save = vi.fn(() => Promise.resolve(mhtmlBlob()));
    const outcome = await copyPage(api({ saveAsMHTML: save }), 7);
    expect(save).toHaveBeenCalledWith(7);
    expect('data' in outcome && new TextDecoder().decode(outcome.data)).toBe(MHTML);
  });

  it('tries once more when the first read fails (Chromium service workers), then gives the reason', async () => {
    let calls = 0;
    const flaky = () => (++calls === 1 ? Promise.reject(new Error('Failed to read the Blob')) : Promise.resolve(mhtmlBlob()));
    expect('data' in (await copyPage(api({ saveAsMHTML: flaky }), 1))).toBe(true);
    expect(calls).toBe(2);

    const broken = vi.fn(() => Promise.reject(new Error('Failed to read the Blob')));
    expect(await copyPage(api({ saveAsMHTML: broken }), 1)).toEqual({ error: PAGE_COPY_REASONS.failed('Failed to read the Blob') });
    expect(broken).toHaveBeenCalledTimes(2);
    expect(await copyPage(api({ saveAsMHTML: () => Promise.resolve(new Blob([])) }), 1)).toEqual({
      error: PAGE_COPY_REASONS.failed('it returned an empty file'),
    });
  });

  it('says why there is no copy: not declared (Firefox), not granted, no tab', async () => {
    const save = vi.fn(() => Promise.resolve(mhtmlBlob()));
    expect(await copyPage(api({ declared: false, saveAsMHTML: save }), 1)).toEqual({ error: PAGE_COPY_REASONS.unsupported });
    expect(await copyPage(api({ granted: () => Promise.resolve(false), saveAsMHTML: save }), 1)).toEqual({ error: PAGE_COPY_REASONS.notGranted });
    expect(await copyPage(api({ granted: () => Promise.reject(new Error('unknown permission')) }), 1)).toEqual({ error: PAGE_COPY_REASONS.notGranted });
    const { saveAsMHTML: _absent, ...withoutApi } = api();
    expect(await copyPage(withoutApi, 1)).toEqual({ error: PAGE_COPY_REASONS.unsupported });
    expect(await copyPage(api({ saveAsMHTML: save }), undefined)).toEqual({ error: PAGE_COPY_REASONS.noTab });
    expect(save).not.toHaveBeenCalled();
  });
});

describe('extensionPageCaptureApi', () => {
  const chromeWith = (pageCapture: unknown, declared: string[], lastError?: { message: string }) => ({
    pageCapture: pageCapture as never,
    runtime: { lastError, getManifest: () => ({ permissions: ['storage'], optional_permissions: declared }) },
    permissions: { contains: vi.fn(() => Promise.resolve(true)) },
  });

  it('reads the manifest and wraps the callback form of saveAsMHTML', async () => {
    const saveAsMHTML = vi.fn((_details: { tabId: number }, callback: (blob?: Blob) => void) => callback(mhtmlBlob()));
    const chrome = chromeWith({ saveAsMHTML }, ['pageCapture']);
    const wrapped = extensionPageCaptureApi(chrome);
    expect(wrapped.declared).toBe(true);
    expect(await wrapped.granted()).toBe(true);
    expect(chrome.permissions.contains).toHaveBeenCalledWith({ permissions: ['pageCapture'] });
    expect(await (await wrapped.saveAsMHTML!(3))!.text()).toBe(MHTML);
    expect(saveAsMHTML.mock.calls[0]![0]).toEqual({ tabId: 3 });
  });

  it('turns runtime.lastError into a rejection, and has no saveAsMHTML where the namespace is absent', async () => {
    const failing = extensionPageCaptureApi(chromeWith({ saveAsMHTML: (_d: unknown, callback: () => void) => callback() }, ['pageCapture'], { message: 'Tab not found' }));
    await expect(failing.saveAsMHTML!(1)).rejects.toThrow('Tab not found');
    const firefox = extensionPageCaptureApi(chromeWith(undefined, []));
    expect(firefox.declared).toBe(false);
    expect(firefox.saveAsMHTML).toBeUndefined();
  });
});

describe('the page copy in a capture', () => {
  it('adds page.mhtml (role page-mhtml, multipart/related), or a missing[] entry, or nothing when the setting is off', async () => {
    const data = new TextEncoder().encode(MHTML);
    const kept = await pageCopyFiles(Promise.resolve({ data }));
    expect(kept.missing).toEqual([]);
    expect(kept.file?.entry).toEqual({ path: 'page.mhtml', role: 'page-mhtml', mediaType: 'multipart/related', bytes: data.byteLength, sha256: await sha256Hex(data) });
    expect(await pageCopyFiles({ error: 'no permission' })).toEqual({ missing: [{ role: 'page-mhtml', reason: 'no permission' }] });
    expect((await pageCopyFiles(Promise.reject(new Error('boom')))).missing).toEqual([{ role: 'page-mhtml', reason: expect.stringContaining('boom') }]);
    expect(await pageCopyFiles(undefined)).toEqual({ missing: [] });
    expect(await pageCopyFiles(Promise.resolve(undefined))).toEqual({ missing: [] });
  });

  it('stores page.mhtml in the same commit, hashed in the signed record; a failed copy never fails the capture', async () => {
    const db = await openPostProofDb('page-copy-test');
    const key = await getOrCreateInstallKey(db);
    const deps = { db, key, software: 'PostProof test', fetch };
    const data = new TextEncoder().encode(MHTML);
    const kept = await preservePost(sampleCaptureRequest('with page'), sampleScreenshot, { ...deps, pageCopy: Promise.resolve({ data }) });
    const refused = await preservePost(sampleCaptureRequest('refused'), sampleScreenshot, { ...deps, pageCopy: { error: PAGE_COPY_REASONS.notGranted } });
    const off = await preservePost(sampleCaptureRequest('off'), sampleScreenshot, deps);
    if (!kept.ok || !refused.ok || !off.ok) throw new Error('a capture failed');
    expect(refused.missing).toEqual([{ role: 'page-mhtml', reason: PAGE_COPY_REASONS.notGranted }]);

    const records = new Map(
      (await listCaptures(db)).map((row) => [row.id, JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord]),
    );
    const record = records.get(kept.captureId)!;
    expect(record.artifacts.map((a) => a.path)).toEqual(['post.html', 'screenshot.png', 'page.mhtml']);
    const entry = record.artifacts.find((a) => a.role === 'page-mhtml')!;
    const stored = await readArtifact(db, kept.captureId, 'page.mhtml');
    expect(new TextDecoder().decode(stored)).toBe(MHTML);
    expect(entry.sha256).toBe(await sha256Hex(stored));
    expect(record.missing).toEqual([]);

    expect(records.get(refused.captureId)!.artifacts.map((a) => a.role)).toEqual(['dom-snapshot', 'screenshot']);
    expect(records.get(refused.captureId)!.missing).toEqual([{ role: 'page-mhtml', reason: PAGE_COPY_REASONS.notGranted }]);
    expect(records.get(off.captureId)!.missing).toEqual([]);
    expect(records.get(off.captureId)!.artifacts.some((a) => a.role === 'page-mhtml')).toBe(false);
  });
});
