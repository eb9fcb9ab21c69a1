// A capture's folder in the locker: a one-capture evidence bundle, unpacked, under `<prefix>/<case>/<capture id>/`.
// It is made with the bundle writer (the same signed manifest, SHA256SUMS and signatures as an export), so what
// lies in the locker is checked with the stock recipe of VERIFY.txt as it stands, and read back by the bundle
// verifier. It is built once and kept as one stored ZIP Blob in the queue row, so a push resumed after a restart
// sends exactly the same bytes: a second build would sign a new manifest, and the locked first one would clash.
import type { PostProofDb } from '../store/db';
import { stampsOf, captureStampState } from '../store/stamps';
import { signerInputs } from '../export/signer-inputs';
import { captureSources } from '../export/sources';
import { writeBundle } from '../formats/bundle/bundle-writer';
import { CHECKSUMS_FILE } from '../formats/bundle/layout';
import { bytesSource } from '../zip/source';
import { StrictZip } from '../zip/strict-reader';
import { md5Base64, sha256Hex } from './digests';
import type { LockerConfig } from './s3-api';
import type { LockerFile } from './queue-types';
import { CLOSING_FILE, folderKey } from './keys';

/** How long a push waits for a capture's trusted timestamps before it goes without them. */
export const STAMP_WAIT_MS = 60 * 60 * 1000;

/** The folder cannot be built yet (a timestamp is still being asked for): the queue tries again later. */
export class FolderNotReady extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'FolderNotReady';
  }
}

export interface BuiltFolder {
  folder: string;
  source: Blob;
  files: LockerFile[];
}


function contentType(name: string): string {
  if (name.endsWith('.json') || name.endsWith('.jsonl')) return 'application/json';
  if (name.endsWith('.png')) return 'image/png';
  if (/\.jpe?g$/.test(name)) return 'image/jpeg';
  if (name.endsWith('.webp')) return 'image/webp';
  if (name.endsWith('.gif')) return 'image/gif';
  if (name.endsWith('.mp4')) return 'video/mp4';
  if (name.endsWith('.pem')) return 'application/x-pem-file';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  // HTML (the page snapshot, the report) is served as text, so no browser opening a locker URL renders it.
  if (name.endsWith('.txt') || name.endsWith('.html') || name === CHECKSUMS_FILE) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** The order files are pushed in: everything, then SHA256SUMS, then its signature, which closes the folder. */
function pushOrder(a: string, b: string): number {
  const rank = (name: string) => (name === CLOSING_FILE ? 2 : name === CHECKSUMS_FILE ? 1 : 0);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export async function buildFolder(db: PostProofDb, captureId: string, config: Pick<LockerConfig, 'prefix'>, version: string, now: Date = new Date()): Promise<BuiltFolder> {
  const stored = await db.get('captures', captureId);
  if (!stored) throw new Error(`Capture ${captureId} is no longer in this install's store; it cannot be pushed.`);
  if (captureStampState(await stampsOf(db, captureId)) === 'waiting' && now.getTime() - Date.parse(stored.capturedAt) < STAMP_WAIT_MS) {
    throw new FolderNotReady(`Waiting for capture ${captureId}'s trusted timestamp, so the locker holds it too.`);
  }
  const inputs = await signerInputs(db, version);
  let caseName: string | undefined;
  const sources = captureSources(db, [captureId]);
  const bundle = await writeBundle({
    ...inputs,
    now,
    captures: (async function* () {
      for await (const source of sources) {
        caseName = source.notes?.cases?.[0];
        yield source;
      }
    })(),
  });
  const zip = await StrictZip.open(bytesSource(bundle));
  if (Array.isArray(zip)) throw new Error(`The bundle made for the locker could not be read back: ${zip.map((p) => p.message).join('; ')}`);
  const folder = folderKey(config.prefix, caseName, captureId);
  const files: LockerFile[] = [];
  for (const entry of zip.entries) {
    const data = bundle.subarray(entry.dataOffset, entry.dataOffset + entry.size);
    files.push({
      name: entry.name,
      key: folder + entry.name,
      bytes: entry.size,
      sha256: await sha256Hex(data),
      md5Base64: md5Base64(data),
      contentType: contentType(entry.name),
      offset: entry.dataOffset,
    });
  }
  files.sort((a, b) => pushOrder(a.name, b.name));
  return { folder, source: new Blob([bundle as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), files };
}

/** Bytes `start` to `end` of one file of the folder, read from the stored ZIP. */
export async function readFolderFile(source: Blob, file: LockerFile, start: number, end: number): Promise<Uint8Array> {
  if (file.offset === undefined) throw new Error(`The locker queue has no position for ${file.name}; push the capture again.`);
  if (start < 0 || end > file.bytes || start > end) throw new RangeError(`Bytes ${start}–${end} are outside ${file.name} (${file.bytes} bytes).`);
  return new Uint8Array(await source.slice(file.offset + start, file.offset + end).arrayBuffer());
}
