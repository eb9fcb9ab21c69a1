// Hostile bundles given to the verifier, in process and through the built CLI: each gets a clear verdict or error
// in bounded time and memory, nothing is written anywhere, and nothing is thrown.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRawZip, type RawZipEntry } from '../test/support/raw-zip';
import { verifyBundle, writeBundle } from '../utils/bundle';
import { fakeAnnotator, makeCaptures, makeTestKey, resealManifest } from '../utils/bundle/test-support';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliFile = join(root, 'dist', 'cli', 'postproof.mjs');
const MiB = 1024 * 1024;

interface HostileCase {
  name: string;
  bytes: Uint8Array;
  /** A failed check with this id must be in the report. */
  failedCheck: string;
}

let work: string;
let validEntries: RawZipEntry[];
let captureId: string;
const cases: HostileCase[] = [];

function withEntries(change: (entries: RawZipEntry[]) => RawZipEntry[]): Uint8Array {
  return writeRawZip(change(validEntries.map((entry) => ({ ...entry }))));
}

function replaceEntry(name: string, entry: Partial<RawZipEntry>): Uint8Array {
  return withEntries((entries) => entries.map((e) => (e.name === name ? { ...e, ...entry } : e)));
}

beforeAll(async () => {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'pipe' });
  work = mkdtempSync(join(tmpdir(), 'postproof-hostile-'));
  const key = await makeTestKey();
  const captures = await makeCaptures(key, [{ text: 'first' }, { text: 'second' }]);
  captureId = captures[0]!.stored.id;
  const valid = await writeBundle({ captures, signer: key.signer, software: 'PostProof test' });
  const zip = await JSZip.loadAsync(valid);
  validEntries = [];
  for (const file of Object.values(zip.files)) {
    if (!file.dir) validEntries.push({ name: file.name, data: await file.async('uint8array') });
  }
  const media = `captures/${captureId}/media/1.jpg`;
  const zeros = new Uint8Array(200 * MiB);

  cases.push(
    { name: 'entry named ../', bytes: withEntries((e) => [...e, { name: '../../evil.txt', data: new TextEncoder().encode('pwned') }]), failedCheck: 'entry-name' },
    { name: 'absolute entry name', bytes: withEntries((e) => [...e, { name: '/tmp/evil.txt', data: new TextEncoder().encode('pwned') }]), failedCheck: 'entry-name' },
    { name: 'Windows drive and backslashes', bytes: withEntries((e) => [...e, { name: 'C:\\evil\\x.txt', data: new Uint8Array(1) }]), failedCheck: 'entry-name' },
    { name: 'symlink entry (as zip -y writes)', bytes: withEntries((e) => [...e, { name: `captures/${captureId}/media/2.jpg`, data: new TextEncoder().encode('/etc/passwd'), symlink: true }]), failedCheck: 'entry-symlink' },
    { name: 'listed file replaced by a symlink', bytes: replaceEntry(media, { data: new TextEncoder().encode('/etc/passwd'), symlink: true }), failedCheck: 'entry-symlink' },
    { name: 'duplicate names', bytes: withEntries((e) => [...e, { ...e.find((x) => x.name === media)!, data: new Uint8Array(9) }]), failedCheck: 'entry-duplicate' },
    { name: 'ZIP bomb: 200 MB of zeros deflated', bytes: withEntries((e) => [...e, { name: 'bomb.bin', data: zeros, method: 'deflate' }]), failedCheck: 'zip-bomb' },
    { name: 'ZIP bomb: huge declared size on a tiny entry', bytes: replaceEntry('report.html', { method: 'deflate', declaredSize: 3_500_000_000 }), failedCheck: 'zip-bomb' },
    { name: 'declared sizes beyond 4 GiB', bytes: withEntries((e) => [...e, { name: 'a.bin', data: new Uint8Array(1), declaredSize: 0xfffffff0 }, { name: 'b.bin', data: new Uint8Array(1), declaredSize: 0xfffffff0 }]), failedCheck: 'zip-size' },
    { name: 'stored entry whose declared size lies', bytes: replaceEntry(media, { declaredSize: 3_000_000_000 }), failedCheck: 'zip-open' },
    { name: 'oversize JSON: a 200 MB manifest.json (deflated whitespace)', bytes: replaceEntry('manifest.json', { data: zeros.fill(0x20), method: 'deflate' }), failedCheck: 'zip-bomb' },
    { name: 'oversize JSON: 200 MB manifest.json declared, stored', bytes: replaceEntry('manifest.json', { declaredSize: 200 * MiB }), failedCheck: 'zip-open' },
    { name: 'invalid JSON manifest', bytes: replaceEntry('manifest.json', { data: new TextEncoder().encode('{"format": "postproof-bundle/1", ') }), failedCheck: 'manifest' },
    { name: 'manifest that is not UTF-8', bytes: replaceEntry('manifest.json', { data: new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) }), failedCheck: 'manifest' },
    { name: 'invalid JSON capture record', bytes: replaceEntry(`captures/${captureId}/capture.json`, { data: new TextEncoder().encode('[1, 2') }), failedCheck: 'capture-record' },
    { name: 'empty signature', bytes: replaceEntry('manifest.json.sig', { data: new Uint8Array(0) }), failedCheck: 'manifest-signature' },
    { name: 'one-byte signature', bytes: replaceEntry('manifest.json.sig', { data: new Uint8Array([0x30]) }), failedCheck: 'manifest-signature' },
    { name: 'raw 96-byte signature instead of DER', bytes: replaceEntry('manifest.json.sig', { data: new Uint8Array(96).fill(7) }), failedCheck: 'manifest-signature' },
    { name: '1 MB signature', bytes: replaceEntry(`captures/${captureId}/capture.json.sig`, { data: new Uint8Array(MiB).fill(0x30) }), failedCheck: 'capture-signature' },
    { name: 'valid bundle with one extra file', bytes: withEntries((e) => [...e, { name: 'extra.txt', data: new TextEncoder().encode('added later') }]), failedCheck: 'unlisted-file' },
    { name: 'manifest lists a missing file', bytes: withEntries((e) => e.filter((x) => x.name !== media)), failedCheck: 'file-hash' },
    { name: 'empty file', bytes: new Uint8Array(0), failedCheck: 'zip-open' },
    { name: 'plain text', bytes: new TextEncoder().encode('this is not a zip\n'.repeat(100)), failedCheck: 'zip-open' },
    { name: 'PNG header', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64)]), failedCheck: 'zip-open' },
    { name: 'only an end-of-directory record', bytes: writeRawZip([]), failedCheck: 'manifest' },
  );
  // A derived file (the annotated screenshot copy) said to be made from a file outside the bundle; manifest re-signed.
  const annotated = await writeBundle({ captures, signer: key.signer, software: 'PostProof test', annotateScreenshot: fakeAnnotator() });
  const outside = await resealManifest(annotated, key.signer, (m) => void (m.derived![0]!.derivedFrom = '../../../etc/passwd'));
  cases.push({ name: 'derived file from outside the bundle', bytes: outside, failedCheck: 'derived-file' });
  const whole = writeRawZip(validEntries);
  for (const cut of [0.25, 0.5, 0.9]) {
    cases.push({ name: `truncated to ${cut * 100}%`, bytes: whole.subarray(0, Math.floor(whole.length * cut)), failedCheck: 'zip-open' });
  }
  cases.push({ name: 'last 30 bytes cut', bytes: whole.subarray(0, whole.length - 30), failedCheck: 'zip-open' });
  // The directory says the data goes on past where the file ends: cut inside the data, keep the directory.
  const cutData = (() => {
    const local = writeRawZip([{ name: 'manifest.json', data: new Uint8Array(5000).fill(0x20) }]);
    return new Uint8Array([...local.subarray(0, 100), ...local.subarray(local.length - 22 - 59)]);
  })();
  cases.push({ name: 'data cut out, directory kept', bytes: cutData, failedCheck: 'zip-open' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the verifier on hostile bundles', () => {
  it('has a valid bundle to start from', async () => {
    expect((await verifyBundle(writeRawZip(validEntries))).verdict).toBe('valid');
  });

  it('gives every hostile bundle an invalid verdict that names the problem, quickly and in bounded memory', async () => {
    const figures: string[] = [];
    for (const hostile of cases) {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const report = await verifyBundle(hostile.bytes);
      const ms = performance.now() - started;
      const grownMiB = (process.memoryUsage().rss - rssBefore) / MiB;
      figures.push(`${hostile.name}: ${ms.toFixed(0)} ms, RSS +${grownMiB.toFixed(0)} MiB`);
      expect(report.verdict, hostile.name).toBe('invalid');
      const failed = report.checks.filter((check) => !check.ok);
      expect(failed.map((check) => check.check), hostile.name).toContain(hostile.failedCheck);
      for (const check of failed) expect(check.message.length, hostile.name).toBeGreaterThan(20);
      // Generous bounds: the point is no hang and no unpacking of a bomb, not a benchmark.
      expect(ms, hostile.name).toBeLessThan(5_000);
      expect(grownMiB, hostile.name).toBeLessThan(400);
    }
    console.log(`[hostile bundles] ${cases.length} cases\n  ${figures.join('\n  ')}`);
  }, 60_000);

  it('the CLI exits 1 or 2 with a message on each, never with a stack trace, and writes nothing', () => {
    const dir = join(work, 'cli');
    const cwd = join(work, 'cwd');
    mkdirSync(dir);
    mkdirSync(cwd);
    for (const [index, hostile] of cases.entries()) {
      const file = join(dir, `case-${index}.zip`);
      writeFileSync(file, hostile.bytes);
      const before = readdirSync(work, { recursive: true }).length;
      const started = Date.now();
      const run = spawnSync(process.execPath, [cliFile, 'verify', file], { cwd, encoding: 'utf8', timeout: 30_000 });
      expect(Date.now() - started, hostile.name).toBeLessThan(15_000);
      expect([1, 2], `${hostile.name}: ${run.stderr}`).toContain(run.status);
      const output = `${run.stdout}${run.stderr}`;
      expect(output, hostile.name).toMatch(/Result: INVALID|postproof: /);
      expect(output, hostile.name).not.toMatch(/\n\s+at .+:\d+:\d+|Uncaught|TypeError|RangeError/);
      expect(readdirSync(work, { recursive: true }).length, hostile.name).toBe(before);
    }
    expect(readdirSync(cwd)).toHaveLength(0);
  }, 180_000);
});
