import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { StoredZipWriter, type ZipPart } from './stored-writer';
import { bytesSource } from './source';
import { StrictZip } from './strict-reader';

function memorySink() {
  const parts: Uint8Array[] = [];
  const write = async (chunk: ZipPart) => void parts.push(chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk.slice());
  return { parts, write, bytes: () => Buffer.concat(parts) };
}

function unzipTest(bytes: Uint8Array): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zip-stream-'));
  try {
    writeFileSync(join(dir, 'test.zip'), bytes);
    const test = spawnSync('unzip', ['-t', 'test.zip'], { cwd: dir, encoding: 'utf8' });
    return { status: test.status, output: test.stdout + test.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('StoredZipWriter', () => {
  it('writes a STORED ZIP that jszip and the stock unzip read back byte for byte', async () => {
    const sink = memorySink();
    const zip = new StoredZipWriter(sink, new Date(Date.UTC(2026, 10, 28, 1, 53, 10)));
    const files = { 'manifest.json': '{"a":1}\n', 'captures/x/media/1.jpg': new Uint8Array(70_001).fill(9), 'text.txt': 'مرحبا' };
    for (const [path, data] of Object.entries(files)) await zip.add(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    await zip.finish();
    const bytes = sink.bytes();
    expect(zip.bytesWritten).toBe(bytes.length);
    const strict = await StrictZip.open(bytesSource(bytes));
    expect(Array.isArray(strict), JSON.stringify(strict)).toBe(false);
    expect((strict as StrictZip).entries.map((e) => e.name)).toEqual(Object.keys(files));
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await read.file('manifest.json')!.async('string')).toBe('{"a":1}\n');
    expect((await read.file('captures/x/media/1.jpg')!.async('uint8array')).length).toBe(70_001);

    const test = unzipTest(bytes);
    expect(test.status, test.output).toBe(0);
  });

  it('passes a stored Blob through unread, with the CRC-32 it was stored with, as the same ZIP bytes', async () => {
    const media = new Uint8Array(100_003).map((_, i) => (i * 7) & 0xff);
    const date = new Date(Date.UTC(2026, 10, 28, 8, 0, 0));
    const fromBytes = memorySink();
    const fromBlob = memorySink();
    const written: ZipPart[] = [];
    const byBytes = new StoredZipWriter(fromBytes, date);
    const byBlob = new StoredZipWriter({
      write: async (part) => {
        written.push(part);
        await fromBlob.write(part);
      },
    }, date);
    await byBytes.add('a.txt', new TextEncoder().encode('a'));
    await byBlob.add('a.txt', new TextEncoder().encode('a'));
    await byBytes.add('media/1.jpg', media);
    const blob = new Blob([media]);
    await byBlob.addStored('media/1.jpg', blob, crc32(media));
    await byBytes.finish();
    await byBlob.finish();
    expect(written).toContain(blob);
    expect(fromBlob.bytes()).toEqual(fromBytes.bytes());
    expect(byBlob.bytesWritten).toBe(fromBytes.bytes().length);
  });

  it('writes a stored file whose bytes changed since its CRC was taken so that unzip -t reports it', async () => {
    const sink = memorySink();
    const zip = new StoredZipWriter(sink, new Date(Date.UTC(2026, 10, 28)));
    const original = new Uint8Array(5000).fill(3);
    const damaged = original.slice();
    damaged[2500] = 4;
    await zip.addStored('media/1.jpg', new Blob([damaged]), crc32(original));
    await zip.finish();
    const test = unzipTest(sink.bytes());
    expect(test.status).not.toBe(0);
    expect(test.output).toMatch(/bad CRC/i);
  });
});
