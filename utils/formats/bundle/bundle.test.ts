// The evidence bundle written and verified: the DESIGN.md §5 layout, the stock recipe of its VERIFY.txt run as
// written, and the verifier on bundles tampered with as an adversary would, with and without the key.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa } from '../../../test/support/tsa';
import { runVerifyGuide } from '../../../test/support/verify-guide-runner';
import type { PinnedRoot } from '../../provenance/tsa-roots';
import { pemCertificates } from '../../provenance/tsa-token';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { verifyBundle, writeBundle, type BundleCaptureSource, type VerifyReport } from './index';
import { makeCaptures, makeTestKey, resealBundle, zipNames, type TestKey } from '../../../test/support/bundle-captures';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const HOSTILE_TEXT = '<script>alert("x")</script> =HYPERLINK("http://evil") "quoted", text\nمرحبا';

let key: TestKey;
let captures: BundleCaptureSource[];
let bundle: Uint8Array;
let dir: string;
let ids: string[];
/** The genuine bundle's VERIFY.txt: what a person holds when checking a tampered copy. */
let guide: string;

async function bundleOf(sources: BundleCaptureSource[] | AsyncIterable<BundleCaptureSource>, signer = key.signer): Promise<Uint8Array> {
  return writeBundle({ captures: sources, signer, software: 'PostProof 0.1.0 (test)', now: NOW });
}

/** Load, change and re-pack a bundle with jszip, keeping entry order, without signing anything again. */
async function rezip(zip: Uint8Array, mutate: (files: Map<string, Uint8Array>) => void, compression: 'STORE' | 'DEFLATE' = 'STORE'): Promise<Uint8Array> {
  const loaded = await JSZip.loadAsync(zip);
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(loaded.files)) files.set(name, await loaded.file(name)!.async('uint8array'));
  mutate(files);
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data, { createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression });
}

async function fileOf(zip: Uint8Array, name: string): Promise<string> {
  return (await JSZip.loadAsync(zip)).file(name)!.async('string');
}

function saved(zip: Uint8Array, name: string): string {
  const file = join(dir, `${name}.zip`);
  writeFileSync(file, zip);
  return file;
}

function failed(report: VerifyReport): { check: string; file?: string }[] {
  return report.checks.filter((c) => !c.ok).map(({ check, file }) => ({ check, file }));
}

beforeAll(async () => {
  key = await makeTestKey();
  captures = await makeCaptures(key, [{ text: HOSTILE_TEXT }, { text: 'second post', authorName: '@mention' }]);
  ids = captures.map((c) => c.stored.id);
  bundle = await bundleOf(captures);
  guide = await fileOf(bundle, 'VERIFY.txt');
  dir = mkdtempSync(join(tmpdir(), 'postproof-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeBundle', () => {
  it('writes the DESIGN.md §5 layout in a fixed order, every entry STORED, that the strict reader accepts', async () => {
    const capture = (id: string) => ['capture.json', 'capture.json.sig', 'media/1.jpg', 'post.html', 'screenshot.png'].map((f) => `captures/${id}/${f}`);
    expect(await zipNames(bundle)).toEqual([
      'manifest.json',
      'manifest.json.sig',
      'SHA256SUMS',
      'SHA256SUMS.sig',
      'signer.pem',
      'VERIFY.txt',
      'report.html',
      'captures.csv',
      'captures.jsonl',
      ...capture(ids[0]!),
      ...capture(ids[1]!),
    ]);
  });

  it('keeps capture.json and its signature byte for byte; the manifest lists every file but the four that cover it', async () => {
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
    expect(listed).toEqual((await zipNames(bundle)).filter((n) => !['manifest.json', 'manifest.json.sig', 'SHA256SUMS', 'SHA256SUMS.sig'].includes(n)));
    const sums = await zip.file('SHA256SUMS')!.async('string');
    expect(sums.split('\n').filter(Boolean).map((line) => line.slice(66))).toEqual((await zipNames(bundle)).filter((n) => n !== 'SHA256SUMS' && n !== 'SHA256SUMS.sig'));
  });

  it('orders captures by sequence whatever the input order, and gives the same files for the same input', async () => {
    const reversed = await bundleOf([...captures].reverse());
    expect(await zipNames(reversed)).toEqual(await zipNames(bundle));
    const [a, b] = await Promise.all([JSZip.loadAsync(bundle), JSZip.loadAsync(reversed)]);
    // Signatures are randomized (ECDSA), so they and SHA256SUMS (which lists the manifest's) differ; nothing else.
    for (const name of Object.keys(a.files).filter((n) => !['manifest.json.sig', 'SHA256SUMS', 'SHA256SUMS.sig'].includes(n))) {
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
    const names = await zipNames(zip);
    expect(names).toContain(`captures/${ids[0]}/notes.json`);
    expect(names).not.toContain(`captures/${ids[1]}/notes.json`);
    expect(failed(await verifyBundle(zip))).toEqual([]);
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
  it('says valid, lists the captures, names the key and says it is not pinned', async () => {
    const report = await verifyBundle(bundle);
    const serverDate = 'Fri, 02 Jan 2026 03:04:05 GMT';
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe(key.signer.keyId);
    const keyId = key.signer.keyId;
    expect(report.captures).toEqual([
      { id: ids[0], author: 'Some One (@someone)', permalink: 'https://x.com/someone/status/0', capturedAt: '2026-01-02T03:04:00.000Z', serverDate, timestamps: [], keyId },
      { id: ids[1], author: '@mention (@someone)', permalink: 'https://x.com/someone/status/1', capturedAt: '2026-01-02T03:04:01.000Z', serverDate, timestamps: [], keyId },
    ]);
    expect(report.signers).toEqual([{ keyId, role: 'exporter', pinned: false, captures: ids }]);
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'signer-pin', ok: true, note: true, message: expect.stringMatching(/not pinned/) }));
    const checked = new Set(report.checks.map((c) => c.check));
    for (const check of ['signer-key', 'checksums-signature', 'checksums', 'manifest', 'manifest-signature', 'file-hash', 'capture-signature', 'artifact', 'sequence-chain', 'readable-files']) {
      expect(checked, check).toContain(check);
    }
  });

  it('pins the signer: --expect-key and a trusted list accept the right key and refuse another', async () => {
    const other = await makeTestKey();
    expect((await verifyBundle(bundle, { expectKey: key.signer.keyId.toUpperCase().match(/../g)!.join(':') })).verdict).toBe('valid');
    expect((await verifyBundle(bundle, { trustedKeys: [{ keyId: key.signer.keyId, label: 'Newsroom laptop' }] })).signers?.[0]).toMatchObject({ pinned: true, label: 'Newsroom laptop' });
    expect(failed(await verifyBundle(bundle, { expectKey: other.signer.keyId }))).toEqual([{ check: 'signer-pin' }]);
    expect(failed(await verifyBundle(bundle, { trustedKeys: [{ keyId: other.signer.keyId }] }))).toEqual([{ check: 'signer-pin' }]);
  });

  it('passes its own VERIFY.txt, run as written with stock tools (unzip, openssl, sha256sum, jq, find, diff)', () => {
    const run = runVerifyGuide(saved(bundle, 'untouched'), guide);
    expect(run.failed).toBeUndefined();
    expect(run.steps).toBeGreaterThan(10);
  });

  it('is refused when re-packed with DEFLATE: a verifier and unzip would no longer read the same bytes as PostProof wrote', async () => {
    expect(failed(await verifyBundle(await rezip(bundle, () => {}, 'DEFLATE')))).toContainEqual(expect.objectContaining({ check: 'zip-structure' }));
  });

  it('notes a gap in sequence numbers without failing, when the capture in between is not in the bundle', async () => {
    const first = await makeCaptures(key, [{ text: 'one' }], 1);
    const third = await makeCaptures(key, [{ text: 'three' }], 3);
    const report = await verifyBundle(await bundleOf([...first, ...third]));
    expect(report.verdict).toBe('valid');
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'sequence-chain', ok: true, note: true, message: expect.stringMatching(/not in this bundle/) }));
  });
});

describe('verifyBundle and the stock recipe on bundles changed without the key', () => {
  const flipLastByte = (files: Map<string, Uint8Array>, name: string) => {
    const data = files.get(name)!.slice();
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    files.set(name, data);
  };
  const rewriteSums = async (files: Map<string, Uint8Array>) => {
    const lines: string[] = [];
    for (const [path, data] of files) if (path !== 'SHA256SUMS' && path !== 'SHA256SUMS.sig') lines.push(`${await sha256Hex(data)}  ${path}\n`);
    files.set('SHA256SUMS', utf8(lines.join('')));
  };
  const cases: { name: string; mutate: (files: Map<string, Uint8Array>) => void | Promise<void>; expected: () => { check: string; file: string }[] }[] = [
    {
      name: 'one byte of a media file',
      mutate: (files) => flipLastByte(files, `captures/${ids[0]}/media/1.jpg`),
      expected: () => [
        { check: 'checksums', file: `captures/${ids[0]}/media/1.jpg` },
        { check: 'file-hash', file: `captures/${ids[0]}/media/1.jpg` },
        { check: 'artifact', file: `captures/${ids[0]}/media/1.jpg` },
      ],
    },
    {
      name: 'a media file and report.html edited, SHA256SUMS rewritten to match',
      mutate: async (files) => {
        flipLastByte(files, `captures/${ids[0]}/media/1.jpg`);
        files.set('report.html', utf8(new TextDecoder().decode(files.get('report.html')).replace('Some One', 'Someone Else')));
        await rewriteSums(files);
      },
      expected: () => [
        { check: 'checksums-signature', file: 'SHA256SUMS' },
        { check: 'artifact', file: `captures/${ids[0]}/media/1.jpg` },
        { check: 'file-hash', file: 'report.html' },
      ],
    },
    {
      name: 'a capture dropped, SHA256SUMS rewritten to match',
      mutate: async (files) => {
        for (const name of [...files.keys()]) if (name.startsWith(`captures/${ids[1]}/`)) files.delete(name);
        await rewriteSums(files);
      },
      expected: () => [
        { check: 'checksums-signature', file: 'SHA256SUMS' },
        { check: 'file-hash', file: `captures/${ids[1]}/capture.json` },
      ],
    },
    {
      name: 'a word of capture.json',
      mutate: (files) => void files.set(`captures/${ids[1]}/capture.json`, utf8(new TextDecoder().decode(files.get(`captures/${ids[1]}/capture.json`)).replace('second post', 'second pest'))),
      expected: () => [
        { check: 'file-hash', file: `captures/${ids[1]}/capture.json` },
        { check: 'capture-signature', file: `captures/${ids[1]}/capture.json` },
      ],
    },
    {
      name: 'a file added, SHA256SUMS rewritten to list it',
      mutate: async (files) => {
        files.set(`captures/${ids[0]}/media/2.jpg`, new Uint8Array([1]));
        await rewriteSums(files);
      },
      expected: () => [
        { check: 'checksums-signature', file: 'SHA256SUMS' },
        { check: 'unlisted-file', file: `captures/${ids[0]}/media/2.jpg` },
        { check: 'unexpected-file', file: `captures/${ids[0]}/media/2.jpg` },
      ],
    },
    {
      // find's `-name` matches at any depth: DESIGN.md §5's `! -name SHA256SUMS` step skipped a planted sub-folder file.
      name: 'a file named SHA256SUMS planted in a sub-folder',
      mutate: (files) => void files.set('tsa/SHA256SUMS', utf8('All files verified by the newsroom. Nothing to see.\n')),
      expected: () => [
        { check: 'checksums', file: 'tsa/SHA256SUMS' },
        { check: 'unexpected-file', file: 'tsa/SHA256SUMS' },
      ],
    },
    {
      name: 'SHA256SUMS.sig removed',
      mutate: (files) => files.delete('SHA256SUMS.sig'),
      expected: () => [{ check: 'checksums-signature', file: 'SHA256SUMS.sig' }],
    },
  ];

  it.each(cases)('$name: invalid, naming the file and check; the stock recipe of the genuine VERIFY.txt fails', async ({ name, mutate, expected }) => {
    const tampered = await rezip(bundle, () => {});
    const changed = await (async () => {
      const loaded = await JSZip.loadAsync(tampered);
      const files = new Map<string, Uint8Array>();
      for (const n of Object.keys(loaded.files)) files.set(n, await loaded.file(n)!.async('uint8array'));
      await mutate(files);
      const out = new JSZip();
      for (const [n, data] of files) out.file(n, data, { createFolders: false });
      return out.generateAsync({ type: 'uint8array', compression: 'STORE' });
    })();
    const report = await verifyBundle(changed);
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual(expect.arrayContaining(expected()));
    expect(runVerifyGuide(saved(changed, name.replace(/\W+/g, '-')), guide).ok).toBe(false);
  });

  it('a signer.pem swapped for another key fails every signature', async () => {
    const other = await makeTestKey();
    const { spkiToPem } = await import('../../provenance/ecdsa');
    const report = await verifyBundle(await rezip(bundle, (files) => files.set('signer.pem', utf8(spkiToPem(other.signer.publicKeySpki)))));
    expect(failed(report)).toEqual(expect.arrayContaining([{ check: 'checksums-signature', file: 'SHA256SUMS' }, { check: 'manifest-signature', file: 'manifest.json' }, { check: 'key-id', file: 'manifest.json' }]));
  });

  it('input that is not a ZIP is invalid with a clear message, not an exception', async () => {
    for (const input of [new Uint8Array(), utf8('this is a PDF, not a zip'), crypto.getRandomValues(new Uint8Array(5000))]) {
      const report = await verifyBundle(input);
      expect(report.verdict).toBe('invalid');
      expect(report.checks).toEqual([expect.objectContaining({ check: 'zip-open', ok: false, message: expect.stringMatching(/not a ZIP/) })]);
    }
  });
});

describe('verifyBundle on bundles signed again by a key holder', () => {
  it('a file slipped into a capture folder at export is refused, though every signature holds', async () => {
    const added = await resealBundle(bundle, key.signer, { files: (files) => void files.set(`captures/${ids[0]}/media/extra.jpg`, new Uint8Array([9, 9, 9])) });
    expect(failed(await verifyBundle(added))).toEqual([{ check: 'unexpected-file', file: `captures/${ids[0]}/media/extra.jpg` }]);
    const run = runVerifyGuide(saved(added, 'slipped-in'), await fileOf(added, 'VERIFY.txt'));
    expect(run.failed?.command).toMatch(/^\(cd captures\//);
  });

  it('report.html or a captures.jsonl row that contradicts the signed record is refused, naming the field', async () => {
    const report = await resealBundle(bundle, key.signer, { files: (files) => void files.set('report.html', utf8(new TextDecoder().decode(files.get('report.html')).replace('second post', 'a different post'))) });
    expect(failed(await verifyBundle(report))).toEqual([{ check: 'readable-files', file: 'report.html' }]);
    const jsonl = await resealBundle(bundle, key.signer, { files: (files) => void files.set('captures.jsonl', utf8(new TextDecoder().decode(files.get('captures.jsonl')).replace('"authorName":"@mention"', '"authorName":"Someone Else"'))) });
    const checks = (await verifyBundle(jsonl)).checks.filter((c) => !c.ok);
    expect(checks.map((c) => c.file)).toEqual(['captures.jsonl']);
    expect(checks[0]!.message).toMatch(/"authorName" is "Someone Else".*"@mention"/);
  });

  it('a bundle made and signed by another key, keeping the genuine fingerprint in report.html and VERIFY.txt, is refused by its readable files and by the pin', async () => {
    const forger = await makeTestKey();
    const forged = await writeBundle({ captures: await makeCaptures(forger, [{ text: 'forged' }]), signer: forger.signer, software: 'PostProof 0.1.0 (test)', now: NOW });
    const disguised = await resealBundle(forged, forger.signer, {
      files: (files) => {
        for (const name of ['report.html', 'VERIFY.txt']) files.set(name, utf8(new TextDecoder().decode(files.get(name)).replaceAll(forger.signer.keyId, key.signer.keyId)));
      },
    });
    const unpinned = await verifyBundle(disguised);
    expect(failed(unpinned)).toEqual([{ check: 'readable-files', file: 'report.html' }, { check: 'readable-files', file: 'VERIFY.txt' }]);
    expect(failed(await verifyBundle(disguised, { expectKey: key.signer.keyId }))).toContainEqual({ check: 'signer-pin' });
    const run = runVerifyGuide(saved(disguised, 'disguised'), guide);
    expect(run.failed?.command).toBe('openssl pkey -pubin -in signer.pem -outform DER | sha256sum');
  });
});

describe('imported captures', () => {
  it('travel with their own key: valid, their fingerprint named, and the stock recipe checks them with captures/<id>/signer.pem', async () => {
    const other = await makeTestKey();
    const [foreign] = await makeCaptures(other, [{ text: 'made elsewhere' }], 40);
    const imported = { ...foreign!, stored: { ...foreign!.stored, foreignSigner: { keyId: other.signer.keyId, spki: other.signer.publicKeySpki, importedAt: NOW.toISOString() } } };
    const zip = await bundleOf([...captures, imported]);
    const report = await verifyBundle(zip);
    expect(failed(report)).toEqual([]);
    expect(report.signers).toEqual([
      { keyId: key.signer.keyId, role: 'exporter', pinned: false, captures: ids },
      { keyId: other.signer.keyId, role: 'capture', pinned: false, captures: [imported.stored.id] },
    ]);
    const guide = await fileOf(zip, 'VERIFY.txt');
    expect(guide).toContain(`-verify captures/${imported.stored.id}/signer.pem -signature`);
    expect(runVerifyGuide(saved(zip, 'imported'), guide).failed).toBeUndefined();
    expect(spawnSync('unzip', ['-tq', saved(zip, 'imported-t')]).status).toBe(0);
    expect(execFileSync('unzip', ['-Z1', saved(zip, 'imported-z')]).toString()).toContain(`captures/${imported.stored.id}/signer.pem`);
  });
});

describe('trusted time in a bundle', () => {
  /** A capture of `captures` stamped by `tsa`: its token, with the certificates the token carried as the authority's chain. */
  async function stamped(tsa: ReturnType<typeof createTestTsa>, tsaId: string, tsaName: string) {
    const [capture] = await makeCaptures(key, [{ text: 'stamped post' }], 60);
    const tsr = new Uint8Array(await tsa.reply(await tsa.query(capture!.stored.recordSha256)));
    const { tokenChainRoot } = await import('../../provenance/tsa-anchor');
    const chain = await tokenChainRoot(tsr, [], []);
    const source = { ...capture!, stamps: [{ tsaId, tsaName, tsr, genTime: chain.genTime }] };
    return { source, tsr };
  }

  it('a preset authority’s token: its pinned root is shipped, VERIFY.txt names where to get it, and the time is anchored in the pinned root', async () => {
    // The local authority plays a preset whose root PostProof pins; its tokens carry only the TSA's own certificate.
    const tsa = createTestTsa('Preset Test TSA', { embedCaCertificates: false });
    try {
      const der = pemCertificates(tsa.caPem)[0]!;
      const preset: PinnedRoot = {
        authority: 'Preset Test',
        presets: ['preset-test'],
        subject: 'CN=PostProof Test TSA Root',
        sha256: await sha256Hex(der),
        obtainFrom: 'http://crt.example.test/root.crt',
        provenance: 'made by the test',
        derBase64: Buffer.from(der).toString('base64'),
      };
      const { source } = await stamped(tsa, 'preset-test', 'Preset Test');
      const chains = new Map([['preset-test', { name: 'Preset Test', url: 'http://tsa.example.test', certificates: pemCertificates(tsa.tsaCertPem) }]]);
      const zip = await writeBundle({ captures: [source], signer: key.signer, software: 'PostProof test', now: NOW, tsaChains: chains, pinnedRoots: [preset] });
      const shipped = pemCertificates(await fileOf(zip, 'tsa/preset-test.pem'));
      expect(await Promise.all(shipped.map(sha256Hex))).toContain(preset.sha256);
      const report = await verifyBundle(zip, { pinnedRoots: [preset] });
      expect(failed(report)).toEqual([]);
      expect(report.captures[0]!.timestamps).toEqual([expect.objectContaining({ tsa: 'CN=Preset Test TSA', anchor: { kind: 'pinned', label: 'Preset Test', rootSha256: preset.sha256 } })]);
      const verifyText = await fileOf(zip, 'VERIFY.txt');
      expect(verifyText).toContain(preset.sha256);
      expect(verifyText).toContain(preset.obtainFrom);
      expect(runVerifyGuide(saved(zip, 'preset'), verifyText, { 'preset-test-root.pem': tsa.caPem }).failed).toBeUndefined();
      // A fingerprint comment in tsa/ that is not the certificate's own misleads a reader: refused, though re-signed.
      const misleading = await resealBundle(zip, key.signer, {
        files: (files) => void files.set('tsa/preset-test.pem', utf8(new TextDecoder().decode(files.get('tsa/preset-test.pem')).replace(/# SHA-256 fingerprint: ([0-9A-F:]{95})/, '# SHA-256 fingerprint: 55:2F:7B:DC:F1:A7:AF:9E:6C:E6:72:01:7F:4F:12:AB:F7:72:40:C7:8E:76:1A:C2:03:D1:D9:D2:0A:C8:99:88'))),
      });
      expect(failed(await verifyBundle(misleading, { pinnedRoots: [preset] }))).toContainEqual({ check: 'tsa-certificate', file: 'tsa/preset-test.pem' });
      // Without the pin, the shipped root anchors nothing: a note, no trusted time, verdict valid.
      const unpinned = await verifyBundle(zip);
      expect(unpinned.verdict).toBe('valid');
      expect(unpinned.captures[0]!.timestamps).toEqual([]);
      expect(unpinned.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', note: true, message: expect.stringMatching(/time not anchored/) }));
    } finally {
      tsa.remove();
    }
  });

  it('an export walks each signing certificate’s chain once and says exactly what a walk for every token says', async () => {
    const tsa = createTestTsa('Busy TSA', { embedCaCertificates: false });
    try {
      const sources = await makeCaptures(key, [{ text: 'one' }, { text: 'two' }, { text: 'three' }], 80);
      const signerSha256 = await sha256Hex(pemCertificates(tsa.tsaCertPem)[0]!);
      const { tokenChainRoot } = await import('../../provenance/tsa-anchor');
      const stamped = [];
      for (const source of sources) {
        const tsr = new Uint8Array(await tsa.reply(await tsa.query(source.stored.recordSha256)));
        stamped.push({ ...source, stamps: [{ tsaId: 'busy', tsaName: 'Busy', tsr, genTime: (await tokenChainRoot(tsr, [], [])).genTime }] });
      }
      const chains = () => new Map([['busy', { name: 'Busy', url: 'http://busy.example.test', certificates: pemCertificates(tsa.tsaCertPem) }]]);
      const perToken = await writeBundle({ captures: stamped, signer: key.signer, software: 'PostProof test', now: NOW, tsaChains: chains() });
      const reused = await writeBundle({ captures: stamped.map((s) => ({ ...s, stamps: s.stamps.map((t) => ({ ...t, signerSha256 })) })), signer: key.signer, software: 'PostProof test', now: NOW, tsaChains: chains() });
      for (const name of ['captures.jsonl', 'report.html', 'VERIFY.txt', 'tsa/busy.pem']) expect(await fileOf(reused, name), name).toBe(await fileOf(perToken, name));
      expect(failed(await verifyBundle(reused, { tsaRoots: pemCertificates(tsa.caPem) }))).toEqual([]);
    } finally {
      tsa.remove();
    }
  });

  it('a self-made root named DigiCert shipped in the bundle is never trusted, and the stock recipe with the real root refuses the token', async () => {
    const fake = createTestTsa('DigiCert Timestamp 2023', { rootSubject: '/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Trusted Root G4' });
    try {
      const { source } = await stamped(fake, 'digicert', 'DigiCert');
      const zip = await writeBundle({ captures: [source], signer: key.signer, software: 'PostProof test', now: NOW });
      const report = await verifyBundle(zip);
      expect(report.captures[0]!.timestamps).toEqual([]);
      expect(report.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', ok: true, note: true, message: expect.stringMatching(/time not anchored.*DigiCert Trusted Root G4.*shipped in the file/) }));
      const realRoot = execFileSync('openssl', ['x509', '-in', '/etc/ssl/certs/DigiCert_Trusted_Root_G4.pem']).toString();
      const run = runVerifyGuide(saved(zip, 'fake-digicert'), await fileOf(zip, 'VERIFY.txt'), { 'digicert-root.pem': realRoot });
      expect(run.failed?.command).toMatch(/^openssl (x509|ts -verify)/);
    } finally {
      fake.remove();
    }
  });

  it('a token made before the capture record says it was made is refused', async () => {
    const tsa = createTestTsa();
    try {
      // The record claims a capture a day from now; a real token over it, made now, predates it.
      const [capture] = await makeCaptures(key, [{ text: 'from the future' }], 70);
      const record = JSON.parse(new TextDecoder().decode(capture!.stored.recordBytes));
      record.capturedAt = new Date(Date.now() + 86_400_000).toISOString();
      const recordBytes = utf8(JSON.stringify(record, null, 2));
      const recordSha256 = await sha256Hex(recordBytes);
      const { signDer } = await import('../../provenance/ecdsa');
      const tsr = new Uint8Array(await tsa.reply(await tsa.query(recordSha256)));
      const { tokenChainRoot } = await import('../../provenance/tsa-anchor');
      const source = {
        ...capture!,
        stored: { ...capture!.stored, capturedAt: record.capturedAt, recordBytes, recordSha256, signature: await signDer(key.privateKey, recordBytes) },
        stamps: [{ tsaId: 'test', tsaName: 'Test', tsr, genTime: (await tokenChainRoot(tsr, [], [])).genTime }],
      };
      const zip = await writeBundle({ captures: [source], signer: key.signer, software: 'PostProof test', now: NOW });
      for (const options of [{}, { tsaRoots: pemCertificates(tsa.caPem) }]) {
        const report = await verifyBundle(zip, options);
        expect(failed(report)).toEqual([{ check: 'timestamp-order', file: `captures/${source.stored.id}/capture.json.tsr` }]);
      }
    } finally {
      tsa.remove();
    }
  });
});

