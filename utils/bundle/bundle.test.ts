import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiToPem } from '../provenance/ecdsa';
import { sha256Hex } from '../provenance/hash';
import { verifyBundle, writeBundle, type BundleCaptureSource, type VerifyReport } from './index';
import { makeCaptures, makeTestKey, type TestKey } from './test-support';
import { readZipDirectory } from './zip-directory';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const HOSTILE_TEXT = '<script>alert("x")</script> =HYPERLINK("http://evil") "quoted", text\nمرحبا';

let key: TestKey;
let captures: BundleCaptureSource[];
let bundle: Uint8Array;
let dir: string;
let ids: string[];

async function bundleOf(sources: BundleCaptureSource[] | AsyncIterable<BundleCaptureSource>, signer = key.signer): Promise<Uint8Array> {
  return writeBundle({ captures: sources, signer, software: 'PostProof 0.1.0 (test)', now: NOW });
}

/** Load, change and re-pack a bundle with jszip, keeping entry order; the changes are the tampering under test. */
async function rezip(zip: Uint8Array, mutate: (files: Map<string, Uint8Array>) => void, compression: 'STORE' | 'DEFLATE' = 'STORE'): Promise<Uint8Array> {
  const loaded = await JSZip.loadAsync(zip);
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(loaded.files)) files.set(name, await loaded.file(name)!.async('uint8array'));
  mutate(files);
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data, { createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression });
}

function unzip(zip: Uint8Array, name: string): string {
  const target = join(dir, name);
  writeFileSync(`${target}.zip`, zip);
  execFileSync('unzip', ['-q', `${target}.zip`, '-d', target]);
  return target;
}

/** Offset of the first central-directory header, whose size fields the size tests overwrite. */
function firstDirectoryEntry(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) return i;
  throw new Error('no central directory');
}

function failed(report: VerifyReport): { check: string; file?: string }[] {
  return report.checks.filter((c) => !c.ok).map(({ check, file }) => ({ check, file }));
}

beforeAll(async () => {
  key = await makeTestKey();
  captures = await makeCaptures(key, [{ text: HOSTILE_TEXT }, { text: 'second post', authorName: '@mention' }]);
  ids = captures.map((c) => c.stored.id);
  bundle = await bundleOf(captures);
  dir = mkdtempSync(join(tmpdir(), 'postproof-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeBundle', () => {
  it('writes the DESIGN.md §5 layout in a fixed order, every entry STORED', async () => {
    const entries = readZipDirectory(bundle);
    expect(entries.every((e) => e.method === 0 && !e.isDirectory)).toBe(true);
    const capture = (id: string) => ['capture.json', 'capture.json.sig', 'media/1.jpg', 'post.html', 'screenshot.png'].map((f) => `captures/${id}/${f}`);
    expect(entries.map((e) => e.name)).toEqual([
      'manifest.json',
      'manifest.json.sig',
      'SHA256SUMS',
      'signer.pem',
      'VERIFY.txt',
      'report.html',
      'captures.csv',
      'captures.jsonl',
      ...capture(ids[0]!),
      ...capture(ids[1]!),
    ]);
  });

  it('keeps capture.json and its signature byte for byte, and lists every other file in the manifest', async () => {
    const zip = await JSZip.loadAsync(bundle);
    expect(await zip.file(`captures/${ids[0]}/capture.json`)!.async('uint8array')).toEqual(captures[0]!.stored.recordBytes);
    expect(await zip.file(`captures/${ids[0]}/capture.json.sig`)!.async('uint8array')).toEqual(captures[0]!.stored.signature);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({
      format: 'postproof-bundle/1',
      createdAt: NOW.toISOString(),
      software: 'PostProof 0.1.0 (test)',
      signer: { algorithm: 'ECDSA-P384-SHA256', keyId: key.signer.keyId, publicKeyFile: 'signer.pem' },
      captures: ids,
    });
    const listed = manifest.files.map((f: { path: string }) => f.path);
    expect(listed).toEqual(readZipDirectory(bundle).map((e) => e.name).filter((n) => !['manifest.json', 'manifest.json.sig', 'SHA256SUMS'].includes(n)));
    const verifyText = await zip.file('VERIFY.txt')!.async('string');
    expect(verifyText).toContain(key.signer.keyId);
    expect(verifyText).toContain(`openssl dgst -sha256 -verify signer.pem -signature captures/${ids[1]}/capture.json.sig captures/${ids[1]}/capture.json`);
  });

  it('orders captures by sequence whatever the input order, and gives the same files for the same input', async () => {
    const reversed = await bundleOf([...captures].reverse());
    expect(readZipDirectory(reversed).map((e) => e.name)).toEqual(readZipDirectory(bundle).map((e) => e.name));
    const [a, b] = await Promise.all([JSZip.loadAsync(bundle), JSZip.loadAsync(reversed)]);
    // The signature is randomized (ECDSA), so it and SHA256SUMS differ; every other file is identical.
    for (const name of Object.keys(a.files).filter((n) => n !== 'manifest.json.sig' && n !== 'SHA256SUMS')) {
      expect(await b.file(name)!.async('uint8array'), name).toEqual(await a.file(name)!.async('uint8array'));
    }
  });

  it('accepts an async iterable, adds notes.json only when notes are given, and reports progress', async () => {
    const phases: string[] = [];
    async function* sources() {
      yield { ...captures[0]!, notes: { tags: ['election'], note: 'seen via tip line' } };
      yield captures[1]!;
    }
    const zip = await writeBundle({ captures: sources(), signer: key.signer, software: 'PostProof', now: NOW, onProgress: (p) => phases.push(p.phase) });
    const names = readZipDirectory(zip).map((e) => e.name);
    expect(names).toContain(`captures/${ids[0]}/notes.json`);
    expect(names).not.toContain(`captures/${ids[1]}/notes.json`);
    expect((await verifyBundle(zip)).verdict).toBe('valid');
    expect(phases).toEqual(expect.arrayContaining(['captures', 'summaries', 'zip']));
  });

  it('refuses damaged, foreign or duplicate captures with a code', async () => {
    const damaged = { ...captures[0]!, readArtifact: async (path: string) => (path === 'media/1.jpg' ? new Uint8Array([1, 2, 3]) : captures[0]!.readArtifact(path)) };
    await expect(bundleOf([damaged])).rejects.toMatchObject({ code: 'BUNDLE_ARTIFACT_DAMAGED' });
    const unreadable = { ...captures[0]!, readArtifact: async () => Promise.reject(new Error('gone')) };
    await expect(bundleOf([unreadable])).rejects.toMatchObject({ code: 'BUNDLE_ARTIFACT_UNREADABLE' });
    await expect(bundleOf([captures[0]!, captures[0]!])).rejects.toMatchObject({ code: 'BUNDLE_DUPLICATE_CAPTURE' });
    const other = await makeTestKey();
    await expect(bundleOf(captures, other.signer)).rejects.toMatchObject({ code: 'BUNDLE_RECORD_OTHER_KEY' });
    const badSignature = { ...captures[0]!, stored: { ...captures[0]!.stored, signature: captures[1]!.stored.signature } };
    await expect(bundleOf([badSignature])).rejects.toMatchObject({ code: 'BUNDLE_RECORD_DAMAGED' });
  });
});

describe('verifyBundle on an untouched bundle', () => {
  it('says valid, lists the captures and the key fingerprint', async () => {
    const report = await verifyBundle(bundle);
    const serverDate = 'Fri, 02 Jan 2026 03:04:05 GMT';
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe(key.signer.keyId);
    expect(report.captures).toEqual([
      { id: ids[0], author: 'Some One (@someone)', permalink: 'https://x.com/someone/status/0', capturedAt: '2026-01-02T03:04:00.000Z', serverDate, timestamps: [] },
      { id: ids[1], author: '@mention (@someone)', permalink: 'https://x.com/someone/status/1', capturedAt: '2026-01-02T03:04:01.000Z', serverDate, timestamps: [] },
    ]);
    const checked = new Set(report.checks.map((c) => c.check));
    for (const check of ['manifest', 'signer-key', 'key-id', 'manifest-signature', 'file-hash', 'checksums', 'capture-record', 'capture-signature', 'artifact', 'sequence-chain']) {
      expect(checked, check).toContain(check);
    }
  });

  it('passes the stock-tool checks of VERIFY.txt: sha256sum -c, openssl dgst -verify, the key fingerprint', async () => {
    const root = unzip(bundle, 'untouched');
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: root }).status).toBe(0);
    const openssl = (sig: string, file: string) => execFileSync('openssl', ['dgst', '-sha256', '-verify', 'signer.pem', '-signature', sig, file], { cwd: root }).toString();
    expect(openssl('manifest.json.sig', 'manifest.json')).toContain('Verified OK');
    for (const id of ids) expect(openssl(`captures/${id}/capture.json.sig`, `captures/${id}/capture.json`)).toContain('Verified OK');
    const spki = execFileSync('openssl', ['pkey', '-pubin', '-in', 'signer.pem', '-outform', 'DER'], { cwd: root });
    expect(await sha256Hex(new Uint8Array(spki))).toBe(key.signer.keyId);
  });

  it('stays valid when re-packed with DEFLATE', async () => {
    expect((await verifyBundle(await rezip(bundle, () => {}, 'DEFLATE'))).verdict).toBe('valid');
  });

  it('notes a gap in sequence numbers without failing, when the capture in between is not in the bundle', async () => {
    const first = await makeCaptures(key, [{ text: 'one' }], 1);
    const third = await makeCaptures(key, [{ text: 'three' }], 3);
    const report = await verifyBundle(await bundleOf([...first, ...third]));
    expect(report.verdict).toBe('valid');
    expect(report.checks.find((c) => c.note)).toMatchObject({ check: 'sequence-chain', ok: true, message: expect.stringMatching(/not in this bundle/) });
  });
});

describe('verifyBundle on tampered bundles', () => {
  const flipLastByte = (files: Map<string, Uint8Array>, name: string) => {
    const data = files.get(name)!.slice();
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    files.set(name, data);
  };
  const cases: { name: string; mutate: (files: Map<string, Uint8Array>) => void; expected: () => { check: string; file: string }[]; sha256sumFails: boolean }[] = [
    {
      name: 'one byte of a media file',
      mutate: (files) => flipLastByte(files, `captures/${ids[0]}/media/1.jpg`),
      expected: () => [
        { check: 'file-hash', file: `captures/${ids[0]}/media/1.jpg` },
        { check: 'checksums', file: `captures/${ids[0]}/media/1.jpg` },
        { check: 'artifact', file: `captures/${ids[0]}/media/1.jpg` },
      ],
      sha256sumFails: true,
    },
    {
      name: 'one byte of capture.json',
      mutate: (files) => flipLastByte(files, `captures/${ids[1]}/capture.json`),
      expected: () => [
        { check: 'file-hash', file: `captures/${ids[1]}/capture.json` },
        { check: 'capture-signature', file: `captures/${ids[1]}/capture.json` },
      ],
      sha256sumFails: true,
    },
    {
      name: 'manifest.json edited',
      mutate: (files) => files.set('manifest.json', new TextEncoder().encode(new TextDecoder().decode(files.get('manifest.json')).replace('(test)', '(evil)'))),
      expected: () => [
        { check: 'manifest-signature', file: 'manifest.json' },
        { check: 'checksums', file: 'manifest.json' },
      ],
      sha256sumFails: true,
    },
    {
      name: 'a deleted screenshot',
      mutate: (files) => files.delete(`captures/${ids[0]}/screenshot.png`),
      expected: () => [
        { check: 'file-hash', file: `captures/${ids[0]}/screenshot.png` },
        { check: 'checksums', file: `captures/${ids[0]}/screenshot.png` },
        { check: 'artifact', file: `captures/${ids[0]}/screenshot.png` },
      ],
      sha256sumFails: true,
    },
    {
      name: 'an added file',
      mutate: (files) => files.set(`captures/${ids[0]}/extra.png`, new Uint8Array([1])),
      expected: () => [
        { check: 'unlisted-file', file: `captures/${ids[0]}/extra.png` },
        { check: 'checksums', file: `captures/${ids[0]}/extra.png` },
      ],
      sha256sumFails: false,
    },
    {
      name: 'a deleted capture.json signature',
      mutate: (files) => files.delete(`captures/${ids[1]}/capture.json.sig`),
      expected: () => [
        { check: 'file-hash', file: `captures/${ids[1]}/capture.json.sig` },
        { check: 'capture-signature', file: `captures/${ids[1]}/capture.json.sig` },
      ],
      sha256sumFails: true,
    },
  ];

  it.each(cases)('$name: invalid, naming the file and check', async ({ name, mutate, expected, sha256sumFails }) => {
    const tampered = await rezip(bundle, mutate);
    const report = await verifyBundle(tampered);
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual(expect.arrayContaining(expected()));
    for (const check of report.checks.filter((c) => !c.ok)) expect(check.file, check.message).toBeTruthy();
    const root = unzip(tampered, name.replace(/\W+/g, '-'));
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: root }).status !== 0).toBe(sha256sumFails);
  });

  it('a broken sequence chain (consecutive numbers, wrong previous hash) names the later capture', async () => {
    const first = await makeCaptures(key, [{ text: 'one' }], 1);
    const second = await makeCaptures(key, [{ text: 'two' }], 2);
    const report = await verifyBundle(await bundleOf([...first, ...second]));
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual([{ check: 'sequence-chain', file: `captures/${second[0]!.stored.id}/capture.json` }]);
  });

  it('a signer.pem swapped for another key fails the key id and every signature', async () => {
    const other = await makeTestKey();
    const report = await verifyBundle(await rezip(bundle, (files) => files.set('signer.pem', new TextEncoder().encode(spkiToPem(other.signer.publicKeySpki)))));
    expect(failed(report)).toEqual(
      expect.arrayContaining([
        { check: 'key-id', file: 'manifest.json' },
        { check: 'manifest-signature', file: 'manifest.json' },
        { check: 'capture-signature', file: `captures/${ids[0]}/capture.json` },
        { check: 'capture-record', file: `captures/${ids[0]}/capture.json` },
      ]),
    );
  });

  it('a ../evil entry is refused before anything is extracted', async () => {
    const report = await verifyBundle(await rezip(bundle, (files) => files.set('../evil', new Uint8Array([1]))));
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual([{ check: 'entry-name', file: '../evil' }]);
  });

  it.each(['/abs/path', 'captures\\x', 'a/./b', 'a//b'])('the entry name %s is refused', async (name) => {
    const report = await verifyBundle(await rezip(bundle, (files) => files.set(name, new Uint8Array([1]))));
    expect(failed(report)).toContainEqual({ check: 'entry-name', file: name });
  });

  it('input that is not a ZIP is invalid with a clear message, not an exception', async () => {
    for (const input of [new Uint8Array(), new TextEncoder().encode('this is a PDF, not a zip'), crypto.getRandomValues(new Uint8Array(5000))]) {
      const report = await verifyBundle(input);
      expect(report.verdict).toBe('invalid');
      expect(report.checks).toEqual([expect.objectContaining({ check: 'zip-open', ok: false, message: expect.stringMatching(/not a ZIP/) })]);
    }
  });

  it('a ZIP declaring more than 4 GiB unpacked is refused unread', async () => {
    const huge = bundle.slice();
    new DataView(huge.buffer).setUint32(firstDirectoryEntry(huge) + 24, 0xfffffff0, true);
    const report = await verifyBundle(huge);
    expect(report.checks).toEqual([expect.objectContaining({ check: 'zip-size', ok: false })]);
  });

  it('an entry that unpacks to more than its declared size is caught', async () => {
    const lying = bundle.slice();
    const view = new DataView(lying.buffer);
    // The first central-directory entry is manifest.json; make it claim one byte less than it holds.
    const at = firstDirectoryEntry(lying);
    view.setUint32(at + 24, view.getUint32(at + 24, true) - 1, true);
    const report = await verifyBundle(lying);
    expect(report.verdict).toBe('invalid');
    // A stored entry's two sizes must agree: the lie is caught when the ZIP is opened, before anything is unpacked.
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'zip-open', file: 'manifest.json', ok: false, message: expect.stringMatching(/declares two different sizes/) }));
  });
});
