// Which files of a bundle the verifier keeps in memory to parse, and up to what size: everything else (screenshots,
// media, snapshots) is only hashed as it streams by, so memory stays bounded however large the bundle. A file over
// its limit is not kept, and the check that needs it says it is far larger than PostProof writes.

import {
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNER_FILE,
  CAPTURES_DIR,
  CHECKSUMS_FILE,
  CSV_FILE,
  CUSTODY_FILE,
  JSONL_FILE,
  MANIFEST_FILE,
  REPORT_FILE,
  SIGNER_KEY_FILE,
  TSA_DIR,
  VERIFY_GUIDE_FILE,
} from './layout';

const KiB = 1024;
const MiB = 1024 * KiB;

const inCapture = (name: string, file: string) => name.startsWith(`${CAPTURES_DIR}/`) && name.split('/').length === 3 && name.endsWith(`/${file}`);

/** The largest size each parsed file may have; files only hashed have none. */
const LIMITS: { test: (name: string) => boolean; max: number }[] = [
  { test: (name) => name === MANIFEST_FILE, max: 64 * MiB },
  { test: (name) => name === CHECKSUMS_FILE, max: 64 * MiB },
  { test: (name) => name === CUSTODY_FILE, max: 256 * MiB },
  { test: (name) => name === REPORT_FILE || name === CSV_FILE || name === JSONL_FILE || name === VERIFY_GUIDE_FILE, max: 256 * MiB },
  { test: (name) => name === SIGNER_KEY_FILE || inCapture(name, CAPTURE_SIGNER_FILE), max: 64 * KiB },
  { test: (name) => name.endsWith('.sig'), max: 4 * KiB },
  { test: (name) => name.startsWith(`${TSA_DIR}/`), max: 4 * MiB },
  { test: (name) => name.endsWith('.tsr'), max: 4 * MiB },
  { test: (name) => inCapture(name, CAPTURE_RECORD_FILE), max: 16 * MiB },
  { test: (name) => inCapture(name, CAPTURE_NOTES_FILE), max: 16 * MiB },
  // A thread record (threads/<id>/thread.json): 10,000 members at most, a few MiB.
  { test: (name) => /^threads\/[^/]+\/thread\.json$/.test(name), max: 16 * MiB },
  // The second witness's responses, read again to check the corroboration (the worker keeps none over 8 MiB).
  { test: (name) => /^captures\/[^/]+\/witness\/\d+-[a-z0-9-]+\.[a-z0-9]+$/.test(name), max: 8 * MiB },
];

/** Whether the verifier keeps this file's bytes to parse it. */
export function keepForParsing(name: string, size: number): boolean {
  const limit = LIMITS.find((rule) => rule.test(name));
  return limit !== undefined && size <= limit.max;
}
