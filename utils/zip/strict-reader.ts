// The one strict ZIP reader of the CLI, verify.html and import (DESIGN.md §5): it opens only a ZIP laid out as
// PostProof writes one, then reads every entry once, in file order, at the central directory's offsets, checking each
// local header against the directory and each entry's CRC-32, and hashing it as it streams by. What it reports is
// what unzip gives a person; the bytes it keeps are the bytes it hashed, never a second reading.

import {
  END_RECORD_SIZE,
  LOCAL_HEADER_SIZE,
  localHeaderProblem,
  MAX_COMMENT,
  MAX_DIRECTORY_BYTES,
  readCentralDirectory,
  readEndRecord,
  type ZipEntry,
} from './central-directory';
import { crc32 as jsCrc32 } from './crc32';
import { defaultHasher, type Crc32Function, type HasherFactory } from './entry-hash';
import type { ZipSource } from './source';
import { shownName, type ZipProblem } from './zip-problem';
import { errorMessage } from '../error-message';

export type { ZipEntry } from './central-directory';

/** What one entry was found to hold. */
export interface ScannedEntry {
  name: string;
  size: number;
  sha256: string;
  /** The entry's bytes, when the caller asked to keep them. */
  data?: Uint8Array;
}

export interface ScanOptions {
  /** Which entries' bytes to keep (the small files a verifier parses); the rest are hashed and let go. */
  keep?: (entry: ZipEntry) => boolean;
  hasher?: HasherFactory;
  crc32?: Crc32Function;
  /** Bytes read so far of `total` (the entries' headers and data), after each piece read (4 MiB at most). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ZipScan {
  /** By name, in file order. */
  entries: Map<string, ScannedEntry>;
  /** Local headers that differ from the directory ('header-mismatch', 'damaged'): the archive cannot be trusted. */
  structural: ZipProblem[];
  /** Entries whose bytes fail their CRC-32. */
  crc: ZipProblem[];
}

const READ_CHUNK = 4 * 1024 * 1024;

/**
 * Reads a contiguous range of the source in large pieces and hands out exact slices of it, in order. Between pieces
 * it reports how far it has read and stops on a cancel, so a single large entry neither freezes progress nor outlives
 * a cancel.
 */
class SequentialReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(
    private readonly source: ZipSource,
    private position: number,
    private readonly end: number,
    private readonly between: { onRead?: (position: number) => void; signal?: AbortSignal } = {},
  ) {}

  private async fill(): Promise<void> {
    this.between.signal?.throwIfAborted();
    const length = Math.min(READ_CHUNK, this.end - this.position);
    if (length <= 0) throw new RangeError('The ZIP ended before the entry did.');
    this.buffer = await this.source.read(this.position, length);
    this.position += length;
    this.at = 0;
    this.between.onRead?.(this.position);
  }

  /** The next `length` bytes in pieces, each valid only during the call. */
  async pipe(length: number, into: (piece: Uint8Array) => void): Promise<void> {
    let left = length;
    while (left > 0) {
      if (this.at === this.buffer.length) await this.fill();
      const piece = this.buffer.subarray(this.at, this.at + Math.min(left, this.buffer.length - this.at));
      this.at += piece.length;
      left -= piece.length;
      into(piece);
    }
  }

  /** The next `length` bytes as one new array. */
  async take(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let filled = 0;
    await this.pipe(length, (piece) => {
      out.set(piece, filled);
      filled += piece.length;
    });
    return out;
  }
}

export class StrictZip {
  private constructor(
    readonly source: ZipSource,
    /** In file order. */
    readonly entries: readonly ZipEntry[],
    readonly directoryOffset: number,
  ) {}

  /** Opens `source`, or gives every reason it is not a ZIP as PostProof writes one. Only range reads; never throws. */
  static async open(source: ZipSource): Promise<StrictZip | ZipProblem[]> {
    try {
      const tailLength = Math.min(source.size, END_RECORD_SIZE + MAX_COMMENT);
      const end = readEndRecord(await source.read(source.size - tailLength, tailLength), source.size);
      if ('code' in end) return [end];
      if (end.directorySize > MAX_DIRECTORY_BYTES) {
        return [{ code: 'unsupported', message: `The ZIP’s file directory is ${end.directorySize} bytes long, far more than a PostProof bundle’s; it was not read.` }];
      }
      const layout = readCentralDirectory(await source.read(end.directoryOffset, end.directorySize), end.count, end.directoryOffset);
      if (Array.isArray(layout)) return layout;
      return new StrictZip(source, [...layout.entries].sort((a, b) => a.offset - b.offset), layout.directoryOffset);
    } catch (error) {
      return [{ code: 'not-a-zip', message: `The file could not be read as a ZIP archive (${errorMessage(error)}).` }];
    }
  }

  /**
   * One entry's bytes, read again from the source after a scan (import stores the files it verified): the local header
   * and CRC-32 are checked again, and the caller compares the SHA-256 with the scan's, so a file that changed on disk
   * in between is refused rather than stored.
   */
  async readEntry(name: string): Promise<Uint8Array> {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) throw new RangeError(`${name} is not in the archive.`);
    const reader = new SequentialReader(this.source, entry.offset, entry.dataOffset + entry.size);
    const problem = localHeaderProblem(entry, await reader.take(LOCAL_HEADER_SIZE + entry.nameBytes.length));
    if (problem) throw new RangeError(problem.message);
    const data = await reader.take(entry.size);
    if (jsCrc32(data) !== entry.crc32) throw new RangeError(`${name} no longer matches its CRC-32: the file changed since it was checked.`);
    return data;
  }

  /**
   * Reads every entry once, in file order: its local header (compared with the directory), its bytes (CRC-32 and
   * SHA-256 as they pass), keeping the bytes of the entries `keep` selects. Throws only on a read error or abort.
   */
  async scan(options: ScanOptions = {}): Promise<ZipScan> {
    const hasher = options.hasher ?? defaultHasher;
    const crc32 = options.crc32 ?? jsCrc32;
    const total = this.directoryOffset;
    const reader = new SequentialReader(this.source, 0, total, {
      ...(options.onProgress ? { onRead: (position: number) => options.onProgress!(position, total) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const result: ZipScan = { entries: new Map(), structural: [], crc: [] };
    for (const entry of this.entries) {
      options.signal?.throwIfAborted();
      const header = await reader.take(LOCAL_HEADER_SIZE + entry.nameBytes.length);
      const problem = localHeaderProblem(entry, header);
      if (problem) result.structural.push(problem);
      const hash = hasher(entry.size);
      const kept = options.keep?.(entry) ? new Uint8Array(entry.size) : undefined;
      let crc = 0;
      let filled = 0;
      await reader.pipe(entry.size, (piece) => {
        hash.update(piece);
        crc = crc32(piece, crc);
        kept?.set(piece, filled);
        filled += piece.length;
      });
      if (crc >>> 0 !== entry.crc32) {
        result.crc.push({ code: 'crc', entry: shownName(entry.name), message: 'This file’s bytes do not match the CRC-32 the ZIP gives for it: unzip reports it as damaged, and it was changed after the archive was made.' });
      }
      result.entries.set(entry.name, { name: entry.name, size: entry.size, sha256: await hash.digest(), ...(kept ? { data: kept } : {}) });
    }
    return result;
  }
}
