// The WACZ verifier against an adversary (issue 13): a key holder who adds records or rewrites what people read and
// signs everything again, and a keyless one who forges, strips or swaps what the signatures bind. Each attack is built
// from a genuine export and must be refused naming the record or file; the keyless ones also fail the genuine
// VERIFY.txt run as written with stock tools.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../../test/support/tsa';
import { runVerifyGuide } from '../../../test/support/verify-guide-runner';
import { makeCaptures, makeTestKey, type TestKey } from '../../../test/support/bundle-captures';
import type { BundleCaptureSource, BundleTsaChain } from '../../evidence/capture-source';
import type { VerifyReport } from '../../evidence/verify-types';
import { formatChecksums } from '../../evidence/checksum-checks';
import { spkiToPem } from '../../provenance/ecdsa';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { GUIDE_ARCHIVE_NAME } from './verify-guide';
import { appendWarcRecord, datapackageStamper, pack, packageTimestamp, resealWacz, rewriteWarc, stampCapture, unpack } from '../../../test/support/wacz-tools';
import { writeWacz } from './wacz-writer';
import { verifyWacz } from './wacz-verifier';
import type { WarcRecordInput } from './warc-record';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const SOFTWARE = 'PostProof 0.1.0 (test)';
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const failed = (report: VerifyReport) => report.checks.filter((c) => !c.ok).map(({ check, file }) => ({ check, file }));
const permalink = (i: number) => `https://x.com/someone/status/${100 + i}`;

let key: TestKey;
let tsa: TestTsa;
let fakeDigicert: TestTsa;
let dir: string;
let captures: BundleCaptureSource[];
let ids: string[];
let wacz: Uint8Array;
/** The genuine VERIFY.txt: what a person holds when checking a tampered copy. */
let guide: string;

beforeAll(async () => {
  key = await makeTestKey();
  tsa = createTestTsa('PostProof WACZ TSA');
  fakeDigicert = createTestTsa('DigiCert Timestamp 2023', { rootSubject: '/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Assured ID Root CA' });
  dir = mkdtempSync(join(tmpdir(), 'postproof-wacz-attacks-'));
  const chains = new Map<string, BundleTsaChain>();
  const made = await makeCaptures(key, [{ text: 'first post', permalink: permalink(0) }, { text: 'second post', permalink: permalink(1) }]);
  captures = [await stampCapture(made[0]!, tsa, 'local', chains), made[1]!];
  ids = captures.map((c) => c.stored.id);
  wacz = await writeWacz({ captures, signer: key.signer, software: SOFTWARE, now: NOW, tsaChains: chains, stampDatapackage: datapackageStamper(tsa) });
  guide = text((await unpack(wacz)).get('VERIFY.txt'));
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  tsa?.remove();
  fakeDigicert?.remove();
});

function saved(zip: Uint8Array, name: string): string {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.wacz`);
  writeFileSync(file, zip);
  return file;
}

/** Files changed without the key: the signatures stay as they were. */
async function edited(zip: Uint8Array, change: (files: Map<string, Uint8Array>) => void | Promise<void>): Promise<Uint8Array> {
  const files = await unpack(zip);
  await change(files);
  return pack(files);
}

/** SHA256SUMS written again for the files as they are now (no key: its signature stays the genuine one's). */
async function rewriteSums(files: Map<string, Uint8Array>): Promise<void> {
  const lines = [];
  for (const [path, data] of files) if (!path.startsWith('SHA256SUMS')) lines.push({ path, sha256: await sha256Hex(data) });
  files.set('SHA256SUMS', utf8(formatChecksums(lines)));
}

function editDigest(files: Map<string, Uint8Array>, change: (digest: Record<string, unknown>) => void): void {
  const digest = JSON.parse(text(files.get('datapackage-digest.json'))) as Record<string, unknown>;
  change(digest);
  files.set('datapackage-digest.json', utf8(JSON.stringify(digest, null, 2)));
}

const replace = (files: Map<string, Uint8Array>, name: string, from: string, to: string) => {
  const before = text(files.get(name));
  if (!before.includes(from)) throw new Error(`${name} does not hold ${from}`);
  files.set(name, utf8(before.replace(from, to)));
};

describe('a key holder who signs everything again', () => {
  const planted = (type: string, targetUri: string, block: string, fields: [string, string][] = []): WarcRecordInput => ({
    type: type as WarcRecordInput['type'],
    recordId: `urn:uuid:${crypto.randomUUID()}`,
    date: '2026-01-02T03:04:00.000Z',
    targetUri,
    contentType: type === 'response' ? 'application/http;msgtype=response' : 'text/html',
    block: utf8(block),
    fields,
  });
  const cases: { name: string; change: (files: Map<string, Uint8Array>) => Promise<void> | void; expected: () => { check: string; file: string }[]; message?: RegExp }[] = [
    {
      name: 'a WARC response record added for some URL, with its index line',
      change: (files) => appendWarcRecord(files, planted('response', 'https://evil.example/planted', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>planted</p>')),
      expected: () => [
        { check: 'warc-record', file: 'archive/data.warc#https://evil.example/planted' },
        { check: 'readable-files', file: 'indexes/index.cdx' },
      ],
      message: /an answer no signed witness file calls for at this address and time/,
    },
    {
      name: 'a second resource record for a captured post, at its permalink and capture time',
      change: (files) => appendWarcRecord(files, planted('resource', permalink(0), '<article>another text</article>', [['WARC-Page-ID', ids[0]!], ['PostProof-Artifact-Path', 'post.html']])),
      expected: () => [
        { check: 'warc-record', file: `archive/data.warc#${permalink(0)}` },
        { check: 'readable-files', file: 'indexes/index.cdx' },
      ],
      message: /a second copy of a captured file/,
    },
    {
      name: 'a metadata record of no capture, not indexed',
      change: (files) => appendWarcRecord(files, { ...planted('metadata', 'metadata://postproof/notes/extra.json', '{}'), contentType: 'application/json' }, false),
      expected: () => [{ check: 'warc-record', file: 'archive/data.warc#metadata://postproof/notes/extra.json' }],
    },
    {
      name: "a captured screenshot's record served as HTML (its Content-Type changed, the index made again)",
      change: (files) =>
        rewriteWarc(files, (records) => records.map((r) => (r.head.includes(`urn:postproof:${ids[0]}/screenshot.png`) ? { ...r, head: r.head.replace('Content-Type: image/png', 'Content-Type: text/html') } : r))),
      expected: () => [{ check: 'warc-record', file: `archive/data.warc#urn:postproof:${ids[0]}/screenshot.png` }],
      message: /line 6 reads "Content-Type: text\/html" where PostProof writes "Content-Type: image\/png"/,
    },
    {
      name: "pages.jsonl's title changed",
      change: (files) => replace(files, 'pages/pages.jsonl', '"title":"Some One (@someone): first post"', '"title":"Someone Else (@someone): first post"'),
      expected: () => [{ check: 'readable-files', file: 'pages/pages.jsonl' }],
      message: /line 2 reads .*Someone Else/,
    },
    {
      name: "pages.jsonl's text changed",
      change: (files) => replace(files, 'pages/pages.jsonl', '"text":"second post"', '"text":"a different post"'),
      expected: () => [{ check: 'readable-files', file: 'pages/pages.jsonl' }],
      message: /line 3 reads/,
    },
    {
      name: "index.cdx pointing the first permalink at the second post's record",
      change: (files) => {
        const lines = text(files.get('indexes/index.cdx')).split('\n');
        const at = (url: string) => lines.findIndex((l) => l.includes(`"url":"${url}"`));
        const range = (line: string) => /"offset":\d+,"length":\d+/.exec(line)![0];
        lines[at(permalink(0))] = lines[at(permalink(0))]!.replace(range(lines[at(permalink(0))]!), range(lines[at(permalink(1))]!));
        files.set('indexes/index.cdx', utf8(lines.join('\n')));
      },
      expected: () => [{ check: 'readable-files', file: 'indexes/index.cdx' }],
    },
  ];

  it.each(cases)('$name: refused, naming the record or file', async ({ change, expected, message }) => {
    const report = await verifyWacz(await resealWacz(wacz, key.signer, { files: change }));
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual(expected());
    if (message) expect(report.checks.filter((c) => !c.ok).map((c) => c.message).join('\n')).toMatch(message);
  });

  it("datapackage.json's title changed is refused; the untouched WACZ resealed the same way is valid", async () => {
    expect(failed(await verifyWacz(await resealWacz(wacz, key.signer, { datapackage: (d) => void (d.title = 'PostProof: 3 captures') })))).toEqual([{ check: 'readable-files', file: 'datapackage.json' }]);
    expect(failed(await verifyWacz(await resealWacz(wacz, key.signer)))).toEqual([]);
  });

  it('a package token by a self-made root named DigiCert is noted as "time not anchored", never shown as trusted time', async () => {
    const forged = await resealWacz(wacz, key.signer, { timestamp: (bytes) => packageTimestamp(fakeDigicert, bytes, 'DigiCert') });
    const report = await verifyWacz(forged);
    const token = report.checks.find((c) => c.file === 'datapackage-digest.json#timestamp');
    expect(token).toMatchObject({ ok: true, note: true, message: expect.stringMatching(/time not anchored.*CN=DigiCert Assured ID Root CA/) });
    expect(report.checks.some((c) => /anchored in/.test(c.message))).toBe(false);
  });

  it('a digest signed by another key than signer.pem’s is refused', async () => {
    const other = await makeTestKey();
    expect(failed(await verifyWacz(await resealWacz(wacz, key.signer, { digestSigner: other.signer })))).toEqual([{ check: 'datapackage-key', file: 'datapackage-digest.json' }]);
  });

  it('the whole WACZ signed again by another key is refused by its capture records, its VERIFY.txt and the pin', async () => {
    const forger = await makeTestKey();
    const disguised = await resealWacz(wacz, forger.signer);
    expect(failed(await verifyWacz(disguised))).toEqual([
      { check: 'capture-record', file: `archive/data.warc#metadata://postproof/${ids[0]}` },
      { check: 'capture-record', file: `archive/data.warc#metadata://postproof/${ids[1]}` },
      { check: 'readable-files', file: 'VERIFY.txt' },
    ]);
    expect(failed(await verifyWacz(disguised, { expectKey: key.signer.keyId }))).toContainEqual({ check: 'signer-pin', file: undefined });
    expect(runVerifyGuide(saved(disguised, 'disguised'), guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME).failed?.command).toBe('openssl pkey -pubin -in signer.pem -outform DER | sha256sum');
  });

  it("an imported capture whose own key record was dropped is refused: its record names a key the WACZ does not carry", async () => {
    const other = await makeTestKey();
    const [foreign] = await makeCaptures(other, [{ text: 'made elsewhere' }], 40);
    const imported = { ...foreign!, stored: { ...foreign!.stored, foreignSigner: { keyId: other.signer.keyId, spki: other.signer.publicKeySpki, importedAt: NOW.toISOString() } } };
    const mixed = await writeWacz({ captures: [captures[1]!, imported], signer: key.signer, software: SOFTWARE, now: NOW });
    const dropped = await resealWacz(mixed, key.signer, { files: (files) => rewriteWarc(files, (records) => records.filter((r) => !r.head.includes(`${imported.stored.id}/signer.pem`))) });
    expect(failed(await verifyWacz(dropped))).toEqual([{ check: 'capture-record', file: `archive/data.warc#metadata://postproof/${imported.stored.id}` }]);
  });
});

describe('a keyless attacker', () => {
  it('one WARC byte changed: refused by SHA256SUMS, datapackage.json, the record digest, the signed artifact hash and the index', async () => {
    const changed = await edited(wacz, (files) => {
      const warc = files.get('archive/data.warc')!.slice();
      const at = Buffer.from(warc).indexOf('<article>first') + 10;
      warc[at] = warc[at]! ^ 0x01;
      files.set('archive/data.warc', warc);
    });
    expect(failed(await verifyWacz(changed))).toEqual([
      { check: 'checksums', file: 'archive/data.warc' },
      { check: 'file-hash', file: 'archive/data.warc' },
      { check: 'warc', file: `archive/data.warc#${permalink(0)}` },
      { check: 'artifact', file: `archive/data.warc#${permalink(0)}` },
      // The index's digests are those of the genuine record.
      { check: 'readable-files', file: 'indexes/index.cdx' },
    ]);
    expect(runVerifyGuide(saved(changed, 'warc-byte'), guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME).failed?.command).toBe('sha256sum --strict -c SHA256SUMS');
  });

  it('a package token made by a self-made "DigiCert" root, dated years before the export, with SHA256SUMS rewritten: refused', async () => {
    // The export says 2030; the forged token (made now) is years earlier, as a token backdated to 2020 would be.
    const future = await writeWacz({ captures, signer: key.signer, software: SOFTWARE, now: new Date('2030-01-01T00:00:00.000Z') });
    const forged = await edited(future, async (files) => {
      const timestamp = await packageTimestamp(fakeDigicert, files.get('datapackage.json')!, 'DigiCert');
      editDigest(files, (digest) => void (digest.timestamp = timestamp));
      await rewriteSums(files);
    });
    const report = await verifyWacz(forged);
    expect(failed(report)).toEqual([
      { check: 'checksums-signature', file: 'SHA256SUMS' },
      { check: 'timestamp-order', file: 'datapackage-digest.json#timestamp' },
    ]);
    expect(report.checks.find((c) => c.check === 'timestamp-order')?.message).toMatch(/before the time datapackage\.json gives itself \(2030-01-01T00:00:00\.000Z/);
    const futureGuide = text((await unpack(future)).get('VERIFY.txt'));
    expect(runVerifyGuide(saved(forged, 'forged-token'), futureGuide, { 'tsa-root.pem': fakeDigicert.caPem }, GUIDE_ARCHIVE_NAME).failed?.command).toBe('openssl dgst -sha256 -verify signer.pem -signature SHA256SUMS.sig SHA256SUMS');
  });

  it('the package token stripped: refused by SHA256SUMS (and by its signature when SHA256SUMS is rewritten too)', async () => {
    const stripped = await edited(wacz, (files) => editDigest(files, (digest) => delete digest.timestamp));
    expect(failed(await verifyWacz(stripped))).toEqual([{ check: 'checksums', file: 'datapackage-digest.json' }]);
    expect(runVerifyGuide(saved(stripped, 'stripped'), guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME).failed?.command).toBe('sha256sum --strict -c SHA256SUMS');
    const covered = await edited(wacz, async (files) => {
      editDigest(files, (digest) => delete digest.timestamp);
      await rewriteSums(files);
    });
    expect(failed(await verifyWacz(covered))).toEqual([{ check: 'checksums-signature', file: 'SHA256SUMS' }]);
  });

  it('signer.pem swapped for another key: refused by SHA256SUMS.sig, the digest key, the capture records and VERIFY.txt', async () => {
    const other = await makeTestKey();
    const swapped = await edited(wacz, (files) => void files.set('signer.pem', utf8(spkiToPem(other.signer.publicKeySpki))));
    expect(failed(await verifyWacz(swapped))).toEqual([
      { check: 'checksums-signature', file: 'SHA256SUMS' },
      { check: 'checksums', file: 'signer.pem' },
      { check: 'file-hash', file: 'signer.pem' },
      { check: 'datapackage-key', file: 'datapackage-digest.json' },
      { check: 'capture-record', file: `archive/data.warc#metadata://postproof/${ids[0]}` },
      { check: 'capture-record', file: `archive/data.warc#metadata://postproof/${ids[1]}` },
      { check: 'readable-files', file: 'VERIFY.txt' },
    ]);
    expect(runVerifyGuide(saved(swapped, 'swapped'), guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME).failed?.command).toBe('openssl pkey -pubin -in signer.pem -outform DER | sha256sum');
  });

  it('a file added at the root: refused by SHA256SUMS and the layout', async () => {
    const added = await edited(wacz, (files) => void files.set('extraPages.jsonl', utf8('{}\n')));
    expect(failed(await verifyWacz(added))).toEqual([
      { check: 'checksums', file: 'extraPages.jsonl' },
      { check: 'unexpected-file', file: 'extraPages.jsonl' },
    ]);
  });
});
