// The push of one capture folder to the locker, file by file, so that it can stop anywhere and go on later without
// writing a second version of anything: each file is looked up first (an earlier attempt may have written it and died
// before saving), small files go in one PUT, large ones by multipart with the state saved after every part, and every
// object is read back and its SHA-256 and lock checked before the file counts as done. Nothing here overwrites,
// deletes or retries: errors go up as S3Error, and the caller decides by `error.retryable`.
import type { LockerFile } from './queue-types';
import { S3Error, type GetResult, type HeadResult, type LockMode, type S3Api, type UploadedPart, type WriteReceipt } from './s3-api';
import { bareEtag, md5Base64, md5Hex, sha256Hex } from './digests';

const MIB = 1024 * 1024;
/** S3's smallest part (but the last). */
export const MIN_PART_BYTES = 5 * MIB;
export const DEFAULT_PART_BYTES = 8 * MIB;
export const DEFAULT_MULTIPART_THRESHOLD = 16 * MIB;
/** Files of one folder pushed at once (the closing file always alone, last). */
export const DEFAULT_CONCURRENCY = 4;

export interface PushOptions {
  /** Default 8 MiB, never below 5 MiB (S3's minimum part). */
  partBytes?: number;
  /** Default 16 MiB: files this size or more go by multipart. */
  multipartThreshold?: number;
  now?: () => Date;
  /** Called after every file and every part, so a restart loses at most one part. */
  save(files: LockerFile[]): Promise<void>;
  onProgress?(doneBytes: number, totalBytes: number): void;
  /**
   * The files were made for this attempt (no earlier attempt can have written them): the lookup before each write is
   * skipped. A key that holds something anyway then gets a second version, which the team view reports.
   */
  fresh?: boolean;
  /** Files pushed at once, the closing file excepted (default 4; 1 pushes strictly in order). */
  concurrency?: number;
}

export interface PushTarget {
  mode: LockMode;
  /** ISO 8601. */
  retainUntil: string;
  legalHold: boolean;
}

type ReadBytes = (name: string, start: number, end: number) => Promise<Uint8Array>;

function cloneFile(file: LockerFile): LockerFile {
  return { ...file, ...(file.multipart ? { multipart: { ...file.multipart, parts: file.multipart.parts.map((part) => ({ ...part })) } } : {}) };
}

function time(iso: string | undefined): number {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** COMPLIANCE is the stronger mode: an object under it satisfies a GOVERNANCE target, not the other way round. */
function modeSatisfies(held: LockMode | undefined, wanted: LockMode): boolean {
  return held === wanted || held === 'COMPLIANCE';
}

/** The lock an object reports is at least what the target asks. */
function lockHolds(lock: HeadResult['lock'], target: PushTarget): boolean {
  return modeSatisfies(lock.mode, target.mode) && time(lock.retainUntil) >= time(target.retainUntil) && (!target.legalHold || lock.legalHold === true);
}

/** Gives an object already there (an earlier attempt's) the target's lock, where its own falls short. */
async function ensureLock(api: S3Api, key: string, head: HeadResult, target: PushTarget): Promise<void> {
  const lock = head.lock;
  if (!modeSatisfies(lock.mode, target.mode) || time(lock.retainUntil) < time(target.retainUntil)) {
    const retainUntil = time(lock.retainUntil) > time(target.retainUntil) ? lock.retainUntil! : target.retainUntil;
    const mode: LockMode = lock.mode === 'COMPLIANCE' ? 'COMPLIANCE' : target.mode;
    await api.putObjectRetention(key, head.versionId, { mode, retainUntil });
  }
  if (target.legalHold && !lock.legalHold) await api.putObjectLegalHold(key, head.versionId, true);
}

/** A receipt for an object found already written: what HEAD said of it (the write's own answer was lost). */
function adoptedReceipt(head: HeadResult): WriteReceipt {
  const headers: Record<string, string> = { etag: head.etag };
  if (head.versionId) headers['x-amz-version-id'] = head.versionId;
  if (head.lastModified) headers['last-modified'] = head.lastModified;
  return { status: 200, etag: head.etag, ...(head.versionId ? { versionId: head.versionId } : {}), headers };
}

function bytesOf(result: GetResult): number {
  return result.body.byteLength;
}

/** Reads the object back: the same bytes (SHA-256 and size) under at least the target's lock, or a checksum error. */
async function readBack(api: S3Api, file: LockerFile, versionId: string | undefined, target: PushTarget): Promise<GetResult> {
  const got = await api.getObject(file.key, versionId);
  if (bytesOf(got) !== file.bytes || (await sha256Hex(got.body)) !== file.sha256) {
    throw new S3Error('checksum', `${file.key} was read back from the locker with different bytes than PostProof sent; the push stops so this can be looked into.`);
  }
  if (!lockHolds(got.lock, target)) {
    const held = got.lock.mode ? `${got.lock.mode} until ${got.lock.retainUntil ?? '?'}` : 'no retention';
    throw new S3Error(
      'checksum',
      `${file.key} is in the locker but does not carry the lock asked for (${target.mode} until ${target.retainUntil}${target.legalHold ? ', legal hold' : ''}; it has ${held}${got.lock.legalHold ? ', legal hold' : ''}). Check the bucket's Object Lock settings.`,
    );
  }
  return got;
}

async function checkedRead(read: ReadBytes, file: LockerFile, start: number, end: number): Promise<Uint8Array> {
  const bytes = await read(file.name, start, end);
  if (bytes.byteLength !== end - start) {
    throw new S3Error('checksum', `PostProof read ${bytes.byteLength} bytes of ${file.name} where it expected ${end - start}; the capture's folder has changed.`);
  }
  return bytes;
}

/**
 * Pushes the files not yet done (the caller puts the folder's closing file last: it goes only once all the others are
 * locked), and returns them with `done` filled. `save` gets the files' state after every file and every part.
 */
export async function pushFiles(api: S3Api, files: LockerFile[], read: ReadBytes, target: PushTarget, options: PushOptions): Promise<LockerFile[]> {
  const partBytes = Math.max(options.partBytes ?? DEFAULT_PART_BYTES, MIN_PART_BYTES);
  const threshold = options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD;
  const now = options.now ?? (() => new Date());
  const working = files.map(cloneFile);
  const totalBytes = working.reduce((sum, file) => sum + file.bytes, 0);
  let doneBytes = working.reduce((sum, file) => sum + (file.done ? file.bytes : 0), 0);
  const save = () => options.save(working.map(cloneFile));
  const progress = (bytes: number) => {
    doneBytes += bytes;
    options.onProgress?.(doneBytes, totalBytes);
  };

  const pushOne = async (file: LockerFile): Promise<void> => {
    let written: { receipt: WriteReceipt; versionId: string | undefined };

    const head = options.fresh && !file.multipart ? null : await api.headObject(file.key);
    if (head) {
      if (head.metadata.sha256?.toLowerCase() !== file.sha256 || head.bytes !== file.bytes) {
        throw new S3Error('client', `A different object already sits at ${file.key} in the locker; PostProof will not write over locked evidence.`);
      }
      // Written by an earlier attempt that died before saving: adopt it, never write a second version.
      await ensureLock(api, file.key, head, target);
      written = { receipt: adoptedReceipt(head), versionId: head.versionId };
      delete file.multipart;
      progress(file.bytes);
    } else if (file.bytes < threshold) {
      const body = await checkedRead(read, file, 0, file.bytes);
      if ((await sha256Hex(body)) !== file.sha256) {
        throw new S3Error('checksum', `The bytes PostProof read for ${file.name} do not match its SHA-256; the capture's folder has changed.`);
      }
      const receipt = await api.putObject(file.key, body, {
        md5Base64: md5Base64(body),
        sha256Hex: file.sha256,
        contentType: file.contentType,
        lock: { mode: target.mode, retainUntil: target.retainUntil },
        legalHold: target.legalHold,
      });
      written = { receipt, versionId: receipt.versionId };
      progress(file.bytes);
    } else {
      const receipt = await pushMultipart(api, file, read, target, partBytes, save, progress);
      written = { receipt, versionId: receipt.versionId };
    }

    const got = await readBack(api, file, written.versionId, target);
    delete file.multipart;
    file.done = {
      receipt: written.receipt,
      lockedUntil: got.lock.retainUntil ?? target.retainUntil,
      mode: got.lock.mode ?? target.mode,
      legalHold: got.lock.legalHold === true,
      at: now().toISOString(),
    };
    await save();
  };

  // Files go several at a time (a gateway answers a GET in tens of ms; one after another, a capture's dozen files would
  // wait on each other), all but the closing file, which goes alone once every other file is done and locked.
  const closing = working.at(-1);
  const first = working.filter((file) => !file.done && file !== closing);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < first.length) {
      const file = first[next++]!;
      try {
        await pushOne(file);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY), first.length) }, lane));
  if (failure) throw failure.error;
  if (closing && !closing.done) await pushOne(closing);
  return working;
}

/** One large file by multipart, resuming the saved upload where the server still holds it. */
async function pushMultipart(
  api: S3Api,
  file: LockerFile,
  read: ReadBytes,
  target: PushTarget,
  defaultPartBytes: number,
  save: () => Promise<void>,
  progress: (bytes: number) => void,
): Promise<WriteReceipt> {
  let held: UploadedPart[] = [];
  if (file.multipart) {
    const listed = await api.listParts(file.key, file.multipart.uploadId);
    // null: the upload is gone (aborted or expired; completed would have shown at HEAD): start again.
    if (listed === null) delete file.multipart;
    else held = listed;
  }
  if (!file.multipart) {
    const uploadId = await api.createMultipartUpload(file.key, { sha256Hex: file.sha256, contentType: file.contentType });
    file.multipart = { uploadId, parts: [], partBytes: defaultPartBytes };
    await save();
  }
  const upload = file.multipart;
  const partBytes = Math.max(upload.partBytes ?? defaultPartBytes, MIN_PART_BYTES);
  upload.partBytes = partBytes;
  const count = Math.ceil(file.bytes / partBytes);
  const parts: UploadedPart[] = [];

  for (let partNumber = 1; partNumber <= count; partNumber++) {
    const start = (partNumber - 1) * partBytes;
    const end = Math.min(start + partBytes, file.bytes);
    const body = await checkedRead(read, file, start, end);
    const there = held.find((part) => part.partNumber === partNumber);
    let part: UploadedPart;
    if (there && there.bytes === body.byteLength && bareEtag(there.etag) === md5Hex(body)) {
      part = there;
    } else {
      part = await api.uploadPart(file.key, upload.uploadId, partNumber, body, md5Base64(body));
    }
    parts.push(part);
    upload.parts = [...parts];
    progress(body.byteLength);
    if (part !== there) await save();
  }

  const receipt = await api.completeMultipartUpload(file.key, upload.uploadId, parts);
  // Multipart uploads ignore lock headers on some servers (Ceph): lock the new version explicitly.
  await api.putObjectRetention(file.key, receipt.versionId, { mode: target.mode, retainUntil: target.retainUntil });
  if (target.legalHold) await api.putObjectLegalHold(file.key, receipt.versionId, true);
  return receipt;
}
