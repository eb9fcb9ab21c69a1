// How much the verifier reads of a bundle's entries, so a hostile ZIP cannot make it hang or run out of memory:
// a cap on the inflation ratio of compressed entries (ZIP bombs), and a size cap on each small file it parses.

import { CAPTURES_DIR, CHECKSUMS_FILE, CUSTODY_FILE, MANIFEST_FILE, SIGNER_KEY_FILE, TSA_DIR } from './layout';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * A compressed entry may unpack to at most this many times its compressed size (past a first MiB). Deflate can
 * reach about 1,000:1 on repeated bytes; real text (JSON, HTML, checksums) stays under 20:1, and PostProof writes
 * every entry STORED anyway.
 */
export const MAX_INFLATE_RATIO = 100;
export const INFLATE_ALLOWANCE = MiB;

/** Why an entry of this shape is a likely ZIP bomb, or null. */
export function inflationProblem(compressedSize: number, uncompressedSize: number): string | null {
  if (uncompressedSize <= INFLATE_ALLOWANCE || uncompressedSize <= compressedSize * MAX_INFLATE_RATIO) return null;
  const ratio = compressedSize > 0 ? Math.round(uncompressedSize / compressedSize) : Infinity;
  return `it says it unpacks ${compressedSize} bytes into ${uncompressedSize} (${ratio === Infinity ? 'from nothing' : `${ratio}:1`}), far beyond any real file`;
}

/** The largest size each parsed file may have; files only hashed (media, screenshots, post.html) have none. */
const LIMITS: { test: (name: string) => boolean; max: number; what: string }[] = [
  { test: (name) => name === MANIFEST_FILE, max: 64 * MiB, what: 'a manifest' },
  { test: (name) => name === CHECKSUMS_FILE, max: 64 * MiB, what: 'a checksum list' },
  { test: (name) => name === CUSTODY_FILE, max: 256 * MiB, what: 'a custody log' },
  { test: (name) => name === SIGNER_KEY_FILE, max: 64 * KiB, what: 'a public key file' },
  { test: (name) => name.endsWith('.sig'), max: 4 * KiB, what: 'a signature' },
  { test: (name) => name.startsWith(`${TSA_DIR}/`), max: 4 * MiB, what: 'a certificate file' },
  { test: (name) => name.endsWith('.tsr'), max: 4 * MiB, what: 'a timestamp token' },
  { test: (name) => name.startsWith(`${CAPTURES_DIR}/`) && name.endsWith('/capture.json'), max: 16 * MiB, what: 'a capture record' },
];


/** Why `name` is too large to be read and parsed, or null. */
export function oversizeProblem(name: string, size: number): string | null {
  const limit = LIMITS.find((rule) => rule.test(name));
  if (!limit || size <= limit.max) return null;
  return `${name} says it holds ${size} bytes, more than ${limit.max} bytes, which is far beyond ${limit.what} PostProof writes; it was not read`;
}
