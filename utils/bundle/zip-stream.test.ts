import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CoalescingSink, crc32, StoredZipWriter } from './zip-stream';
import { readZipDirectory } from './zip-directory';

function memorySink() {
  const parts: Uint8Array[] = [];
  return { parts, write: async (chunk: Uint8Array) => void parts.push(chunk.slice()), bytes: () => Buffer.concat(parts) };
}

describe('StoredZipWriter', () => {
  it('computes the CRC-32 zlib computes, for every length around the 8-byte step', () => {
    const data = new Uint8Array(1037).map((_, i) => (i * 131 + 7) & 0xff);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1037]) expect(crc32(data.subarray(0, length))).toBe(zlibCrc32(data.subarray(0, length)));
  });

  it('writes a STORED ZIP that jszip and the stock unzip read back byte for byte', async () => {
    const sink = memorySink();
    const zip = new StoredZipWriter(sink, new Date(Date.UTC(2026, 10, 28, 1, 53, 10)));
    const files = { 'manifest.json': '{"a":1}\n', 'captures/x/media/1.jpg': new Uint8Array(70_001).fill(9), 'نص.txt': 'مرحبا' };
    for (const [path, data] of Object.entries(files)) await zip.add(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    await zip.finish();
    const bytes = sink.bytes();
    expect(zip.bytesWritten).toBe(bytes.length);
    expect(readZipDirectory(bytes).map((e) => [e.name, e.method])).toEqual(Object.keys(files).map((name) => [name, 0]));
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await read.file('manifest.json')!.async('string')).toBe('{"a":1}\n');
    expect((await read.file('captures/x/media/1.jpg')!.async('uint8array')).length).toBe(70_001);

    const dir = mkdtempSync(join(tmpdir(), 'zip-stream-'));
    try {
      writeFileSync(join(dir, 'test.zip'), bytes);
      const test = spawnSync('unzip', ['-t', 'test.zip'], { cwd: dir, encoding: 'utf8' });
      expect(test.status, test.stdout + test.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same bytes through a coalescing sink, in few writes of at most its size (bigger chunks alone)', async () => {
    const direct = memorySink();
    const inner = memorySink();
    const gathered = new CoalescingSink(inner, 4096);
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const files = [new Uint8Array(100).fill(1), new Uint8Array(5000).fill(2), new Uint8Array(3000).fill(3), new Uint8Array(0), new Uint8Array(4096).fill(4), new Uint8Array(10).fill(5)];
    for (const sink of [direct, gathered]) {
      const zip = new StoredZipWriter(sink, date);
      for (const [n, data] of files.entries()) await zip.add(`f${n}.bin`, data);
      await zip.finish();
    }
    expect(inner.parts.length).toBeLessThan(direct.parts.length);
    await gathered.flush();
    expect(inner.bytes()).toEqual(direct.bytes());
    // Every write but a lone big chunk is at most the buffer's size; nothing is left after the flush.
    expect(inner.parts.filter((part) => part.length > 4096).map((part) => part.length)).toEqual([5000]);
    await gathered.flush();
    expect(inner.bytes()).toEqual(direct.bytes());
  });
});
