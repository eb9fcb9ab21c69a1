// Thread records in the WACZ: a page per member, and the thread record and its signature as files listed in
// datapackage.json and SHA256SUMS; the verifier checks each against the capture records in the WARC, naming the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptures, makeTestKey, type TestKey } from '../../../test/support/bundle-captures';
import { opensslVerify, run, sha256sumCheck, unzipBundle } from '../../../test/support/bundle-tools';
import { readRawEntries, writeRawZip } from '../../../test/support/raw-zip';
import { makeThreadSource, threadBytes } from '../../../test/support/threads';
import { pack, resealWacz, unpack } from '../../../test/support/wacz-tools';
import type { BundleCaptureSource, ThreadSource } from '../../evidence/capture-source';
import type { VerifyReport } from '../../evidence/verify-types';
import type { ThreadRecord } from '../../model';
import { signDer } from '../../provenance/ecdsa';
import type { Datapackage } from './datapackage';
import { writeWacz } from './wacz-writer';
import { verifyWacz } from './wacz-verifier';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const failed = (report: VerifyReport) => report.checks.filter((c) => !c.ok).map(({ check, file, message }) => ({ check, file, message }));

let key: TestKey;
let captures: BundleCaptureSource[];
let thread: { source: ThreadSource; record: ThreadRecord };
let wacz: Uint8Array;
let dir: string;
const T = (file: string) => `threads/${thread.record.id}/${file}`;

beforeAll(async () => {
  key = await makeTestKey();
  captures = await makeCaptures(key, [{ text: 'the post', permalink: 'https://x.com/someone/status/100' }, { text: 'a reply', permalink: 'https://x.com/someone/status/101' }, { text: 'another', permalink: 'https://x.com/someone/status/102' }]);
  thread = await makeThreadSource(key, captures);
  wacz = await writeWacz({ captures, signer: key.signer, software: 'PostProof 0.1.0 (test)', now: NOW, threads: [thread.source] });
  dir = mkdtempSync(join(tmpdir(), 'postproof-wacz-threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A key holder's WACZ: thread.json changed and signed again, the package sealed again with the genuine key. */
function forged(change: (record: ThreadRecord) => void): Promise<Uint8Array> {
  return resealWacz(wacz, key.signer, {
    files: async (files) => {
      const record = JSON.parse(text(files.get(T('thread.json')))) as ThreadRecord;
      change(record);
      const bytes = threadBytes(record);
      files.set(T('thread.json'), bytes);
      files.set(T('thread.json.sig'), await signDer(key.privateKey, bytes));
    },
  });
}

describe('a thread in the WACZ', () => {
  it('holds a page per member and the thread record with its signature, listed in datapackage.json and SHA256SUMS, and verifies', async () => {
    const files = await unpack(wacz);
    expect(files.get(T('thread.json'))).toEqual(thread.source.recordBytes);
    const datapackage = JSON.parse(text(files.get('datapackage.json'))) as Datapackage;
    expect(datapackage.resources.map((r) => r.path).slice(-2)).toEqual([T('thread.json'), T('thread.json.sig')]);
    expect(text(files.get('SHA256SUMS'))).toContain(`  ${T('thread.json.sig')}\n`);
    const pages = text(files.get('pages/pages.jsonl')).trim().split('\n').slice(1);
    expect(pages).toHaveLength(3);
    expect(text(files.get('VERIFY.txt'))).toContain(`$ openssl dgst -sha256 -verify signer.pem -signature ${T('thread.json.sig')} ${T('thread.json')}`);
    const report = await verifyWacz(wacz);
    expect(failed(report)).toEqual([]);
    expect(report.checks.find((c) => c.check === 'thread')).toMatchObject({ ok: true, file: T('thread.json') });

    const zipFile = join(dir, 'thread.wacz');
    writeFileSync(zipFile, wacz);
    const folder = unzipBundle(zipFile);
    expect(opensslVerify(folder, T('thread.json'))).toMatchObject({ status: 0, output: expect.stringContaining('Verified OK') });
    expect(sha256sumCheck(folder).status).toBe(0);
    expect(run('bash', ['-c', `openssl dgst -sha256 -verify signer.pem -signature SHA256SUMS.sig SHA256SUMS`], folder).status).toBe(0);
  });

  it('is left out when a member is not in the WACZ', async () => {
    const partial = await writeWacz({ captures: captures.slice(1), signer: key.signer, software: 'PostProof 0.1.0 (test)', now: NOW, threads: [thread.source] });
    expect([...(await unpack(partial)).keys()].some((name) => name.startsWith('threads/'))).toBe(false);
    expect((await verifyWacz(partial)).verdict).toBe('valid');
  });
});

describe('the WACZ verifier on a changed thread', () => {
  it('catches thread.json changed without the key, naming its signature and the unsigned list', async () => {
    const entries = readRawEntries(wacz);
    const entry = entries.find((e) => e.name === T('thread.json'))!;
    const record = JSON.parse(text(entry.data)) as ThreadRecord;
    record.counts.repliesCounted = 3;
    entry.data = threadBytes(record);
    const report = await verifyWacz(writeRawZip(entries));
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toContainEqual(expect.objectContaining({ check: 'thread', file: T('thread.json.sig') }));
    expect(failed(report)).toContainEqual(expect.objectContaining({ file: T('thread.json') }));
  });

  it('catches a key holder’s thread whose member hash, counts or members do not hold, naming thread.json and the WARC record', async () => {
    const cases: [(record: ThreadRecord) => void, RegExp][] = [
      [(record) => (record.members[1]!.captureSha256 = record.members[0]!.captureSha256), /Member 2: archive\/data\.warc#metadata:\/\/postproof\/.* has SHA-256/],
      [(record) => (record.counts.authorPostsCaptured = 3), /3 of the author's posts were captured, but lists 1/],
      [(record) => record.members.push({ ...record.members[2]! }), /twice/],
      [(record) => (record.members[2]!.captureId = '0badc0de-0000-4000-8000-000000000000'), /Member 3, capture 0badc0de.* is not in this file/],
    ];
    for (const [change, message] of cases) {
      const report = await verifyWacz(await forged(change));
      expect(report.verdict).toBe('invalid');
      expect(failed(report)).toContainEqual(expect.objectContaining({ check: 'thread', file: T('thread.json'), message: expect.stringMatching(message) }));
    }
  });

  it('catches a thread file left out of datapackage.json, a signature removed, and a stray file in threads/', async () => {
    const unlisted = await resealWacz(wacz, key.signer, { datapackage: (datapackage) => void (datapackage.resources = datapackage.resources.filter((r) => r.path !== T('thread.json'))) });
    expect(failed(await verifyWacz(unlisted))).toContainEqual(expect.objectContaining({ file: T('thread.json'), message: expect.stringContaining('does not list this file') }));
    const unsigned = await resealWacz(wacz, key.signer, { files: (files) => void files.delete(T('thread.json.sig')) });
    expect(failed(await verifyWacz(unsigned))).toContainEqual(expect.objectContaining({ check: 'thread', file: T('thread.json.sig'), message: expect.stringContaining('no signature') }));
    const files = await unpack(wacz);
    files.set(`threads/${thread.record.id}/extra.txt`, new Uint8Array([1]));
    expect(failed(await verifyWacz(await pack(files)))).toContainEqual(expect.objectContaining({ check: 'unexpected-file', file: `threads/${thread.record.id}/extra.txt` }));
  });
});
