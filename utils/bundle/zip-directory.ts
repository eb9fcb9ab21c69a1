// Reads a ZIP's central directory as written, before any extraction: raw entry names (jszip would silently
// rewrite `../x` and let a later duplicate replace an earlier one) and the sizes they declare.

export interface ZipDirectoryEntry {
  name: string;
  isDirectory: boolean;
  /** 0 = STORE, 8 = DEFLATE. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** A Unix symlink entry (`zip -y`): unzip would create a link, and tools would then read whatever it points to. */
  isSymlink: boolean;
}

export class ZipDirectoryError extends Error {
  constructor(
    readonly code: 'ZIP_NOT_A_ZIP' | 'ZIP_TRUNCATED' | 'ZIP64_UNSUPPORTED',
    message: string,
  ) {
    super(message);
    this.name = 'ZipDirectoryError';
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const DIRECTORY_HEADER_SIZE = 46;
const MAX_COMMENT = 0xffff;
const LOCAL_HEADER_SIZE = 30;
/** "Version made by" hosts whose external attributes carry a Unix mode: Unix, and OS X. */
const UNIX_HOSTS = new Set([3, 19]);
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - END_RECORD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ZipDirectoryError('ZIP_NOT_A_ZIP', 'This file is not a ZIP archive (or it is cut short). Check that you chose the bundle PostProof exported.');
}

export function readZipDirectory(zip: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipDirectoryError('ZIP64_UNSUPPORTED', 'This ZIP uses the ZIP64 extension (over 4 GiB or 65,535 files); PostProof bundles never do, so it was not made by PostProof or was re-packed.');
  }
  if (offset + size > end) throw new ZipDirectoryError('ZIP_TRUNCATED', 'The ZIP’s file directory points outside the file: the download may be incomplete.');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipDirectoryEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + DIRECTORY_HEADER_SIZE > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
      throw new ZipDirectoryError('ZIP_TRUNCATED', 'The ZIP’s file directory is damaged: the download may be incomplete or the file was altered.');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(zip.subarray(at + DIRECTORY_HEADER_SIZE, at + DIRECTORY_HEADER_SIZE + nameLength));
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw new ZipDirectoryError('ZIP64_UNSUPPORTED', `The ZIP entry "${name}" uses the ZIP64 extension; PostProof bundles never do.`);
    }
    const localOffset = view.getUint32(at + 42, true);
    // The entry's data must lie inside the file, before the directory: else the archive was cut short or forged.
    if (localOffset + LOCAL_HEADER_SIZE + compressedSize > offset) {
      throw new ZipDirectoryError('ZIP_TRUNCATED', `The ZIP entry "${name}" points past the end of its data: the download may be incomplete or the file was altered.`);
    }
    const host = view.getUint16(at + 4, true) >>> 8;
    const isSymlink = UNIX_HOSTS.has(host) && ((view.getUint32(at + 38, true) >>> 16) & S_IFMT) === S_IFLNK;
    entries.push({ name, isDirectory: name.endsWith('/'), method: view.getUint16(at + 10, true), compressedSize, uncompressedSize, isSymlink });
    at += DIRECTORY_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}
