// An evidence file (a bundle or a WACZ) opened for verification through the strict ZIP reader: every entry read once,
// its CRC-32 checked and its SHA-256 taken, the small files to be parsed kept in memory. Refusals of the ZIP itself
// become the report's first checks; nothing here is ever read a second time.

import { bytesSource, type ZipSource } from '../zip/source';
import { StrictZip, type ScanOptions } from '../zip/strict-reader';
import type { ZipProblem, ZipProblemCode } from '../zip/zip-problem';
import type { VerifyCheck, VerifyOptions } from './verify-types';
import { errorMessage } from '../error-message';

const CHECK_OF: Record<ZipProblemCode, string> = {
  'not-a-zip': 'zip-open',
  'trailing-bytes': 'zip-structure',
  unsupported: 'zip-structure',
  damaged: 'zip-structure',
  'hidden-bytes': 'zip-structure',
  'header-mismatch': 'zip-structure',
  'entry-kind': 'zip-structure',
  'unsafe-name': 'entry-name',
  'duplicate-name': 'entry-duplicate',
  crc: 'zip-crc',
};

function problemCheck(problem: ZipProblem): VerifyCheck {
  return { check: CHECK_OF[problem.code], ...(problem.entry ? { file: problem.entry } : {}), ok: false, message: problem.message };
}

/** What the verifier knows of each file of the archive after one pass. */
export class EvidenceFiles {
  constructor(private readonly files: Map<string, { size: number; sha256: string; data?: Uint8Array }>) {}

  /** Every file, in the order it lies in the archive. */
  names(): string[] {
    return [...this.files.keys()];
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  size(name: string): number | undefined {
    return this.files.get(name)?.size;
  }

  sha256(name: string): string | undefined {
    return this.files.get(name)?.sha256;
  }

  /** The bytes of a file kept for parsing; undefined when it is missing or was too large to keep. */
  bytes(name: string): Uint8Array | undefined {
    return this.files.get(name)?.data;
  }

  /** The bytes of a file to be parsed, or a sentence saying why there are none. */
  read(name: string, what: string): Uint8Array | string {
    const file = this.files.get(name);
    if (!file) return `${name} is missing.`;
    return file.data ?? `${name} holds ${file.size} bytes, far more than ${what} PostProof writes; it was not read.`;
  }
}

export function asSource(input: ZipSource | Uint8Array): ZipSource {
  return input instanceof Uint8Array ? bytesSource(input) : input;
}

/**
 * Opens and scans an evidence file. Returns null (with the failed checks added) when the archive itself is refused:
 * a ZIP that unzip could unpack differently, or whose bytes do not match their CRC, is not read any further.
 */
export async function openEvidenceFiles(
  input: ZipSource | Uint8Array,
  keep: (name: string, size: number) => boolean,
  options: Pick<VerifyOptions, 'hasher' | 'crc32' | 'onProgress' | 'signal'>,
  checks: VerifyCheck[],
): Promise<EvidenceFiles | null> {
  const zip = await StrictZip.open(asSource(input));
  if (Array.isArray(zip)) {
    checks.push(...zip.map(problemCheck));
    return null;
  }
  const scanOptions: ScanOptions = {
    keep: (entry) => keep(entry.name, entry.size),
    ...(options.hasher ? { hasher: options.hasher } : {}),
    ...(options.crc32 ? { crc32: options.crc32 } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let scan;
  try {
    scan = await zip.scan(scanOptions);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    checks.push({ check: 'zip-open', ok: false, message: `The file could not be read to its end (${errorMessage(error)}).` });
    return null;
  }
  if (scan.structural.length > 0 || scan.crc.length > 0) {
    checks.push(...scan.structural.map(problemCheck), ...scan.crc.map(problemCheck));
    return null;
  }
  return new EvidenceFiles(new Map([...scan.entries].map(([name, entry]) => [name, { size: entry.size, sha256: entry.sha256, ...(entry.data ? { data: entry.data } : {}) }])));
}
