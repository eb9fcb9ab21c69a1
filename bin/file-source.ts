// The CLI's side of the strict reader: a bundle on disk read by ranges through one file handle (never whole), and
// Node's native SHA-256 and CRC-32, which stream at disk speed where the page's fallbacks cannot.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { Crc32Function, HasherFactory } from '../utils/zip/entry-hash';
import type { ZipSource } from '../utils/zip/source';

export interface FileSource extends ZipSource {
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<FileSource> {
  const handle: FileHandle = await open(path, 'r');
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw Object.assign(new Error(`${path} is not a file`), { code: stat.isDirectory() ? 'EISDIR' : 'EINVAL' });
  }
  const { size } = stat;
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) throw new RangeError(`Bytes ${offset}–${offset + length} lie outside the file (${size} bytes).`);
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) throw new RangeError('The file ended early: it changed while it was read.');
        filled += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}

export const nodeHasher: HasherFactory = () => {
  const hash = createHash('sha256');
  return { update: (chunk) => void hash.update(chunk), digest: async () => hash.digest('hex') };
};

export const nodeCrc32: Crc32Function = (chunk, previous) => crc32(chunk, previous);
