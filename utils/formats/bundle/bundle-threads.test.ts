// Thread records in the evidence bundle: written beside their member captures (threads/<id>/thread.json and its .sig,
// listed like every file), described in report.html and VERIFY.txt, and checked by the verifier against an adversary
// with and without the key: each change is caught and named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliVerify, flipOneByte, opensslVerify, rezipWith, run, sha256sumCheck, unzipBundle } from '../../../test/support/bundle-tools';
import { makeCaptures, makeTestKey, resealBundle, zipNames, type TestKey } from '../../../test/support/bundle-captures';
import { makeThreadSource, readThreadFromBundle, threadBytes } from '../../../test/support/threads';
import { runVerifyGuide } from '../../../test/support/verify-guide-runner';
import { threadAttacks } from '../../../test/support/attacks';
import { readRawEntries, writeRawZip } from '../../../test/support/raw-zip';
import type { BundleManifest, ThreadRecord } from '../../model';
import { signDer } from '../../provenance/ecdsa';
import { BundleError } from '../../evidence/errors';
import type { ThreadSource } from '../../evidence/thread-files';
import { verifyBundle, writeBundle, type BundleCaptureSource, type VerifyReport } from './index';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const root = join(__dirname, '..', '..', '..');

let key: TestKey;
let captures: BundleCaptureSource[];
let thread: { source: ThreadSource; record: ThreadRecord };
let bundle: Uint8Array;
let dir: string;
const T = (file: string) => `threads/${thread.record.id}/${file}`;

function bundleOf(sources: BundleCaptureSource[], threads: ThreadSource[] = [thread.source]): Promise<Uint8Array> {
  return writeBundle({ captures: sources, signer: key.signer, software: 'PostProof 0.1.0 (test)', now: NOW, threads });
}

function failed(report: VerifyReport): { check: string; file?: string; message: string }[] {
  return report.checks.filter((c) => !c.ok).map(({ check, file, message }) => ({ check, file, message }));
}

/** Re-signs a changed thread.json with `signer`'s key and seals the bundle again with the genuine key: a key holder's forgery. */
async function forgedThread(change: (record: ThreadRecord) => void, signWith: TestKey = key): Promise<Uint8Array> {
  return resealBundle(bundle, key.signer, {
    files: async (files) => {
      const record = JSON.parse(new TextDecoder().decode(files.get(T('thread.json')))) as ThreadRecord;
      change(record);
      const bytes = threadBytes(record);
      files.set(T('thread.json'), bytes);
      files.set(T('thread.json.sig'), await signDer(signWith.privateKey, bytes));
    },
  });
}

beforeAll(async () => {
  key = await makeTestKey();
  captures = await makeCaptures(key, [{ text: 'the post' }, { text: 'first reply' }, { text: 'second reply' }]);
  thread = await makeThreadSource(key, captures);
  bundle = await bundleOf(captures);
  dir = mkdtempSync(join(tmpdir(), 'postproof-threads-'));
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'pipe' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a thread in the bundle', () => {
  it('is written as threads/<id>/thread.json and .sig, listed in the manifest and SHA256SUMS, and verifies', async () => {
    const names = await zipNames(bundle);
    expect(names.slice(-2)).toEqual([T('thread.json'), T('thread.json.sig')]);
    const zip = await JSZip.loadAsync(bundle);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as BundleManifest;
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining([T('thread.json'), T('thread.json.sig')]));
    const sums = await zip.file('SHA256SUMS')!.async('string');
    expect(sums).toContain(`  ${T('thread.json')}\n`);
    expect(sums).toContain(`  ${T('thread.json.sig')}\n`);
    expect(new Uint8Array(await zip.file(T('thread.json'))!.async('uint8array'))).toEqual(thread.source.recordBytes);
    const report = await verifyBundle(bundle);
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.checks.find((c) => c.check === 'thread')).toMatchObject({ ok: true, file: T('thread.json') });
    const [read] = await readThreadFromBundle(bundle);
    expect(read).toMatchObject({ id: thread.record.id, signatureOk: true, membersOk: true });
  });

  it('says in report.html what the thread is: counts in words and the members in order', async () => {
    const html = await (await JSZip.loadAsync(bundle)).file('report.html')!.async('string');
    expect(html).toContain('<h2>Threads</h2>');
    expect(html).toContain('Replies the platform counts: 16; shown on the page: 4; captured: 2.');
    const order = captures.map((c) => html.indexOf(`<a href="#capture-${c.stored.id}">`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('The reply was removed while the thread was preserved.');
    const unknown = await bundleOf(captures, [(await makeThreadSource(key, captures, { repliesCounted: null })).source]);
    expect(await (await JSZip.loadAsync(unknown)).file('report.html')!.async('string')).toContain('Replies the platform counts: not shown; shown on the page: 4; captured: 2.');
    expect((await verifyBundle(unknown)).verdict).toBe('valid');
  });

  it('is left out whole when one of its members is not exported, and an export without threads is as before', async () => {
    const partial = await bundleOf(captures.slice(0, 2));
    expect((await zipNames(partial)).some((name) => name.startsWith('threads/'))).toBe(false);
    expect((await verifyBundle(partial)).verdict).toBe('valid');
    const none = await bundleOf(captures, []);
    const html = await (await JSZip.loadAsync(none)).file('report.html')!.async('string');
    expect(html).not.toContain('Threads');
    expect(await (await JSZip.loadAsync(none)).file('VERIFY.txt')!.async('string')).not.toContain('thread');
  });

  it('refuses to export a thread whose stored record or member no longer matches', async () => {
    const damaged = { ...thread.source, recordBytes: thread.source.recordBytes.slice() };
    damaged.recordBytes[20]! ^= 1;
    await expect(bundleOf(captures, [damaged])).rejects.toMatchObject({ code: 'BUNDLE_THREAD_DAMAGED' });
    const otherMember = await makeThreadSource(key, captures, { change: (record) => (record.members[1]!.captureSha256 = 'a'.repeat(64)) });
    await expect(bundleOf(captures, [otherMember.source])).rejects.toBeInstanceOf(BundleError);
    const stranger = await makeTestKey();
    const foreign = await makeThreadSource(stranger, captures);
    await expect(bundleOf(captures, [foreign.source])).rejects.toThrow(/signed by another key/);
  });
});

describe('the verifier on a changed thread', () => {
  const threadFailures = (report: VerifyReport) => failed(report).filter((c) => c.check === 'thread');

  it('catches thread.json edited without the key (a member hash, the order, the counts), naming its signature', async () => {
    const edits: ((record: ThreadRecord) => void)[] = [
      (record) => (record.members[1]!.captureSha256 = record.members[2]!.captureSha256),
      (record) => record.members.reverse(),
      (record) => (record.counts.repliesCounted = 2),
    ];
    for (const edit of edits) {
      // Byte for byte the genuine ZIP but for thread.json: nothing signed again, no key.
      const entries = readRawEntries(bundle);
      const entry = entries.find((e) => e.name === T('thread.json'))!;
      const record = JSON.parse(new TextDecoder().decode(entry.data)) as ThreadRecord;
      edit(record);
      entry.data = threadBytes(record);
      const report = await verifyBundle(writeRawZip(entries));
      expect(report.verdict).toBe('invalid');
      expect(threadFailures(report)).toContainEqual(expect.objectContaining({ file: T('thread.json.sig'), message: expect.stringContaining('does not verify') }));
      expect(failed(report)).toContainEqual(expect.objectContaining({ file: T('thread.json') }));
    }
  });

  it('catches a key holder who re-signs a thread whose member hash, counts or members do not hold, naming thread.json', async () => {
    const cases: [string, (record: ThreadRecord) => void, RegExp][] = [
      ['a member hash', (record) => (record.members[1]!.captureSha256 = record.members[2]!.captureSha256), /Member 2: captures\/.*\/capture\.json has SHA-256 .* not the/],
      ['the captured count', (record) => (record.counts.repliesCaptured = 5), /says 5 replies were captured, but lists 2/],
      ['the shown count', (record) => (record.counts.repliesShown = 1), /page showed 1 replies, fewer than the 2/],
      ['a member twice', (record) => record.members.push({ ...record.members[1]! }), /lists capture .* twice/],
      ['a member not in the bundle', (record) => (record.members[2]!.captureId = '0badc0de-0000-4000-8000-000000000000'), /Member 3, capture 0badc0de.* is not in this file/],
      ['an unknown field', (record) => Object.assign(record, { verified: true }), /a field no thread record has \("verified"\)/],
      ['two focal posts', (record) => (record.members[1]!.role = 'focal'), /2 focal posts, not one/],
    ];
    for (const [what, change, message] of cases) {
      const report = await verifyBundle(await forgedThread(change));
      expect(report.verdict, what).toBe('invalid');
      expect(threadFailures(report), what).toContainEqual(expect.objectContaining({ file: T('thread.json'), message: expect.stringMatching(message) }));
    }
  });

  it('catches a signature swapped for another file’s, and a thread signed by another key', async () => {
    const swapped = await resealBundle(bundle, key.signer, {
      files: (files) => void files.set(T('thread.json.sig'), files.get(`captures/${captures[0]!.stored.id}/capture.json.sig`)!),
    });
    expect(threadFailures(await verifyBundle(swapped))).toContainEqual(expect.objectContaining({ file: T('thread.json.sig'), message: expect.stringContaining('does not verify') }));

    const attacker = await makeTestKey();
    // Only thread.json.sig by the attacker's key, the bundle sealed by the genuine one.
    const otherSig = await forgedThread(() => undefined, attacker);
    expect(threadFailures(await verifyBundle(otherSig))).toContainEqual(expect.objectContaining({ file: T('thread.json.sig') }));
    // The attacker re-signs the thread naming their key and seals the whole bundle with it: signer.pem is theirs,
    // the captures still name the genuine key.
    const resigned = await resealBundle(bundle, attacker.signer, {
      files: async (files) => {
        const record = JSON.parse(new TextDecoder().decode(files.get(T('thread.json')))) as ThreadRecord;
        record.signer.keyId = attacker.signer.keyId;
        const bytes = threadBytes(record);
        files.set(T('thread.json'), bytes);
        files.set(T('thread.json.sig'), await signDer(attacker.privateKey, bytes));
      },
    });
    const report = await verifyBundle(resigned, { expectKey: key.signer.keyId });
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toContainEqual(expect.objectContaining({ check: 'signer-pin' }));
    // Without a pin too: the thread is not signed by the key of the captures it lists.
    expect(threadFailures(await verifyBundle(resigned))).toContainEqual(
      expect.objectContaining({ file: T('thread.json'), message: expect.stringContaining('not by the key that signed its member capture') }),
    );
  });

  it('catches a member capture removed from the bundle, a missing signature, and a thread not in the manifest', async () => {
    const removed = await resealBundle(bundle, key.signer, {
      files: (files) => {
        for (const name of [...files.keys()]) if (name.startsWith(`captures/${captures[2]!.stored.id}/`)) files.delete(name);
      },
      manifest: (manifest) => void (manifest.captures = manifest.captures.filter((id) => id !== captures[2]!.stored.id)),
    });
    expect(threadFailures(await verifyBundle(removed))).toContainEqual(expect.objectContaining({ file: T('thread.json'), message: expect.stringMatching(/Member 3, capture .* is not in this file/) }));

    const unsigned = await resealBundle(bundle, key.signer, { files: (files) => void files.delete(T('thread.json.sig')) });
    expect(threadFailures(await verifyBundle(unsigned))).toContainEqual(expect.objectContaining({ file: T('thread.json.sig'), message: expect.stringContaining('no signature') }));

    const unlisted = await resealBundle(bundle, key.signer, { manifest: (manifest) => void (manifest.files = manifest.files.filter((f) => f.path !== T('thread.json'))) });
    const report = await verifyBundle(unlisted);
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toContainEqual(expect.objectContaining({ file: T('thread.json') }));

    const stray = await resealBundle(bundle, key.signer, { files: (files) => void files.set(`threads/${thread.record.id}/notes.txt`, new TextEncoder().encode('x')) });
    expect(failed(await verifyBundle(stray))).toContainEqual(expect.objectContaining({ check: 'unexpected-file', file: `threads/${thread.record.id}/notes.txt` }));
  });

  it('refuses a thread.json in another form than PostProof signs (a key given twice), though signed', async () => {
    const twice = await resealBundle(bundle, key.signer, {
      files: async (files) => {
        const text = new TextDecoder().decode(files.get(T('thread.json'))).replace('"platform": "x",', '"platform": "x",\n  "platform": "x",');
        const bytes = new TextEncoder().encode(text);
        files.set(T('thread.json'), bytes);
        files.set(T('thread.json.sig'), await signDer(key.privateKey, bytes));
      },
    });
    expect(threadFailures(await verifyBundle(twice))).toContainEqual(expect.objectContaining({ file: T('thread.json'), message: expect.stringContaining('not in the form PostProof writes') }));
  });
});

describe('stock tools on a bundle with a thread', () => {
  it('verify the thread record with openssl, every file with sha256sum, the whole with the CLI and VERIFY.txt as written; one changed byte fails all', async () => {
    const zipFile = join(dir, 'threads.zip');
    writeFileSync(zipFile, bundle);
    const folder = unzipBundle(zipFile);
    expect(opensslVerify(folder, T('thread.json'))).toMatchObject({ status: 0, output: expect.stringContaining('Verified OK') });
    expect(sha256sumCheck(folder).status).toBe(0);
    expect(cliVerify(zipFile).status).toBe(0);
    const guide = readFileSync(join(folder, 'VERIFY.txt'), 'utf8');
    expect(guide).toContain(`$ openssl dgst -sha256 -verify signer.pem -signature ${T('thread.json.sig')} ${T('thread.json')}`);
    const run1 = runVerifyGuide(zipFile, guide);
    expect(run1.failed).toBeUndefined();
    expect(run1.ok).toBe(true);

    const tampered = rezipWith(folder, (copy) => flipOneByte(join(copy, T('thread.json'))));
    const tamperedFolder = unzipBundle(tampered);
    expect(opensslVerify(tamperedFolder, T('thread.json'))).toMatchObject({ status: 1, output: expect.stringContaining('Verification failure') });
    const sums = sha256sumCheck(tamperedFolder);
    expect(sums.status).not.toBe(0);
    expect(sums.output).toContain(`${T('thread.json')}: FAILED`);
    const cli = cliVerify(tampered);
    expect(cli.status).toBe(1);
    expect(cli.output).toContain(T('thread.json'));
    expect(runVerifyGuide(tampered, guide).ok).toBe(false);
    // The member check of VERIFY.txt on its own: a member's capture.json changed fails it.
    const jq = run('bash', ['-o', 'pipefail', '-c', `jq -r '.members[] | "\\(.captureSha256)  captures/\\(.captureId)/capture.json"' ${T('thread.json')} | sha256sum --strict -c`], folder);
    expect(jq.status).toBe(0);
    const memberChanged = unzipBundle(rezipWith(folder, (copy) => flipOneByte(join(copy, 'captures', captures[1]!.stored.id, 'capture.json'))));
    expect(run('bash', ['-o', 'pipefail', '-c', `jq -r '.members[] | "\\(.captureSha256)  captures/\\(.captureId)/capture.json"' ${T('thread.json')} | sha256sum --strict -c`], memberChanged).status).not.toBe(0);
  });
});

describe('the thread attacks of test/support/attacks.ts', () => {
  it('are each refused by the verifier naming the thread file, by the CLI, and (keyless) by the genuine VERIFY.txt run as written', async () => {
    const attacker = await makeTestKey();
    const attacks = await threadAttacks(bundle, { attacker });
    const guide = new TextDecoder().decode((await JSZip.loadAsync(bundle).then((zip) => zip.file('VERIFY.txt')!.async('uint8array'))));
    expect(attacks.map((a) => a.id)).toEqual(['thread-member-hash', 'thread-order', 'thread-counts', 'thread-sig-swapped', 'thread-member-removed', 'thread-unlisted', 'thread-resigned', 'thread-member-twice']);
    for (const attack of attacks) {
      const report = await verifyBundle(attack.bytes, { expectKey: key.signer.keyId });
      expect(report.verdict, attack.id).toBe('invalid');
      expect(failed(report).map((c) => c.file), attack.id).toContain(attack.file);
      // Without a pin too: the verdict does not rest on the fingerprint alone.
      expect((await verifyBundle(attack.bytes)).verdict, `${attack.id} unpinned`).toBe('invalid');
      const file = join(dir, `${attack.id}.zip`);
      writeFileSync(file, attack.bytes);
      expect(cliVerify(file).status, attack.id).toBe(1);
      if (!attack.keyHeld) expect(runVerifyGuide(file, guide).ok, attack.id).toBe(false);
    }
  });
});
