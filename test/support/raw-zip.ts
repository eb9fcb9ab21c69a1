// A small raw ZIP writer for hostile-archive tests: it writes exactly what it is told, including what no honest
// tool writes (names with "..", duplicates, symlink entries, sizes that lie, overlapping data).
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
}

function header(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

export function writeRawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const method = entry.method === 'deflate' ? 8 : 0;
    const body = method === 8 ? new Uint8Array(deflateRawSync(entry.data, { level: 9 })) : entry.data;
    const crc = crc32(entry.data) >>> 0;
    const size = entry.declaredSize ?? entry.data.length;
    const local = header(30);
    local.view.setUint32(0, 0x04034b50, true);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(8, method, true);
    local.view.setUint32(14, crc, true);
    local.view.setUint32(18, body.length, true);
    local.view.setUint32(22, size, true);
    local.view.setUint16(26, name.length, true);
    parts.push(local.bytes, name, body);

    const dir = header(46);
    dir.view.setUint32(0, 0x02014b50, true);
    // "Made by" Unix (3) so the external attributes carry a Unix mode, as zip -y writes for a link.
    dir.view.setUint16(4, (3 << 8) | 20, true);
    dir.view.setUint16(6, 20, true);
    dir.view.setUint16(10, method, true);
    dir.view.setUint32(16, crc, true);
    dir.view.setUint32(20, body.length, true);
    dir.view.setUint32(24, size, true);
    dir.view.setUint16(28, name.length, true);
    dir.view.setUint32(38, ((entry.symlink ? 0o120777 : 0o100644) << 16) >>> 0, true);
    dir.view.setUint32(42, offset, true);
    central.push(dir.bytes, name);
    offset += 30 + name.length + body.length;
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const end = header(22);
  end.view.setUint32(0, 0x06054b50, true);
  end.view.setUint16(8, entries.length, true);
  end.view.setUint16(10, entries.length, true);
  end.view.setUint32(12, directorySize, true);
  end.view.setUint32(16, offset, true);
  const all = [...parts, ...central, end.bytes];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
