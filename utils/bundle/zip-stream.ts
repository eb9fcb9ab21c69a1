// A ZIP writer for bundles that do not fit in memory: STORED entries written one by one to a byte sink, central
// directory at the end. No ZIP64, like jszip: the caller keeps each volume under MAX_BUNDLE_BYTES and 65,535 entries.
import { BundleError } from './errors';
import { MAX_BUNDLE_BYTES } from './layout';

/** Where the ZIP's bytes go (a file in the origin-private file system, or memory in tests). */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Bytes gathered before one write to the sink: a write to a file stream costs about as much for 100 bytes as for 1 MiB. */
export const COALESCE_BYTES = 8 * 1024 * 1024;

/**
 * A sink that gathers small chunks (ZIP headers, small files) into writes of about `size` bytes; a chunk that is
 * that big alone goes straight through after what was gathered. `flush` writes the rest: call it before closing.
 */
export class CoalescingSink implements ByteSink {
  private buffer: Uint8Array;
  private used = 0;

  constructor(private readonly sink: ByteSink, private readonly size = COALESCE_BYTES) {
    this.buffer = new Uint8Array(size);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.used + chunk.length > this.size) await this.flush();
    if (chunk.length >= this.size) return this.sink.write(chunk);
    this.buffer.set(chunk, this.used);
    this.used += chunk.length;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // A fresh buffer: the sink may keep what it was given (a stream writes it later).
    this.buffer = new Uint8Array(this.size);
    this.used = 0;
    await this.sink.write(full);
  }
}

/** ZIP32 counts entries in 16 bits. */
export const MAX_ZIP_ENTRIES = 0xffff;
const LOCAL_HEADER = 30;
const DIRECTORY_HEADER = 46;
const END_RECORD = 22;
const UTF8_NAMES = 0x0800;

const CRC_TABLES = (() => {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[0]![n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) tables[t]![n] = (tables[0]![tables[t - 1]![n]! & 0xff]! ^ (tables[t - 1]![n]! >>> 8)) >>> 0;
  }
  return tables;
})();

/** CRC-32 (ZIP's), eight bytes a step: media of a gigabyte must not take longer to check than to read. */
export function crc32(data: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let crc = 0xffffffff;
  let i = 0;
  const fast = data.length - (data.length % 8);
  for (; i < fast; i += 8) {
    const a = (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) ^ crc;
    crc =
      t7[a & 0xff]! ^ t6[(a >>> 8) & 0xff]! ^ t5[(a >>> 16) & 0xff]! ^ t4[a >>> 24]! ^
      t3[data[i + 4]!]! ^ t2[data[i + 5]!]! ^ t1[data[i + 6]!]! ^ t0[data[i + 7]!]!;
  }
  for (; i < data.length; i++) crc = t0[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface WrittenEntry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

export class StoredZipWriter {
  private readonly entries: WrittenEntry[] = [];
  private offset = 0;
  private readonly stamp: { time: number; date: number };

  constructor(private readonly sink: ByteSink, date: Date) {
    this.stamp = dosDateTime(date);
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  async add(path: string, data: Uint8Array): Promise<void> {
    const name = new TextEncoder().encode(path);
    if (this.entries.length + 1 >= MAX_ZIP_ENTRIES || this.offset + LOCAL_HEADER + name.length + data.length > MAX_BUNDLE_BYTES) {
      throw new BundleError('BUNDLE_TOO_LARGE', 'This volume grew past what one ZIP without ZIP64 can hold; lower the volume size in the settings and export again.');
    }
    const crc = crc32(data);
    const header = new Uint8Array(LOCAL_HEADER + name.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, UTF8_NAMES, true);
    view.setUint16(8, 0, true);
    view.setUint16(10, this.stamp.time, true);
    view.setUint16(12, this.stamp.date, true);
    view.setUint32(14, crc, true);
    view.setUint32(18, data.length, true);
    view.setUint32(22, data.length, true);
    view.setUint16(26, name.length, true);
    view.setUint16(28, 0, true);
    header.set(name, LOCAL_HEADER);
    this.entries.push({ name, crc, size: data.length, offset: this.offset });
    await this.sink.write(header);
    await this.sink.write(data);
    this.offset += header.length + data.length;
  }

  /** Writes the central directory and the end record; the sink then holds a complete ZIP. */
  async finish(): Promise<void> {
    const size = this.entries.reduce((sum, entry) => sum + DIRECTORY_HEADER + entry.name.length, 0);
    const directory = new Uint8Array(size + END_RECORD);
    const view = new DataView(directory.buffer);
    let at = 0;
    for (const entry of this.entries) {
      view.setUint32(at, 0x02014b50, true);
      view.setUint16(at + 4, 20, true);
      view.setUint16(at + 6, 20, true);
      view.setUint16(at + 8, UTF8_NAMES, true);
      view.setUint16(at + 10, 0, true);
      view.setUint16(at + 12, this.stamp.time, true);
      view.setUint16(at + 14, this.stamp.date, true);
      view.setUint32(at + 16, entry.crc, true);
      view.setUint32(at + 20, entry.size, true);
      view.setUint32(at + 24, entry.size, true);
      view.setUint16(at + 28, entry.name.length, true);
      view.setUint32(at + 42, entry.offset, true);
      directory.set(entry.name, at + DIRECTORY_HEADER);
      at += DIRECTORY_HEADER + entry.name.length;
    }
    view.setUint32(at, 0x06054b50, true);
    view.setUint16(at + 8, this.entries.length, true);
    view.setUint16(at + 10, this.entries.length, true);
    view.setUint32(at + 12, size, true);
    view.setUint32(at + 16, this.offset, true);
    await this.sink.write(directory);
    this.offset += directory.length;
  }
}
