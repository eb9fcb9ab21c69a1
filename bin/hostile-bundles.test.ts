// Hostile bundles given to the verifier, in process and through the built CLI: each gets a clear verdict or error
// in bounded time and memory, nothing is written anywhere, and nothing is thrown.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawEntries, writeRawZip, type RawZipEntry } from '../test/support/raw-zip';
import { verifyBundle, writeBundle } from '../utils/formats/bundle';
import { fakeAnnotator, makeCaptures, makeTestKey, resealManifest } from '../test/support/bundle-captures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliFile = join(root, 'dist', 'cli', 'postproof.mjs');
const MiB = 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);

interface HostileCase {
  name: string;
  bytes: Uint8Array;
  /** A failed check with this id (or one of these) must be in the report. */
  failedCheck: string | string[];
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
  validEntries = readRawEntries(valid);
  const media = `captures/${captureId}/media/1.jpg`;
  const zeros = new Uint8Array(200 * MiB);

  cases.push(
    { name: 'entry named ../', bytes: withEntries((e) => [...e, { name: '../../evil.txt', data: text('pwned') }]), failedCheck: 'entry-name' },
    { name: 'absolute entry name', bytes: withEntries((e) => [...e, { name: '/tmp/evil.txt', data: text('pwned') }]), failedCheck: 'entry-name' },
    { name: 'Windows drive and backslashes', bytes: withEntries((e) => [...e, { name: 'C:\\evil\\x.txt', data: new Uint8Array(1) }]), failedCheck: 'entry-name' },
    { name: 'symlink entry (as zip -y writes)', bytes: withEntries((e) => [...e, { name: `captures/${captureId}/media/2.jpg`, data: text('/etc/passwd'), symlink: true }]), failedCheck: 'zip-structure' },
    { name: 'listed file replaced by a symlink', bytes: replaceEntry(media, { data: text('/etc/passwd'), symlink: true }), failedCheck: 'zip-structure' },
    { name: 'duplicate names', bytes: withEntries((e) => [...e, { ...e.find((x) => x.name === media)!, data: new Uint8Array(9) }]), failedCheck: 'entry-duplicate' },
    { name: 'names equal but for case', bytes: withEntries((e) => [...e, { name: 'REPORT.html', data: text('<p>also me</p>') }]), failedCheck: 'entry-duplicate' },
    { name: 'ZIP bomb: 200 MB of zeros deflated', bytes: withEntries((e) => [...e, { name: 'bomb.bin', data: zeros, method: 'deflate' }]), failedCheck: 'zip-structure' },
    { name: 'ZIP bomb: huge declared size on a tiny entry', bytes: replaceEntry('report.html', { method: 'deflate', declaredSize: 3_500_000_000 }), failedCheck: 'zip-structure' },
    { name: 'declared sizes beyond 4 GiB', bytes: withEntries((e) => [...e, { name: 'a.bin', data: new Uint8Array(1), declaredSize: 0xfffffff0 }, { name: 'b.bin', data: new Uint8Array(1), declaredSize: 0xfffffff0 }]), failedCheck: 'zip-structure' },
    { name: 'stored entry whose declared size lies', bytes: replaceEntry(media, { declaredSize: 3_000_000_000 }), failedCheck: 'zip-structure' },
    { name: 'a data-carrying folder entry whose local name is report.html', bytes: withEntries((e) => [...e, { name: 'captures/', localName: 'report.html', data: text('<p>forged report</p>') }]), failedCheck: 'zip-structure' },
    { name: 'a local name that differs from the directory’s', bytes: replaceEntry('report.html', { localName: 'report.htmx' }), failedCheck: 'zip-structure' },
    { name: 'an HTML page before the first entry', bytes: writeRawZip(validEntries, { prefix: text('<!doctype html><p>Verified by PostProof</p>'), shiftOffsets: true }), failedCheck: 'zip-structure' },
    { name: 'bytes after the end record', bytes: writeRawZip(validEntries, { trailing: text('appended') }), failedCheck: 'zip-structure' },
    { name: 'a ZIP comment', bytes: writeRawZip(validEntries, { comment: 'VALID' }), failedCheck: 'zip-structure' },
    { name: 'a wrong CRC-32', bytes: replaceEntry(media, { crc: 0x1234 }), failedCheck: 'zip-crc' },
    { name: 'an Info-ZIP Unicode Path extra field', bytes: replaceEntry('report.html', { centralExtra: new Uint8Array([0x75, 0x70, 1, 0, 1]) }), failedCheck: 'zip-structure' },
    { name: 'oversize JSON: 200 MB manifest.json declared, stored', bytes: replaceEntry('manifest.json', { declaredSize: 200 * MiB }), failedCheck: 'zip-structure' },
    { name: 'oversize JSON: a 200 MB manifest.json of spaces, stored', bytes: replaceEntry('manifest.json', { data: zeros.fill(0x20) }), failedCheck: 'manifest' },
    { name: 'invalid JSON manifest', bytes: replaceEntry('manifest.json', { data: text('{"format": "postproof-bundle/1", ') }), failedCheck: 'manifest' },
    { name: 'manifest that is not UTF-8', bytes: replaceEntry('manifest.json', { data: new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) }), failedCheck: 'manifest' },
    { name: 'invalid JSON capture record', bytes: replaceEntry(`captures/${captureId}/capture.json`, { data: text('[1, 2') }), failedCheck: 'capture-record' },
    { name: 'empty signature', bytes: replaceEntry('SHA256SUMS.sig', { data: new Uint8Array(0) }), failedCheck: 'checksums-signature' },
    { name: 'one-byte signature', bytes: replaceEntry('manifest.json.sig', { data: new Uint8Array([0x30]) }), failedCheck: 'manifest-signature' },
    { name: 'raw 96-byte signature instead of DER', bytes: replaceEntry('SHA256SUMS.sig', { data: new Uint8Array(96).fill(7) }), failedCheck: 'checksums-signature' },
    { name: '1 MB signature', bytes: replaceEntry(`captures/${captureId}/capture.json.sig`, { data: new Uint8Array(MiB).fill(0x30) }), failedCheck: 'capture-signature' },
    { name: 'valid bundle with one extra file', bytes: withEntries((e) => [...e, { name: 'extra.txt', data: text('added later') }]), failedCheck: 'unexpected-file' },
    { name: 'manifest lists a missing file', bytes: withEntries((e) => e.filter((x) => x.name !== media)), failedCheck: 'file-hash' },
    { name: 'empty file', bytes: new Uint8Array(0), failedCheck: 'zip-open' },
    { name: 'plain text', bytes: text('this is not a zip\n'.repeat(100)), failedCheck: 'zip-open' },
    { name: 'PNG header', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64)]), failedCheck: 'zip-open' },
    { name: 'only an end-of-directory record', bytes: writeRawZip([]), failedCheck: 'manifest' },
  );
  // A derived file (the annotated screenshot copy) said to be made from a file outside the bundle; manifest re-signed.
  const annotated = await writeBundle({ captures, signer: key.signer, software: 'PostProof test', annotateScreenshot: fakeAnnotator() });
  const outside = await resealManifest(annotated, key.signer, (m) => void (m.derived![0]!.derivedFrom = '../../../etc/passwd'));
  cases.push({ name: 'derived file from outside the bundle', bytes: outside, failedCheck: 'derived-file' });
  const whole = writeRawZip(validEntries);
  for (const cut of [0.25, 0.5, 0.9]) {
    cases.push({ name: `truncated to ${cut * 100}%`, bytes: whole.subarray(0, Math.floor(whole.length * cut)), failedCheck: ['zip-open', 'zip-structure'] });
  }
  cases.push({ name: 'last 30 bytes cut', bytes: whole.subarray(0, whole.length - 30), failedCheck: 'zip-open' });
  // The directory says the data goes on past where the file ends: cut inside the data, keep the directory.
  const cutData = (() => {
    const local = writeRawZip([{ name: 'manifest.json', data: new Uint8Array(5000).fill(0x20) }]);
    return new Uint8Array([...local.subarray(0, 100), ...local.subarray(local.length - 22 - 59)]);
  })();
  cases.push({ name: 'data cut out, directory kept', bytes: cutData, failedCheck: ['zip-open', 'zip-structure'] });
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
      const wanted = [hostile.failedCheck].flat();
      expect(failed.some((check) => wanted.includes(check.check)), `${hostile.name}: ${failed.map((c) => c.check).join(', ')}`).toBe(true);
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
