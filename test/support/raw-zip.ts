// A small raw ZIP writer for hostile-archive tests: it writes exactly what it is told, including what no honest
// tool writes (names with "..", duplicates, symlink entries, sizes that lie, local names that differ from the
// directory's, extra fields, comments, bytes hidden before, between or after the entries).
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawZipEntry {
  name: string;
  data: Uint8Array;
  /** STORE (default) or DEFLATE the data. */
  method?: 'store' | 'deflate';
  /** Written as the uncompressed size in both headers instead of the true one. */
  declaredSize?: number;
  /** A Unix symlink entry (what `zip -y` writes): the data is the link target. */
  symlink?: boolean;
  /** The name in the local header, when it is to differ from the directory's. */
  localName?: string;
  /** General-purpose flags, in both headers (0 by default). */
  flags?: number;
  /** The CRC-32 written in both headers instead of the true one. */
  crc?: number;
  /** Extra field bytes, in the local header, the directory entry, or both. */
  localExtra?: Uint8Array;
  centralExtra?: Uint8Array;
  /** An entry comment in the directory. */
  comment?: string;
  /** "Version made by" and external attributes of the directory entry (MS-DOS ZIP 2.0 and 0 by default, as jszip). */
  madeBy?: number;
  externalAttributes?: number;
  /** Bytes written after this entry's data, before the next entry (a gap no entry accounts for). */
  after?: Uint8Array;
}

export interface RawZipOptions {
  /** Bytes before the first entry (a web page, say); offsets are written as if they were not there unless `shiftOffsets`. */
  prefix?: Uint8Array;
  /** Add the prefix's length to every offset, so the archive still opens in lenient readers. */
  shiftOffsets?: boolean;
  /** The ZIP comment. */
  comment?: string;
  /** Bytes after the end record. */
  trailing?: Uint8Array;
}

function header(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

const encode = (text: string) => new TextEncoder().encode(text);

export function writeRawZip(entries: readonly RawZipEntry[], options: RawZipOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const prefix = options.prefix ?? new Uint8Array(0);
  const base = options.shiftOffsets ? prefix.length : 0;
  if (prefix.length) parts.push(prefix);
  let offset = 0;
  for (const entry of entries) {
    const name = encode(entry.name);
    const localName = entry.localName === undefined ? name : encode(entry.localName);
    const method = entry.method === 'deflate' ? 8 : 0;
    const body = method === 8 ? new Uint8Array(deflateRawSync(entry.data, { level: 9 })) : entry.data;
    const crc = entry.crc ?? crc32(entry.data) >>> 0;
    const size = entry.declaredSize ?? entry.data.length;
    const flags = entry.flags ?? 0;
    const localExtra = entry.localExtra ?? new Uint8Array(0);
    const centralExtra = entry.centralExtra ?? new Uint8Array(0);
    const comment = encode(entry.comment ?? '');
    const local = header(30);
    local.view.setUint32(0, 0x04034b50, true);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(6, flags, true);
    local.view.setUint16(8, method, true);
    local.view.setUint32(14, crc, true);
    local.view.setUint32(18, method === 8 ? body.length : size, true);
    local.view.setUint32(22, size, true);
    local.view.setUint16(26, localName.length, true);
    local.view.setUint16(28, localExtra.length, true);
    parts.push(local.bytes, localName, localExtra, body);

    const dir = header(46);
    dir.view.setUint32(0, 0x02014b50, true);
    // A link needs "made by" Unix (3) so the external attributes carry a Unix mode, as zip -y writes.
    dir.view.setUint16(4, entry.madeBy ?? (entry.symlink ? (3 << 8) | 20 : 20), true);
    dir.view.setUint16(6, 20, true);
    dir.view.setUint16(8, flags, true);
    dir.view.setUint16(10, method, true);
    dir.view.setUint32(16, crc, true);
    dir.view.setUint32(20, method === 8 ? body.length : size, true);
    dir.view.setUint32(24, size, true);
    dir.view.setUint16(28, name.length, true);
    dir.view.setUint16(30, centralExtra.length, true);
    dir.view.setUint16(32, comment.length, true);
    dir.view.setUint32(38, entry.externalAttributes ?? (entry.symlink ? (0o120777 << 16) >>> 0 : 0), true);
    dir.view.setUint32(42, base + offset, true);
    central.push(dir.bytes, name, centralExtra, comment);
    offset += 30 + localName.length + localExtra.length + body.length;
    if (entry.after) {
      parts.push(entry.after);
      offset += entry.after.length;
    }
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const archiveComment = encode(options.comment ?? '');
  const end = header(22);
  end.view.setUint32(0, 0x06054b50, true);
  end.view.setUint16(8, entries.length, true);
  end.view.setUint16(10, entries.length, true);
  end.view.setUint32(12, directorySize, true);
  end.view.setUint32(16, base + offset, true);
  end.view.setUint16(20, archiveComment.length, true);
  const all = [...parts, ...central, end.bytes, archiveComment, options.trailing ?? new Uint8Array(0)];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The entries of a ZIP as raw entries (names and bytes), to rebuild it with changes; reads STORED entries only. */
export function readRawEntries(zip: Uint8Array): RawZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: RawZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const size = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const localNameLength = view.getUint16(local + 26, true);
    const localExtra = view.getUint16(local + 28, true);
    const start = local + 30 + localNameLength + localExtra;
    entries.push({ name, data: zip.slice(start, start + size) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}
