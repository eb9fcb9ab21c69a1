// Which files of a WACZ the verifier keeps in memory to parse, and up to what size. Unlike a bundle's media, the WARC
// is parsed, so it is kept too, up to MAX_WARC_BYTES (2 GiB, the most the writer writes): verifying a WACZ takes about
// as much memory as the WACZ (docs/wacz.md). Any other file, or a larger one, is only hashed as it streams by, and
// the check that needs it says it is far larger than PostProof writes.

import {
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  DATAPACKAGE_FILE,
  DIGEST_FILE,
  GUIDE_FILE,
  INDEX_FILE,
  KEY_FILE,
  MAX_WARC_BYTES,
  PAGES_FILE,
  WARC_FILE,
} from './layout';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest size each parsed file may have. */
const LIMITS: ReadonlyMap<string, number> = new Map([
  [WARC_FILE, MAX_WARC_BYTES],
  [INDEX_FILE, 256 * MiB],
  [PAGES_FILE, 256 * MiB],
  [GUIDE_FILE, 1 * MiB],
  [KEY_FILE, 64 * KiB],
  [DATAPACKAGE_FILE, 64 * MiB],
  [DIGEST_FILE, 16 * MiB],
  [CHECKSUMS_FILE, 1 * MiB],
  [CHECKSUMS_SIGNATURE_FILE, 4 * KiB],
]);

/** Whether the verifier keeps this file's bytes to parse it. */
export function keepForParsing(name: string, size: number): boolean {
  // A thread record (threads/<id>/thread.json, 10,000 members at most) and its signature.
  const thread = /^threads\/[^/]+\/thread\.json(\.sig)?$/.exec(name);
  const limit = thread ? (thread[1] ? 4 * KiB : 16 * MiB) : LIMITS.get(name);
  return limit !== undefined && size <= limit;
}
