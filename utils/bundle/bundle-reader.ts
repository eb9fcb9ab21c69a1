// Opens a bundle ZIP for the verifier: refuses unsafe or oversized archives before extracting anything, then reads
// one entry at a time, never more bytes than the entry declares.

import JSZip from 'jszip';
import { sha256Hex } from '../provenance/hash';
import { unsafeEntryNameReason } from '../zip/entry-names';
import { errorMessage } from './errors';
import { MAX_BUNDLE_BYTES } from './layout';
import { inflationProblem, oversizeProblem } from './read-limits';
import type { VerifyCheck } from './types';
import { readZipDirectory, ZipDirectoryError, type ZipDirectoryEntry } from './zip-directory';

const STORE = 0;
const DEFLATE = 8;

/** jszip's documented `internalStream`, missing from its type declarations. */
interface EntryStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', listener: (error: Error) => void): EntryStream;
  on(event: 'end', listener: () => void): EntryStream;
  resume(): EntryStream;
  pause(): EntryStream;
}

export class BundleReader {
  private readonly hashes = new Map<string, Promise<string>>();

  private constructor(
    private readonly entries: Map<string, ZipDirectoryEntry>,
    private readonly zip: JSZip,
  ) {}

  /**
   * Open `bytes` as a bundle. On a structural problem (not a ZIP, too large, unsafe or duplicate names) it returns
   * null and adds the failed checks: reading on would trust an archive that unzip could unpack differently.
   */
  static async open(bytes: Uint8Array, checks: VerifyCheck[]): Promise<BundleReader | null> {
    let directory: ZipDirectoryEntry[];
    try {
      directory = readZipDirectory(bytes);
    } catch (error) {
      const message = error instanceof ZipDirectoryError ? error.message : 'This file could not be read as a ZIP archive.';
      checks.push({ check: 'zip-open', ok: false, message });
      return null;
    }
    const declared = directory.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > MAX_BUNDLE_BYTES) {
      checks.push({
        check: 'zip-size',
        ok: false,
        message: `The ZIP says it unpacks to ${declared} bytes, more than the 4 GiB a PostProof bundle can hold; it was not checked.`,
      });
      return null;
    }
    const entries = new Map<string, ZipDirectoryEntry>();
    let structural = true;
    for (const entry of directory) {
      const unsafe = unsafeEntryNameReason(entry.name);
      if (unsafe) {
        checks.push({ check: 'entry-name', file: entry.name, ok: false, message: `Unsafe file name in the ZIP: ${unsafe}. A PostProof bundle never contains one; this ZIP was altered or made by something else.` });
        structural = false;
      } else if (entries.has(entry.name)) {
        checks.push({ check: 'entry-duplicate', file: entry.name, ok: false, message: 'The ZIP holds two files with this name; tools would disagree on which one is the evidence.' });
        structural = false;
      } else if (entry.isSymlink) {
        checks.push({ check: 'entry-symlink', file: entry.name, ok: false, message: 'This ZIP entry is a symbolic link: unzip would create a link, and checks run on the unpacked folder would read whatever it points to. A PostProof bundle never contains one.' });
        structural = false;
      } else if (!entry.isDirectory && entry.method === STORE && entry.compressedSize !== entry.uncompressedSize) {
        checks.push({ check: 'zip-open', file: entry.name, ok: false, message: 'This stored (uncompressed) entry declares two different sizes; the archive is damaged or crafted.' });
        structural = false;
      } else if (!entry.isDirectory && entry.method === DEFLATE && inflationProblem(entry.compressedSize, entry.uncompressedSize)) {
        checks.push({ check: 'zip-bomb', file: entry.name, ok: false, message: `This entry looks like a ZIP bomb: ${inflationProblem(entry.compressedSize, entry.uncompressedSize)}. The bundle was not unpacked.` });
        structural = false;
      } else if (!entry.isDirectory && entry.method !== STORE && entry.method !== DEFLATE) {
        checks.push({ check: 'zip-open', file: entry.name, ok: false, message: `This file uses a ZIP compression method (${entry.method}) that cannot be read.` });
        structural = false;
      }
      entries.set(entry.name, entry);
    }
    if (!structural) return null;
    try {
      return new BundleReader(entries, await JSZip.loadAsync(bytes));
    } catch (error) {
      checks.push({ check: 'zip-open', ok: false, message: `The ZIP archive is damaged and could not be opened (${errorMessage(error)}).` });
      return null;
    }
  }

  /** Names of the files (not folders) in the ZIP, in archive order. */
  fileNames(): string[] {
    return [...this.entries.values()].filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  }

  has(name: string): boolean {
    return this.entries.get(name)?.isDirectory === false;
  }

  size(name: string): number | undefined {
    return this.entries.get(name)?.uncompressedSize;
  }

  /** The entry's bytes; throws with a readable message if it is missing, damaged or larger than it declares. */
  read(name: string): Promise<Uint8Array> {
    const entry = this.entries.get(name);
    const file = this.zip.file(name);
    if (!entry || entry.isDirectory || !file) return Promise.reject(new Error(`${name} is not in the bundle.`));
    const oversize = oversizeProblem(name, entry.uncompressedSize);
    if (oversize) return Promise.reject(new Error(`${oversize}.`));
    const stream = (file as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
    return new Promise((resolve, reject) => {
      const out = new Uint8Array(entry.uncompressedSize);
      let length = 0;
      let failed = false;
      const fail = (message: string) => {
        if (failed) return;
        failed = true;
        stream.pause();
        reject(new Error(message));
      };
      stream
        .on('data', (chunk) => {
          if (failed) return;
          // A lying size in the directory must not let a small deflated entry swell without bound.
          if (length + chunk.length > out.length) return fail(`${name} unpacks to more bytes than the ZIP declares; the archive is damaged or crafted.`);
          out.set(chunk, length);
          length += chunk.length;
        })
        .on('error', (error) => fail(`${name} could not be unpacked (${error.message}); the archive is damaged.`))
        .on('end', () => {
          if (length !== out.length) return fail(`${name} unpacks to fewer bytes than the ZIP declares; the archive is damaged.`);
          if (!failed) resolve(out);
        })
        .resume();
    });
  }

  /** SHA-256 of an entry, computed once however many checks ask. */
  sha256(name: string): Promise<string> {
    let hash = this.hashes.get(name);
    if (!hash) {
      hash = this.read(name).then(sha256Hex);
      this.hashes.set(name, hash);
    }
    return hash;
  }
}
