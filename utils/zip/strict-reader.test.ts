// The strict reader against the two writers it must accept (jszip and the streaming writer), against unzip, and
// against every kind of archive it must refuse, each built byte by byte by the raw writer of the tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeRawZip, type RawZipEntry } from '../../test/support/raw-zip';
import { blobSource, bytesSource, type ZipSource } from './source';
import { StoredZipWriter } from './stored-writer';
import { streamingHasher } from './entry-hash';
import { StrictZip, type ZipScan } from './strict-reader';
import type { ZipProblem, ZipProblemCode } from './zip-problem';

const text = (value: string) => new TextEncoder().encode(value);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

const FILES: RawZipEntry[] = [
  { name: 'manifest.json', data: text('{"format":"x"}\n') },
  { name: 'captures/a/capture.json', data: text('{"id":"a"}') },
  { name: 'captures/a/media/1.jpg', data: new Uint8Array(3000).map((_, i) => (i * 13) & 0xff) },
  { name: 'report.html', data: text('<p>report</p>') },
];

async function streamWritten(entries: readonly RawZipEntry[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = new StoredZipWriter({ write: async (part) => void parts.push(part instanceof Blob ? new Uint8Array(await part.arrayBuffer()) : part.slice()) }, new Date(Date.UTC(2026, 0, 2, 3, 4, 6)));
  for (const entry of entries) await writer.add(entry.name, entry.data);
  await writer.finish();
  // A plain Uint8Array: a Buffer's slice() is a view, and the tests change copies.
  return new Uint8Array(Buffer.concat(parts));
}

async function jszipWritten(entries: readonly RawZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.data, { binary: true, createFolders: false, date: new Date(Date.UTC(2026, 0, 2)) });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** Opens and scans; the problems of both steps, or the scan. */
async function read(bytes: Uint8Array | ZipSource): Promise<{ problems: ZipProblem[]; scan?: ZipScan }> {
  const opened = await StrictZip.open(bytes instanceof Uint8Array ? bytesSource(bytes) : bytes);
  if (Array.isArray(opened)) return { problems: opened };
  const scan = await opened.scan({ keep: () => true });
  return { problems: [...scan.structural, ...scan.crc], scan };
}

async function codes(bytes: Uint8Array): Promise<ZipProblemCode[]> {
  return (await read(bytes)).problems.map((p) => p.code);
}

function unzipTest(bytes: Uint8Array): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'strict-zip-'));
  try {
    writeFileSync(join(dir, 't.zip'), bytes);
    return spawnSync('unzip', ['-tq', 't.zip'], { cwd: dir }).status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the strict reader accepts what PostProof writes', () => {
  for (const [writer, write] of [['jszip', jszipWritten], ['the streaming writer', streamWritten], ['the raw test writer', async (e: RawZipEntry[]) => writeRawZip(e)]] as const) {
    it(`reads a ZIP written by ${writer}: every entry, its SHA-256 and its bytes, as unzip does`, async () => {
      const bytes = await write(FILES);
      expect(unzipTest(bytes)).toBe(0);
      const { problems, scan } = await read(bytes);
      expect(problems).toEqual([]);
      expect([...scan!.entries.keys()]).toEqual(FILES.map((f) => f.name));
      for (const file of FILES) {
        expect(scan!.entries.get(file.name)!.sha256).toBe(sha256(file.data));
        expect(scan!.entries.get(file.name)!.data).toEqual(file.data);
      }
    });
  }

  it('reads a File or Blob by ranges and gives the same result as bytes in memory', async () => {
    const bytes = await streamWritten(FILES);
    const fromBlob = await read(blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>])));
    const fromBytes = await read(bytes);
    expect(fromBlob.problems).toEqual([]);
    expect([...fromBlob.scan!.entries.values()].map((e) => e.sha256)).toEqual([...fromBytes.scan!.entries.values()].map((e) => e.sha256));
  });

  it('reads each byte of the entries once, in order, and keeps only the entries asked for', async () => {
    const bytes = await streamWritten(FILES);
    const reads: [number, number][] = [];
    const source: ZipSource = { size: bytes.length, read: async (offset, length) => (reads.push([offset, length]), bytes.slice(offset, offset + length)) };
    const zip = (await StrictZip.open(source)) as StrictZip;
    const opening = reads.length;
    const scan = await zip.scan({ keep: (entry) => entry.name.endsWith('.json') });
    const scanned = reads.slice(opening);
    let next = 0;
    for (const [offset, length] of scanned) {
      expect(offset).toBe(next);
      next = offset + length;
    }
    expect(next).toBe(zip.directoryOffset);
    expect([...scan.entries.values()].filter((e) => e.data).map((e) => e.name)).toEqual(['manifest.json', 'captures/a/capture.json']);
  });

  it('hashes an entry by streaming (@noble/hashes) to the same SHA-256 as by gathering (WebCrypto)', async () => {
    const big = new Uint8Array(9 * 1024 * 1024 + 7).map((_, i) => i & 0xff);
    const bytes = await streamWritten([{ name: 'media.bin', data: big }]);
    const opened = (await StrictZip.open(bytesSource(bytes))) as StrictZip;
    const streamed = await opened.scan({ hasher: () => streamingHasher() });
    const gathered = await opened.scan();
    expect(streamed.entries.get('media.bin')!.sha256).toBe(sha256(big));
    expect(gathered.entries.get('media.bin')!.sha256).toBe(sha256(big));
  });

  it('reports progress within a large entry and stops on a cancel before the entry ends', async () => {
    const big = new Uint8Array(20 * 1024 * 1024);
    const bytes = await streamWritten([{ name: 'a.txt', data: text('a') }, { name: 'video.mp4', data: big }]);
    const opened = (await StrictZip.open(bytesSource(bytes))) as StrictZip;
    const seen: number[] = [];
    await opened.scan({ onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.at(-1)).toBe(opened.directoryOffset);
    const controller = new AbortController();
    const reads: number[] = [];
    const scan = opened.scan({ signal: controller.signal, onProgress: (done) => (reads.push(done), done > 8 * 1024 * 1024 && controller.abort()) });
    await expect(scan).rejects.toThrow();
    expect(Math.max(...reads)).toBeLessThan(opened.directoryOffset);
  });
});

describe('the strict reader refuses what PostProof never writes', () => {
  const base = () => FILES.map((entry) => ({ ...entry }));
  const change = (name: string, patch: Partial<RawZipEntry>) => base().map((e) => (e.name === name ? { ...e, ...patch } : e));
  const cases: { name: string; zip: () => Uint8Array; code: ZipProblemCode }[] = [
    { name: 'a data-carrying folder entry whose local name is report.html', zip: () => writeRawZip([...base(), { name: 'captures/', localName: 'report.html', data: text('<p>forged</p>') }]), code: 'entry-kind' },
    { name: 'a local name that differs from the directory’s', zip: () => writeRawZip(change('report.html', { localName: 'report.htmx' })), code: 'header-mismatch' },
    { name: 'a local name of another length than the directory’s', zip: () => writeRawZip(change('report.html', { localName: 'report.htm' })), code: 'damaged' },
    { name: 'an HTML page before the first entry (offsets shifted)', zip: () => writeRawZip(base(), { prefix: text('<html><body>hi</body></html>'), shiftOffsets: true }), code: 'hidden-bytes' },
    { name: 'bytes before the first entry (offsets not shifted)', zip: () => writeRawZip(base(), { prefix: text('xxxx') }), code: 'hidden-bytes' },
    { name: 'bytes between two entries', zip: () => writeRawZip(change('manifest.json', { after: text('hidden') })), code: 'hidden-bytes' },
    { name: 'bytes after the end record', zip: () => writeRawZip(base(), { trailing: text('appended') }), code: 'trailing-bytes' },
    { name: 'a ZIP comment', zip: () => writeRawZip(base(), { comment: 'all verified, trust me' }), code: 'trailing-bytes' },
    { name: 'a wrong CRC-32', zip: () => writeRawZip(change('report.html', { crc: 0x12345678 })), code: 'crc' },
    { name: 'a deflated entry', zip: () => writeRawZip(change('report.html', { method: 'deflate' })), code: 'entry-kind' },
    { name: 'an encrypted entry', zip: () => writeRawZip(change('report.html', { flags: 1 })), code: 'entry-kind' },
    { name: 'a data descriptor', zip: () => writeRawZip(change('report.html', { flags: 8 })), code: 'entry-kind' },
    { name: 'an Info-ZIP Unicode Path extra field naming another file', zip: () => writeRawZip(change('report.html', { centralExtra: new Uint8Array([0x75, 0x70, 5, 0, 1, 0, 0, 0, 0]) })), code: 'entry-kind' },
    { name: 'an extra field in the local header only', zip: () => writeRawZip(change('report.html', { localExtra: new Uint8Array([0x55, 0x54, 1, 0, 0]) })), code: 'hidden-bytes' },
    { name: 'an entry comment', zip: () => writeRawZip(change('report.html', { comment: 'x' })), code: 'entry-kind' },
    { name: 'a symbolic link', zip: () => writeRawZip([...base(), { name: 'captures/a/media/2.jpg', data: text('/etc/passwd'), symlink: true }]), code: 'entry-kind' },
    { name: 'Unix permissions', zip: () => writeRawZip(change('report.html', { madeBy: (3 << 8) | 20, externalAttributes: (0o100644 << 16) >>> 0 })), code: 'entry-kind' },
    { name: 'two entries of one name', zip: () => writeRawZip([...base(), { name: 'report.html', data: text('second') }]), code: 'duplicate-name' },
    { name: 'names that differ only in case', zip: () => writeRawZip([...base(), { name: 'REPORT.html', data: text('second') }]), code: 'duplicate-name' },
    { name: 'a file where another entry needs a folder', zip: () => writeRawZip([...base(), { name: 'captures/a', data: text('x') }]), code: 'duplicate-name' },
    { name: 'a name climbing out with ..', zip: () => writeRawZip([...base(), { name: '../../evil.txt', data: text('x') }]), code: 'unsafe-name' },
    { name: 'an absolute name', zip: () => writeRawZip([...base(), { name: '/tmp/evil.txt', data: text('x') }]), code: 'unsafe-name' },
    { name: 'a backslash', zip: () => writeRawZip([...base(), { name: 'a\\b.txt', data: text('x') }]), code: 'unsafe-name' },
    { name: 'a non-ASCII name', zip: () => writeRawZip([...base(), { name: 'تقرير.html', data: text('x') }]), code: 'unsafe-name' },
    { name: 'a space in a name', zip: () => writeRawZip([...base(), { name: 'report .html', data: text('x') }]), code: 'unsafe-name' },
    { name: 'a size that lies', zip: () => writeRawZip(change('report.html', { declaredSize: 3_000_000_000 })), code: 'damaged' },
  ];
  for (const testCase of cases) {
    it(`refuses ${testCase.name}`, async () => {
      expect(await codes(testCase.zip())).toContain(testCase.code);
    });
  }

  it('refuses ZIP64 markers, truncation, an empty file and random bytes, without throwing', async () => {
    const whole = await streamWritten(FILES);
    const zip64 = whole.slice();
    new DataView(zip64.buffer).setUint16(zip64.length - 22 + 10, 0xffff, true);
    expect(await codes(zip64)).toEqual(['unsupported']);
    for (const cut of [0, 10, 100, whole.length - 23, whole.length - 1]) expect((await codes(whole.subarray(0, cut))).length, `cut at ${cut}`).toBeGreaterThan(0);
    expect(await codes(new Uint8Array(5000).fill(7))).toEqual(['not-a-zip']);
  });

  it('refuses every single-byte change outside the entries’ data (every header byte is checked)', async () => {
    const bytes = await streamWritten(FILES);
    const opened = (await StrictZip.open(bytesSource(bytes))) as StrictZip;
    const dataBytes = new Set<number>();
    for (const entry of opened.entries) for (let i = entry.dataOffset; i < entry.dataOffset + entry.size; i++) dataBytes.add(i);
    let checked = 0;
    for (let at = 0; at < bytes.length; at++) {
      if (dataBytes.has(at)) continue;
      for (const delta of [1, 0x80]) {
        const changed = bytes.slice();
        changed[at] = changed[at]! ^ delta;
        expect((await codes(changed)).length, `byte ${at} ^ ${delta}`).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('refuses a change to any byte of the data by its CRC-32', async () => {
    const bytes = await streamWritten(FILES);
    const opened = (await StrictZip.open(bytesSource(bytes))) as StrictZip;
    for (const entry of opened.entries) {
      for (const at of [entry.dataOffset, entry.dataOffset + Math.floor(entry.size / 2), entry.dataOffset + entry.size - 1]) {
        const changed = bytes.slice();
        changed[at] = changed[at]! ^ 1;
        expect(await codes(changed), `${entry.name} byte ${at}`).toEqual(['crc']);
      }
    }
  });
});
