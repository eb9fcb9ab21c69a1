// The WACZ as PostProof writes it (docs/wacz.md): the layout the strict reader accepts, every record indexed at its
// byte range, valid by the verifier, its VERIFY.txt run as written with stock tools, the package token anchored only
// in a root given from outside, and an imported capture checked with its own key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../../test/support/tsa';
import { runVerifyGuide } from '../../../test/support/verify-guide-runner';
import { makeCaptures, makeTestKey, zipNames, type TestKey } from '../../../test/support/bundle-captures';
import type { BundleCaptureSource, BundleTsaChain } from '../../evidence/capture-source';
import type { VerifyReport } from '../../evidence/verify-types';
import { sha256Hex } from '../../provenance/hash';
import { pemCertificates } from '../../provenance/tsa-token';
import { bytesSource } from '../../zip/source';
import { parseCdxj } from './cdxj';
import { GUIDE_ARCHIVE_NAME } from './verify-guide';
import { datapackageStamper, stampCapture, unpack } from '../../../test/support/wacz-tools';
import { writeWacz } from './wacz-writer';
import { verifyWacz } from './wacz-verifier';
import { parseWarc } from './warc-record';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const SOFTWARE = 'PostProof 0.1.0 (test)';
const texts = ['A post with <b>markup</b> and مرحبا', 'second post'];
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const failed = (report: VerifyReport) => report.checks.filter((c) => !c.ok).map(({ check, file }) => ({ check, file }));

let key: TestKey;
let tsa: TestTsa;
let dir: string;
let captures: BundleCaptureSource[];
let wacz: Uint8Array;
let files: Map<string, Uint8Array>;
let rootDer: Uint8Array;

beforeAll(async () => {
  key = await makeTestKey();
  tsa = createTestTsa('PostProof WACZ TSA');
  rootDer = pemCertificates(tsa.caPem)[0]!;
  dir = mkdtempSync(join(tmpdir(), 'postproof-wacz-'));
  const chains = new Map<string, BundleTsaChain>();
  const made = await makeCaptures(key, texts.map((t, i) => ({ text: t, permalink: `https://x.com/someone/status/${100 + i}` })));
  captures = [await stampCapture(made[0]!, tsa, 'local', chains), made[1]!];
  wacz = await writeWacz({ captures, signer: key.signer, software: SOFTWARE, now: NOW, tsaChains: chains, stampDatapackage: datapackageStamper(tsa) });
  files = await unpack(wacz);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  tsa?.remove();
});

function saved(zip: Uint8Array, name: string): string {
  const file = join(dir, `${name}.wacz`);
  writeFileSync(file, zip);
  return file;
}

describe('writeWacz', () => {
  it('writes the WACZ layout the strict reader accepts: listed files, datapackage.json, its digest, then SHA256SUMS over all of them and its signature', async () => {
    expect(await zipNames(wacz)).toEqual(['archive/data.warc', 'indexes/index.cdx', 'pages/pages.jsonl', 'VERIFY.txt', 'signer.pem', 'datapackage.json', 'datapackage-digest.json', 'SHA256SUMS', 'SHA256SUMS.sig']);
    const datapackage = JSON.parse(text(files.get('datapackage.json'))) as { resources: { path: string }[] };
    expect(datapackage).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', created: NOW.toISOString(), modified: NOW.toISOString(), software: SOFTWARE, title: 'PostProof: 2 captures' });
    expect(datapackage.resources.map((r) => r.path)).toEqual(['archive/data.warc', 'indexes/index.cdx', 'pages/pages.jsonl', 'VERIFY.txt', 'signer.pem']);
    const digest = JSON.parse(text(files.get('datapackage-digest.json'))) as { signedData: Record<string, string>; timestamp: Record<string, string> };
    expect(Object.keys(digest.signedData).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'software']);
    expect(digest.signedData.publicKey).toMatch(/^MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE/);
    expect(Buffer.from(digest.signedData.signature!, 'base64')).toHaveLength(96);
    expect(digest.timestamp).toMatchObject({ type: 'rfc3161', imprint: 'datapackage.json', tsa: 'Test TSA' });
    // SHA256SUMS lists the digest, token and all: that is what binds the token to the signing key.
    const sums = text(files.get('SHA256SUMS'));
    expect(sums.split('\n').filter(Boolean).map((line) => line.slice(66))).toEqual([...files.keys()].filter((n) => !n.startsWith('SHA256SUMS')));
    expect(sums).toContain(`${await sha256Hex(files.get('datapackage-digest.json')!)}  datapackage-digest.json\n`);
    const pages = text(files.get('pages/pages.jsonl')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(pages[0]).toMatchObject({ format: 'json-pages-1.0', id: 'pages' });
    expect(pages.slice(1).map((p) => [p.url, p.text])).toEqual(texts.map((t, i) => [`https://x.com/someone/status/${100 + i}`, t]));
  });

  it('indexes every record but warcinfo at its exact byte range; the WARC holds the captures, their sidecars and the authority', async () => {
    const warc = files.get('archive/data.warc')!;
    const { records } = parseWarc(warc);
    const ids = captures.map((c) => c.stored.id);
    expect(records.map((r) => `${r.fields.get('warc-type')} ${r.fields.get('warc-target-uri') ?? ''}`.trim())).toEqual([
      'warcinfo',
      'resource https://x.com/someone/status/100',
      'resource urn:postproof:' + ids[0] + '/screenshot.png',
      'resource urn:postproof:' + ids[0] + '/media/1.jpg',
      `metadata metadata://postproof/${ids[0]}`,
      `metadata metadata://postproof/${ids[0]}/capture.json.sig`,
      `metadata metadata://postproof/${ids[0]}/capture.json.tsr`,
      'resource https://x.com/someone/status/101',
      'resource urn:postproof:' + ids[1] + '/screenshot.png',
      'resource urn:postproof:' + ids[1] + '/media/1.jpg',
      `metadata metadata://postproof/${ids[1]}`,
      `metadata metadata://postproof/${ids[1]}/capture.json.sig`,
      'metadata metadata://postproof/tsa/local.pem',
    ]);
    const { lines, sorted } = parseCdxj(text(files.get('indexes/index.cdx')));
    expect(sorted).toBe(true);
    expect(lines).toHaveLength(records.length - 1);
    for (const { json } of lines) {
      const bytes = Buffer.from(warc.subarray(json.offset as number, (json.offset as number) + (json.length as number)));
      expect(bytes.subarray(0, 10).toString()).toBe('WARC/1.1\r\n');
      expect(bytes.subarray(-4).toString()).toBe('\r\n\r\n');
      expect(`sha256:${await sha256Hex(bytes)}`).toBe(json.recordDigest);
      expect(bytes.toString('latin1')).toContain(`WARC-Target-URI: ${json.url as string}\r\n`);
    }
  });
});

describe('verifyWacz on an untouched WACZ', () => {
  it('is valid, names the captures, the key (unpinned) and the anchored capture token once its root is given', async () => {
    const report = await verifyWacz(bytesSource(wacz), { tsaRoots: [rootDer] });
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe(key.signer.keyId);
    expect(report.captures.map((c) => [c.id, c.permalink, c.keyId, c.timestamps?.length])).toEqual([
      [captures[0]!.stored.id, 'https://x.com/someone/status/100', key.signer.keyId, 1],
      [captures[1]!.stored.id, 'https://x.com/someone/status/101', key.signer.keyId, 0],
    ]);
    expect(report.signers).toEqual([{ keyId: key.signer.keyId, role: 'exporter', pinned: false, captures: captures.map((c) => c.stored.id) }]);
    const kinds = new Set(report.checks.map((c) => c.check));
    for (const kind of ['signer-key', 'checksums-signature', 'checksums', 'file-hash', 'datapackage-digest', 'datapackage-signature', 'datapackage-key', 'timestamp', 'warc', 'warc-record', 'capture-signature', 'artifact', 'sequence-chain', 'readable-files', 'signer-pin']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('anchors the package token in the local authority only when its root is given: otherwise a "time not anchored" note, still valid', async () => {
    const unanchored = await verifyWacz(wacz);
    expect(unanchored.verdict).toBe('valid');
    expect(unanchored.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', file: 'datapackage-digest.json#timestamp', ok: true, note: true, message: expect.stringMatching(/time not anchored/) }));
    expect(unanchored.captures[0]!.timestamps).toEqual([]);
    const anchored = await verifyWacz(wacz, { tsaRoots: [rootDer] });
    const token = anchored.checks.find((c) => c.file === 'datapackage-digest.json#timestamp')!;
    expect(token).toMatchObject({ check: 'timestamp', ok: true, message: expect.stringMatching(/^Timestamped by CN=PostProof WACZ TSA .*anchored in the root you gave/) });
    expect(token.note).toBeUndefined();
    const other = createTestTsa('Somebody Else');
    try {
      const wrongRoot = await verifyWacz(wacz, { tsaRoots: [pemCertificates(other.caPem)[0]!] });
      expect(wrongRoot.checks.find((c) => c.file === 'datapackage-digest.json#timestamp')).toMatchObject({ ok: true, note: true });
    } finally {
      other.remove();
    }
  });

  it('pins the signer: the right key is pinned, another one is refused', async () => {
    expect((await verifyWacz(wacz, { expectKey: key.signer.keyId })).signers?.[0]).toMatchObject({ pinned: true });
    const other = await makeTestKey();
    expect(failed(await verifyWacz(wacz, { expectKey: other.signer.keyId }))).toEqual([{ check: 'signer-pin', file: undefined }]);
  });

  it('passes its own VERIFY.txt, run as written with stock tools, with the authority root given beside it', () => {
    const guide = text(files.get('VERIFY.txt'));
    const run = runVerifyGuide(saved(wacz, 'untouched'), guide, { 'tsa-root.pem': tsa.caPem }, GUIDE_ARCHIVE_NAME);
    expect(run.failed).toBeUndefined();
    expect(run.steps).toBeGreaterThanOrEqual(20);
    // The guide names the export time and the key, nothing the verifier could not make again.
    expect(guide).toContain(NOW.toISOString());
    expect(guide).toContain(key.signer.keyId);
    // With another root, the token step refuses: the root must come from the authority.
    const other = createTestTsa('Somebody Else');
    try {
      const wrong = runVerifyGuide(saved(wacz, 'untouched-wrong-root'), guide, { 'tsa-root.pem': other.caPem }, GUIDE_ARCHIVE_NAME);
      expect(wrong.failed?.command).toMatch(/^openssl ts -verify -data datapackage\.json/);
    } finally {
      other.remove();
    }
  });

  it('without timestamping: a note that there is no package token, still valid', async () => {
    const plain = await writeWacz({ captures: await makeCaptures(key, [{ text: 'x' }]), signer: key.signer, software: SOFTWARE, now: NOW });
    const report = await verifyWacz(plain);
    expect(failed(report)).toEqual([]);
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', file: 'datapackage-digest.json', ok: true, note: true, message: expect.stringMatching(/no RFC 3161 timestamp/) }));
  });

  it('is refused when re-packed with DEFLATE: the strict reader reads only what PostProof writes', async () => {
    const JSZip = (await import('jszip')).default;
    const loaded = await JSZip.loadAsync(wacz);
    const deflated = await loaded.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(failed(await verifyWacz(deflated)).map((f) => f.check)).toContain('zip-structure');
  });
});

describe('imported captures', () => {
  it('carry their own key in a signer.pem metadata record and verify with it; the signers name both keys', async () => {
    const other = await makeTestKey();
    const [foreign] = await makeCaptures(other, [{ text: 'made elsewhere' }], 40);
    const imported: BundleCaptureSource = { ...foreign!, stored: { ...foreign!.stored, foreignSigner: { keyId: other.signer.keyId, spki: other.signer.publicKeySpki, importedAt: NOW.toISOString() } } };
    const mixed = await writeWacz({ captures: [captures[1]!, imported], signer: key.signer, software: SOFTWARE, now: NOW });
    const warc = text((await unpack(mixed)).get('archive/data.warc'));
    expect(warc).toContain(`WARC-Target-URI: metadata://postproof/${imported.stored.id}/signer.pem\r\n`);
    expect(warc).not.toContain(`metadata://postproof/${captures[1]!.stored.id}/signer.pem`);
    const report = await verifyWacz(mixed);
    expect(failed(report)).toEqual([]);
    expect(report.captures.find((c) => c.id === imported.stored.id)?.keyId).toBe(other.signer.keyId);
    expect(report.signers).toEqual([
      { keyId: key.signer.keyId, role: 'exporter', pinned: false, captures: [captures[1]!.stored.id] },
      { keyId: other.signer.keyId, role: 'capture', pinned: false, captures: [imported.stored.id] },
    ]);
    expect(report.checks).toContainEqual(expect.objectContaining({ check: 'capture-signer', ok: true, note: true, file: `archive/data.warc#metadata://postproof/${imported.stored.id}/signer.pem` }));
    // Trusting only the exporter's key: the imported capture's key is named as not trusted.
    expect(failed(await verifyWacz(mixed, { trustedKeys: [{ keyId: key.signer.keyId }] }))).toEqual([{ check: 'signer-pin', file: undefined }]);
  });
});
