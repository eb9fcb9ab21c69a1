// One capture's way to the locker, as the queue keeps it (utils/locker/queue.ts, its own IndexedDB database
// `postproof-locker`, so the evidence store needs no migration and holds no credentials).
import type { LockMode, UploadedPart, WriteReceipt } from './s3-api';

export type LockerQueueState = 'queued' | 'pushing' | 'locked' | 'failed';

/** The dashboard's locker state of a capture (DESIGN §6 `data-locker-state`): no row is `none`, pushing shows `queued`. */
export type LockerRowState = 'none' | 'queued' | 'locked' | 'failed';

/** One file of a capture's locker folder and how far it got. */
export interface LockerFile {
  /** Path inside the folder, e.g. `captures/<id>/capture.json` or `SHA256SUMS.sig`. */
  name: string;
  /** The whole object key: `<folder><name>`. */
  key: string;
  bytes: number;
  sha256: string;
  md5Base64: string;
  contentType: string;
  /** Where the file's bytes start in the row's source ZIP (queue.ts `sources`; stored, uncompressed). */
  offset?: number;
  /** Set once the object is written, locked and read back with the same SHA-256. */
  done?: { receipt: WriteReceipt; lockedUntil: string; mode: LockMode; legalHold: boolean; at: string };
  /** A multipart upload under way: kept after each part, so a restart goes on from the last part. */
  multipart?: {
    uploadId: string;
    parts: UploadedPart[];
    /** The part size the upload was cut with: a resumed upload cuts the same parts even if the default changed. */
    partBytes?: number;
  };
}

export interface LockerRow {
  captureId: string;
  state: LockerQueueState;
  queuedAt: string;
  updatedAt: string;
  attempts: number;
  /** ms since the epoch: not tried again before. */
  nextAttemptAt: number;
  /** The last failure, in words (kept while retrying; `failed` rows say why they stopped). */
  error?: string;
  /** `<prefix>/<case>/<capture id>/`: fixed when the folder is first built. */
  folder?: string;
  files?: LockerFile[];
  /** The retention asked of every object (ISO), fixed when the folder is built: a resumed push asks for the same date. */
  retainUntil?: string;
  /** The retention every object got (the earliest of them), once locked. */
  lockedUntil?: string;
  mode?: LockMode;
  legalHold?: boolean;
  pushedAt?: string;
}

export function lockerRowState(row: Pick<LockerRow, 'state'> | undefined): LockerRowState {
  if (!row) return 'none';
  return row.state === 'pushing' ? 'queued' : row.state;
}
