// Plans an export's volumes: each capture's size read from its signed record (never its artifacts), and the captures
// split, in the order they were made, into volumes a ZIP without ZIP64 can hold.
import { BundleError } from '../evidence/errors';
import { MAX_BUNDLE_BYTES } from '../formats/bundle/layout';
import type { CaptureRecord } from '../model';
import type { StoredCapture } from '../store/rows';
import type { PostProofDb } from '../store/db';
import { MAX_ZIP_ENTRIES } from '../zip/stored-writer';
import { captureGone } from './errors';

/** Default volume size (setting `exportVolumeBytes`): 2 GiB, half of what a ZIP without ZIP64 can hold. */
export const DEFAULT_VOLUME_BYTES = 2 * 1024 ** 3;
/** Above this estimated size an export streams to disk even when it fits in one volume. */
export const STREAM_ABOVE_BYTES = 64 * 1024 ** 2;
/** Room kept in every volume for signer.pem, VERIFY.txt, report.html's frame, tsa/*.pem and the directory. */
const VOLUME_OVERHEAD_BYTES = 256 * 1024;
/** Per capture: its rows in report.html, the CSV, JSONL and custody.jsonl, its manifest and SHA256SUMS lines. */
const SUMMARY_BYTES_PER_CAPTURE = 16 * 1024;
/** Per file: ZIP headers, directory entry, manifest and SHA256SUMS lines. */
const BYTES_PER_FILE = 512;
/** Entries a volume may hold besides the captures' files. */
const SUMMARY_ENTRIES = 64;

/** What one capture adds to a volume, read from its signed record without touching the artifacts. */
export interface CaptureSize {
  id: string;
  sequence: number;
  bytes: number;
  files: number;
}

export function captureSize(stored: StoredCapture, stamps = 1): CaptureSize {
  const record = JSON.parse(new TextDecoder().decode(stored.recordBytes)) as Pick<CaptureRecord, 'artifacts'>;
  // The screenshot's annotated copy (utils/evidence/annotated-screenshot.ts): a new PNG of about its size, and a strip.
  const screenshot = record.artifacts.find((a) => a.role === 'screenshot');
  const annotated = screenshot ? 2 * screenshot.bytes + 64 * 1024 : 0;
  const files = record.artifacts.length + 3 + stamps + (screenshot ? 1 : 0);
  const data = record.artifacts.reduce((sum, a) => sum + a.bytes, 0) + annotated + stored.recordBytes.length + stored.signature.length + stamps * 8 * 1024;
  return { id: stored.id, sequence: stored.sequence, bytes: data + files * BYTES_PER_FILE + SUMMARY_BYTES_PER_CAPTURE, files };
}

/**
 * Splits captures into volumes of at most `limitBytes` (estimated) in the order they were made, so each volume's
 * chain is unbroken inside it. A capture is never split; one larger than the limit gets a volume of its own.
 * `together`: sets of captures kept in one volume (a thread's members, so its record goes with them): a volume ends
 * only between such sets, unless one set alone is larger than a volume (then it is split where it must be).
 */
export function planVolumes(captures: readonly CaptureSize[], limitBytes: number, together: readonly (readonly string[])[] = []): string[][] {
  const limit = Math.min(limitBytes, MAX_BUNDLE_BYTES) - VOLUME_OVERHEAD_BYTES;
  const volumes: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  let files = SUMMARY_ENTRIES;
  for (const unit of keptTogether(captures, together)) {
    const unitBytes = unit.reduce((sum, c) => sum + c.bytes, 0);
    const unitFiles = unit.reduce((sum, c) => sum + c.files, 0);
    // A whole set that fits in a volume but not in this one starts the next.
    if (unit.length > 1 && current.length > 0 && unitBytes <= limit && unitFiles + SUMMARY_ENTRIES <= MAX_ZIP_ENTRIES && (bytes + unitBytes > limit || files + unitFiles > MAX_ZIP_ENTRIES)) {
      volumes.push(current);
      current = [];
      bytes = 0;
      files = SUMMARY_ENTRIES;
    }
    for (const capture of unit) {
      if (capture.bytes > MAX_BUNDLE_BYTES - VOLUME_OVERHEAD_BYTES) {
        throw new BundleError('BUNDLE_TOO_LARGE', `Capture ${capture.id} alone holds more than 4 GiB, more than any ZIP bundle can; it cannot be exported as a bundle.`);
      }
      if (current.length > 0 && (bytes + capture.bytes > limit || files + capture.files > MAX_ZIP_ENTRIES)) {
        volumes.push(current);
        current = [];
        bytes = 0;
        files = SUMMARY_ENTRIES;
      }
      current.push(capture.id);
      bytes += capture.bytes;
      files += capture.files;
    }
  }
  if (current.length > 0) volumes.push(current);
  return volumes;
}

/**
 * The captures in units: each set of `together` (sets sharing a capture joined) is one unit, in the order of its first
 * capture; every other capture is a unit of its own; inside a unit, the order they were made.
 */
function keptTogether(captures: readonly CaptureSize[], together: readonly (readonly string[])[]): CaptureSize[][] {
  const byId = new Map(captures.map((c) => [c.id, c]));
  const unitOf = new Map<string, CaptureSize[]>();
  for (const set of together) {
    const members = set.map((id) => byId.get(id)).filter((c): c is CaptureSize => c !== undefined);
    const joined = new Set<CaptureSize>(members);
    for (const member of members) for (const other of unitOf.get(member.id) ?? []) joined.add(other);
    const unit = [...joined];
    for (const member of unit) unitOf.set(member.id, unit);
  }
  const units: CaptureSize[][] = [];
  const placed = new Set<CaptureSize[]>();
  for (const capture of [...captures].sort((a, b) => a.sequence - b.sequence)) {
    const unit = unitOf.get(capture.id);
    if (!unit) units.push([capture]);
    else if (!placed.has(unit)) {
      placed.add(unit);
      units.push([...unit].sort((a, b) => a.sequence - b.sequence));
    }
  }
  return units;
}

/** Sizes of the chosen captures, from their records only. */
export async function captureSizes(db: PostProofDb, ids: readonly string[]): Promise<CaptureSize[]> {
  // One readonly transaction for all of them: a transaction per capture costs more than reading its record.
  const tx = db.transaction(['captures', 'stamps']);
  const stampsByCapture = tx.objectStore('stamps').index('byCapture');
  const [records, stampCounts] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('captures').get(id))),
    Promise.all(ids.map((id) => stampsByCapture.count(id))),
  ]);
  await tx.done;
  return ids.map((id, n) => {
    const stored = records[n];
    if (!stored) {
      throw captureGone(id);
    }
    return captureSize(stored, stampCounts[n]);
  });
}

/** Whether a set needs the volume export: more than one volume, or too big to build in memory. */
export function needsVolumes(sizes: readonly CaptureSize[], limitBytes: number): boolean {
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  return total > STREAM_ABOVE_BYTES || planVolumes(sizes, limitBytes).length > 1;
}
