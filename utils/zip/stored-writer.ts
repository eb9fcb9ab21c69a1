// The streaming ZIP writer, beside the strict reader that accepts exactly what it writes (strict-reader.ts): STORED
// entries written one by one to a byte sink, central directory at the end: the one writer of both formats, streamed to
// volumes or held in memory (memory-sink.ts). No ZIP64: the caller keeps each
// volume under MAX_ZIP_BYTES and 65,535 entries.
// An entry's data may be a Blob (a file as the store keeps it) with the CRC-32 taken when it was stored: the writer
// then never reads its bytes, and the finished ZIP is a Blob made of the stored files and the headers between them.
import { crc32 } from './crc32';

/** No ZIP64 (nor did jszip, the writer before it): a ZIP must stay below 4 GiB. */
export const MAX_ZIP_BYTES = 4 * 1024 ** 3 - 1;

/** The ZIP would pass what ZIP32 can hold; the message says what to do. */
export class ZipLimitError extends Error {
  readonly code = 'ZIP_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

/** A piece of the ZIP: bytes made at export, or a Blob passed through as it is. */
export type ZipPart = Uint8Array | Blob;

/** Where the ZIP's pieces go (parts of a Blob, or memory in tests). */
export interface ByteSink {
  write(chunk: ZipPart): Promise<void>;
}

const partSize = (part: ZipPart) => (part instanceof Blob ? part.size : part.length);

/** ZIP32 counts entries in 16 bits. */
export const MAX_ZIP_ENTRIES = 0xffff;
const LOCAL_HEADER = 30;
const DIRECTORY_HEADER = 46;
const END_RECORD = 22;
const UTF8_NAMES = 0x0800;

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

  /** Adds bytes made at export; their CRC-32 is taken here. */
  add(path: string, data: Uint8Array): Promise<void> {
    return this.addStored(path, data, crc32(data));
  }

  /**
   * Adds a file whose CRC-32 is already known (taken when it was stored); a Blob is passed to the sink unread. A
   * wrong CRC is not caught here: `unzip -t` and every ZIP reader report it, as they would any damaged file.
   */
  async addStored(path: string, data: ZipPart, crc: number): Promise<void> {
    const name = new TextEncoder().encode(path);
    const size = partSize(data);
    if (this.entries.length + 1 >= MAX_ZIP_ENTRIES || this.offset + LOCAL_HEADER + name.length + size > MAX_ZIP_BYTES) {
      throw new ZipLimitError('This volume grew past what one ZIP without ZIP64 can hold; lower the volume size in the settings and export again.');
    }
    const header = new Uint8Array(LOCAL_HEADER + name.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, UTF8_NAMES, true);
    view.setUint16(8, 0, true);
    view.setUint16(10, this.stamp.time, true);
    view.setUint16(12, this.stamp.date, true);
    view.setUint32(14, crc >>> 0, true);
    view.setUint32(18, size, true);
    view.setUint32(22, size, true);
    view.setUint16(26, name.length, true);
    view.setUint16(28, 0, true);
    header.set(name, LOCAL_HEADER);
    this.entries.push({ name, crc: crc >>> 0, size, offset: this.offset });
    await this.sink.write(header);
    await this.sink.write(data);
    this.offset += header.length + size;
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
