// The annotated screenshot copy: the writer with a fake renderer (no canvas in Node), its manifest
// entry and checksums, what the report and VERIFY.txt say, and the verifier on good and hostile `derived[]` entries.
import 'fake-indexeddb/auto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures } from '../export/export';
import { exportVolumes } from '../export/volumes';
import type { BundleManifest, CaptureRecord, DerivedFileEntry } from '../model';
import { getOrCreateInstallKey } from '../store/install-key';
import { openPostProofDb } from '../store/db';
import { sha256Hex } from '../provenance/hash';
import { wrapLine } from './annotate-canvas';
import { annotationLines, pngSize } from './annotated-screenshot';
import { verifyBundle, writeBundle, type BundleCaptureSource, type VerifyReport } from '../formats/bundle/index';
import { encodePng, fakeAnnotator, makeCaptures, makeTestKey, resealManifest, type AnnotatorCall, type TestKey } from '../../test/support/bundle-captures';
import type { ScreenshotAnnotator } from '../formats/bundle/types';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const STRIP = 4;
const fakeRenderer = (calls: AnnotatorCall[], fail?: (call: AnnotatorCall) => string | undefined) => fakeAnnotator(calls, fail, STRIP);

let key: TestKey;
let captures: BundleCaptureSource[];
let ids: string[];
let records: CaptureRecord[];
let calls: AnnotatorCall[];
let bundle: Uint8Array;
let dir: string;

async function files(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const loaded = await JSZip.loadAsync(zip);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(loaded.files)) if (!loaded.files[name]!.dir) out.set(name, await loaded.file(name)!.async('uint8array'));
  return out;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

function failed(report: VerifyReport): { check: string; file?: string; message: string }[] {
  return report.checks.filter((c) => !c.ok).map(({ check, file, message }) => ({ check, file, message }));
}

beforeAll(async () => {
  key = await makeTestKey();
  captures = await makeCaptures(key, [
    { text: 'first', permalink: 'https://x.com/someone/status/1234567890', screenshot: encodePng(8, 6) },
    { text: 'second', permalink: 'https://x.com/someone/status/99' },
  ]);
  ids = captures.map((c) => c.stored.id);
  records = captures.map((c) => JSON.parse(text(c.stored.recordBytes)) as CaptureRecord);
  calls = [];
  bundle = await writeBundle({ captures, signer: key.signer, software: 'PostProof test', now: NOW, annotateScreenshot: fakeRenderer(calls) });
  dir = mkdtempSync(join(tmpdir(), 'postproof-annotated-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the annotated screenshot copy in a bundle', () => {
  it('is written beside the screenshot, listed in files[], SHA256SUMS and derived[], and leaves the record alone', async () => {
    const all = await files(bundle);
    const manifest = JSON.parse(text(all.get('manifest.json'))) as BundleManifest;
    const sums = text(all.get('SHA256SUMS'));
    for (const [n, id] of ids.entries()) {
      const path = `captures/${id}/screenshot.annotated.png`;
      const png = all.get(path)!;
      expect(pngSize(png), path).not.toBeNull();
      const sha256 = await sha256Hex(png);
      expect(manifest.files).toContainEqual({ path, bytes: png.length, sha256 });
      expect(sums).toContain(`${sha256}  ${path}\n`);
      const derived = manifest.derived!.find((d) => d.path === path)!;
      expect(derived).toMatchObject({ derivedFrom: `captures/${id}/screenshot.png`, derivedFromSha256: await sha256Hex(all.get(`captures/${id}/screenshot.png`)!) });
      // What was done, in words, including the strip's text: the capture id and the URL.
      expect(derived.method).toContain(`Header strip of ${STRIP} px added above the unchanged screenshot`);
      expect(derived.method).toContain(id);
      expect(derived.method).toContain(records[n]!.post.url!);
      expect(derived.method).toContain(`Captured: ${records[n]!.capturedAt} UTC`);
      expect(all.get(`captures/${id}/capture.json`)).toEqual(captures[n]!.stored.recordBytes);
    }
    expect(manifest.derived).toHaveLength(2);
    // The renderer got the screenshot's own bytes and the strip's lines.
    expect(calls[0]!.screenshot).toEqual(await captures[0]!.readArtifact('screenshot.png'));
    expect(calls[0]!.lines[0]).toBe(`PostProof capture ${ids[0]}`);
    expect(calls[0]!.lines).toContain(`URL: ${records[0]!.post.url}`);
    expect(calls[0]!.lines).toContain('Trusted timestamp (RFC 3161): none');
    const csvRow = text(all.get('captures.jsonl')).split('\n')[0]!;
    expect(JSON.parse(csvRow)).toMatchObject({ annotatedScreenshot: 'screenshot.annotated.png' });
  });

  it('passes sha256sum -c and the verifier, which checks what it was derived from', async () => {
    const target = join(dir, 'good');
    writeFileSync(`${target}.zip`, bundle);
    execFileSync('unzip', ['-q', `${target}.zip`, '-d', target]);
    const sums = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: target, encoding: 'utf8' });
    expect(sums.status, sums.stdout + sums.stderr).toBe(0);
    const report = await verifyBundle(bundle);
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    const derivedChecks = report.checks.filter((c) => c.check === 'derived-file');
    expect(derivedChecks.map((c) => c.file)).toEqual(ids.map((id) => `captures/${id}/screenshot.annotated.png`));
    expect(derivedChecks.every((c) => c.ok)).toBe(true);
  });

  it('says in VERIFY.txt and report.html that the copy is derived and the untouched screenshot is the evidence', async () => {
    const all = await files(bundle);
    expect(text(all.get('VERIFY.txt'))).toMatch(/screenshot\.annotated\.png is a copy PostProof made[\s\S]*it is derived,\s+and the untouched screenshot\.png[\s\S]*is the evidence/);
    const report = text(all.get('report.html'));
    expect(report).toContain(`href="captures/${ids[0]}/screenshot.annotated.png"`);
    expect(report).toContain('it is derived, and the untouched screenshot shown here is the evidence');
  });

  it('adds nothing when no renderer is given: the bundle is as before', async () => {
    const plain = await writeBundle({ captures, signer: key.signer, software: 'PostProof test', now: NOW });
    const all = await files(plain);
    expect([...all.keys()].some((name) => name.endsWith('.annotated.png'))).toBe(false);
    expect(JSON.parse(text(all.get('manifest.json')))).not.toHaveProperty('derived');
    expect(text(all.get('VERIFY.txt'))).not.toContain('screenshot.annotated.png');
    expect((await verifyBundle(plain)).verdict).toBe('valid');
  });

  it('still exports when the renderer fails for one capture, and says so in the report', async () => {
    const tried: AnnotatorCall[] = [];
    const zip = await writeBundle({
      captures,
      signer: key.signer,
      software: 'PostProof test',
      now: NOW,
      annotateScreenshot: fakeRenderer(tried, (call) => (call.lines[0]!.includes(ids[1]!) ? 'canvas exploded' : undefined)),
    });
    const all = await files(zip);
    expect(all.has(`captures/${ids[0]}/screenshot.annotated.png`)).toBe(true);
    expect(all.has(`captures/${ids[1]}/screenshot.annotated.png`)).toBe(false);
    const manifest = JSON.parse(text(all.get('manifest.json'))) as BundleManifest;
    expect(manifest.derived!.map((d) => d.path)).toEqual([`captures/${ids[0]}/screenshot.annotated.png`]);
    expect(text(all.get('report.html'))).toContain('No annotated copy of screenshot.png was made (canvas exploded)');
    expect((await verifyBundle(zip)).verdict).toBe('valid');
  });

  it('refuses a drawing that is not the screenshot plus a strip', async () => {
    const wrongSize: ScreenshotAnnotator = async () => ({ png: encodePng(8, 9), width: 8, height: 6, stripHeight: 4 });
    const notPng: ScreenshotAnnotator = async () => ({ png: new Uint8Array([1, 2, 3]), width: 8, height: 6, stripHeight: 4 });
    for (const annotateScreenshot of [wrongSize, notPng]) {
      const zip = await writeBundle({ captures: [captures[0]!], signer: key.signer, software: 'PostProof test', now: NOW, annotateScreenshot });
      const all = await files(zip);
      expect(all.has(`captures/${ids[0]}/screenshot.annotated.png`)).toBe(false);
      expect(text(all.get('report.html'))).toMatch(/No annotated copy of screenshot\.png was made \(the drawing (is not a PNG|does not have the size)/);
    }
  });
});

describe('verifying derived[] entries', () => {
  const annotated = (n: number) => `captures/${ids[n]}/screenshot.annotated.png`;
  const changeFirst = (change: (entry: DerivedFileEntry) => void) => (manifest: BundleManifest) => change(manifest.derived![0]!);

  it('accepts the untouched bundle after a re-seal (the helper changes nothing by itself)', async () => {
    expect(failed(await verifyBundle(await resealManifest(bundle, key.signer, () => undefined)))).toEqual([]);
  });

  const hostile: { name: string; change: (manifest: BundleManifest) => void; file: () => string; message: RegExp }[] = [
    {
      name: 'a source missing from the bundle',
      change: changeFirst((e) => (e.derivedFrom = `captures/${ids[0]}/not-there.png`)),
      file: () => annotated(0),
      message: /not in the bundle/,
    },
    {
      name: 'a source with another SHA-256',
      change: changeFirst((e) => (e.derivedFromSha256 = '0'.repeat(64))),
      file: () => annotated(0),
      message: /another SHA-256/,
    },
    {
      name: 'a source outside the bundle (path traversal)',
      change: changeFirst((e) => (e.derivedFrom = '../../../etc/passwd')),
      file: () => annotated(0),
      message: /points outside the bundle/,
    },
    {
      name: 'a derived path outside the bundle',
      change: changeFirst((e) => (e.path = '/etc/passwd')),
      file: () => 'manifest.json',
      message: /points outside the bundle/,
    },
    {
      name: 'a derived path that is not a file of the bundle',
      change: changeFirst((e) => (e.path = `captures/${ids[0]}/ghost.png`)),
      file: () => `captures/${ids[0]}/ghost.png`,
      message: /not a listed file/,
    },
    {
      name: 'a file derived from itself',
      change: changeFirst((e) => (e.derivedFrom = e.path)),
      file: () => annotated(0),
      message: /names itself/,
    },
    {
      name: 'an entry missing its method',
      change: changeFirst((e) => delete (e as Partial<DerivedFileEntry>).method),
      file: () => annotated(0),
      message: /damaged/,
    },
    {
      name: 'a derived list that is not a list',
      change: (m) => ((m as { derived?: unknown }).derived = { path: 'x' }),
      file: () => 'manifest.json',
      message: /not a list/,
    },
  ];

  for (const c of hostile) {
    it(`fails ${c.name} with a clear derived-file check, not a crash`, async () => {
      const report = await verifyBundle(await resealManifest(bundle, key.signer, c.change));
      expect(report.verdict).toBe('invalid');
      // Other checks may fail too (the copy now stands unaccounted for in its folder, the summary no longer matches);
      // the derived-file check must say what is wrong with the entry itself.
      const derivedFailures = failed(report).filter((f) => f.check === 'derived-file');
      expect(derivedFailures).toHaveLength(1);
      expect(derivedFailures[0]!.file).toBe(c.file());
      expect(derivedFailures[0]!.message).toMatch(c.message);
    });
  }
});

describe('the strip text and its wrapping', () => {
  it('names the capture, the URLs, the UTC capture time and each TSA time, and neutralises control and bidi characters', () => {
    const record = {
      ...records[0]!,
      page: { url: 'https://x.com/home', title: 'X' },
      post: { ...records[0]!.post, url: 'https://x.com/مرحبا/status/1\u202egnp.exe\u0007' },
    } as CaptureRecord;
    const lines = annotationLines(record, [{ tsa: 'FreeTSA', genTime: '2026-01-02T03:04:09Z' }], 'screenshot.png');
    expect(lines).toEqual([
      `PostProof capture ${record.id}`,
      'URL: https://x.com/مرحبا/status/1\ufffdgnp.exe\ufffd',
      'Page: https://x.com/home',
      `Captured: ${record.capturedAt} UTC (collector's clock)`,
      'Trusted timestamp (RFC 3161): 2026-01-02T03:04:09Z UTC by FreeTSA',
      'Copy made by PostProof with this strip added; the evidence is the untouched screenshot.png in the bundle.',
    ]);
  });

  it('wraps a long URL anywhere, text at spaces, and never splits a grapheme', () => {
    const measure = (s: string) => [...s].length;
    const url = `https://x.com/${'a'.repeat(45)}`;
    const rows = wrapLine(`URL: ${url}`, 20, measure);
    expect(rows[0]).toBe('URL: https://x.com/a');
    expect(rows.join('')).toBe(`URL: ${url}`);
    expect(rows.every((r) => measure(r) <= 20)).toBe(true);
    expect(wrapLine('one two three four five six', 10, measure)).toEqual(['one two', 'three four', 'five six']);
    const combined = 'e\u0301'.repeat(12);
    expect(wrapLine(combined, 5, measure).every((r) => !r.startsWith('\u0301'))).toBe(true);
  });
});

describe('both export paths take the renderer', () => {
  it('the in-memory bundle and the streamed volumes each carry a verified annotated copy', async () => {
    const db = await openPostProofDb(`annotated-${crypto.randomUUID()}`);
    const installKey = await getOrCreateInstallKey(db);
    const reply = await preservePost(sampleCaptureRequest('Post'), { ...sampleScreenshot, data: encodePng(8, 6) }, { db, key: installKey, software: 'PostProof 0.0.0-test', fetch });
    if (!reply.ok) throw new Error(reply.message);
    const annotateScreenshot = fakeRenderer([]);
    const one = await exportCaptures(db, [reply.captureId], { version: '0.0.0-test', annotateScreenshot });
    const set = await exportVolumes(db, [reply.captureId], { version: '0.0.0-test', annotateScreenshot });
    const volume = new Uint8Array(await set.volumes[0]!.file.arrayBuffer());
    for (const zip of [one.bytes, volume]) {
      const manifest = JSON.parse(text((await files(zip)).get('manifest.json'))) as BundleManifest;
      expect(manifest.derived?.map((d) => d.path)).toEqual([`captures/${reply.captureId}/screenshot.annotated.png`]);
      const report = await verifyBundle(zip);
      expect(failed(report)).toEqual([]);
      expect(report.checks.some((c) => c.check === 'derived-file' && c.ok)).toBe(true);
    }
  });
});
