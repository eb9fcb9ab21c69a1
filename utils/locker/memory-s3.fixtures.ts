// Tests only: a strict in-memory S3 with versioning and Object Lock, behaving as the servers the locker meets do
// where it matters: Content-MD5 is checked (BadDigest), parts but the last must be 5 MiB at complete, part ETags are
// quoted hex MD5, a multipart upload ignores lock headers (as Ceph does), a locked version cannot be deleted. Any
// method can be told to fail its Nth call with a network error (a gateway killed mid-push), and a key's reads can be
// corrupted (a server that hands back other bytes).
import { bareEtag, md5Base64, md5Hex } from './digests';
import {
  S3Error,
  type GetResult,
  type HeadResult,
  type ListedObject,
  type LockMode,
  type ObjectLockState,
  type ObjectVersion,
  type PutOptions,
  type S3Api,
  type UploadedPart,
  type WriteReceipt,
} from './s3-api';

const MIN_PART = 5 * 1024 * 1024;

interface StoredVersion {
  versionId: string;
  body: Uint8Array;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  lock: ObjectLockState;
  lastModified: string;
}

interface Upload {
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, { body: Uint8Array; etag: string }>;
}

type Method = keyof S3Api;

export class MemoryS3 implements S3Api {
  readonly versions = new Map<string, StoredVersion[]>();
  readonly uploads = new Map<string, Upload>();
  /** Calls made, per method. */
  readonly calls: Partial<Record<Method, number>> = {};
  private readonly failures: { method: Method; atCall: number; error: S3Error }[] = [];
  private readonly corrupted = new Set<string>();
  private serial = 0;

  constructor(readonly now: () => Date = () => new Date()) {}

  /** The `nth` call of `method` from now on (1 = the next) fails, by default with a network error. */
  failNth(method: Method, nth: number, error = new S3Error('network', `The gateway went away during ${method}.`)): void {
    this.failures.push({ method, atCall: (this.calls[method] ?? 0) + nth, error });
  }

  /** Every later read of `key` returns its bytes with one changed. */
  corrupt(key: string): void {
    this.corrupted.add(key);
  }

  count(method: Method): number {
    return this.calls[method] ?? 0;
  }

  versionsOf(key: string): StoredVersion[] {
    return this.versions.get(key) ?? [];
  }

  /** Writes a version directly, as another client would have. */
  plant(key: string, body: Uint8Array, metadata: Record<string, string>, lock: ObjectLockState = {}): StoredVersion {
    return this.store(key, body, { contentType: 'application/octet-stream', metadata, lock, etag: `"${md5Hex(body)}"` });
  }

  private enter(method: Method): void {
    const call = (this.calls[method] = (this.calls[method] ?? 0) + 1);
    const index = this.failures.findIndex((failure) => failure.method === method && failure.atCall === call);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw failure!.error;
    }
  }

  private store(key: string, body: Uint8Array, fields: Omit<StoredVersion, 'versionId' | 'body' | 'lastModified'>): StoredVersion {
    const version: StoredVersion = { versionId: `v${++this.serial}`, body: body.slice(), lastModified: this.now().toISOString(), ...fields };
    this.versions.set(key, [...this.versionsOf(key), version]);
    return version;
  }

  private find(key: string, versionId?: string): StoredVersion | undefined {
    const all = this.versionsOf(key);
    return versionId === undefined ? all[all.length - 1] : all.find((version) => version.versionId === versionId);
  }

  private receipt(version: StoredVersion): WriteReceipt {
    return {
      status: 200,
      etag: version.etag,
      versionId: version.versionId,
      headers: { date: this.now().toUTCString(), 'x-amz-request-id': `req-${this.serial}`, 'x-amz-version-id': version.versionId, etag: version.etag },
    };
  }

  private head(version: StoredVersion): HeadResult {
    return {
      bytes: version.body.byteLength,
      etag: version.etag,
      versionId: version.versionId,
      lastModified: version.lastModified,
      contentType: version.contentType,
      metadata: { ...version.metadata },
      lock: { ...version.lock },
    };
  }

  async putObject(key: string, body: Uint8Array, options: PutOptions): Promise<WriteReceipt> {
    this.enter('putObject');
    if (md5Base64(body) !== options.md5Base64) throw new S3Error('checksum', 'The Content-MD5 you specified did not match what we received.', 400, 'BadDigest');
    const lock: ObjectLockState = {
      ...(options.lock ? { mode: options.lock.mode, retainUntil: options.lock.retainUntil } : {}),
      ...(options.legalHold ? { legalHold: true } : {}),
    };
    const version = this.store(key, body, {
      contentType: options.contentType,
      metadata: { ...options.metadata, sha256: options.sha256Hex },
      lock,
      etag: `"${md5Hex(body)}"`,
    });
    return this.receipt(version);
  }

  async headObject(key: string, versionId?: string): Promise<HeadResult | null> {
    this.enter('headObject');
    const version = this.find(key, versionId);
    return version ? this.head(version) : null;
  }

  async getObject(key: string, versionId?: string): Promise<GetResult> {
    this.enter('getObject');
    const version = this.find(key, versionId);
    if (!version) throw new S3Error('not-found', `No such key: ${key}`, 404, 'NoSuchKey');
    const body = version.body.slice();
    if (this.corrupted.has(key) && body.byteLength > 0) body[0] = body[0]! ^ 0xff;
    return { ...this.head(version), body };
  }

  async listObjects(prefix: string, limit = 100_000): Promise<ListedObject[]> {
    this.enter('listObjects');
    const listed: ListedObject[] = [];
    for (const [key, all] of [...this.versions].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const latest = all[all.length - 1];
      if (key.startsWith(prefix) && latest) listed.push({ key, bytes: latest.body.byteLength, etag: latest.etag, lastModified: latest.lastModified });
    }
    return listed.slice(0, limit);
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    this.enter('listVersions');
    const listed: ObjectVersion[] = [];
    for (const [key, all] of this.versions) {
      if (!key.startsWith(prefix)) continue;
      all.forEach((version, index) =>
        listed.push({ key, versionId: version.versionId, isLatest: index === all.length - 1, deleteMarker: false, bytes: version.body.byteLength, etag: version.etag, lastModified: version.lastModified }),
      );
    }
    return listed;
  }

  async createMultipartUpload(key: string, options: Omit<PutOptions, 'md5Base64' | 'lock' | 'legalHold'>): Promise<string> {
    this.enter('createMultipartUpload');
    const uploadId = `upload-${++this.serial}`;
    this.uploads.set(uploadId, { key, contentType: options.contentType, metadata: { ...options.metadata, sha256: options.sha256Hex }, parts: new Map() });
    return uploadId;
  }

  private upload(key: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) throw new S3Error('not-found', `No such upload: ${uploadId}`, 404, 'NoSuchUpload');
    return upload;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, md5: string): Promise<UploadedPart> {
    this.enter('uploadPart');
    const upload = this.upload(key, uploadId);
    if (md5Base64(body) !== md5) throw new S3Error('checksum', 'The Content-MD5 you specified did not match what we received.', 400, 'BadDigest');
    const etag = `"${md5Hex(body)}"`;
    upload.parts.set(partNumber, { body: body.slice(), etag });
    return { partNumber, etag, bytes: body.byteLength };
  }

  async listParts(key: string, uploadId: string): Promise<UploadedPart[] | null> {
    this.enter('listParts');
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) return null;
    return [...upload.parts].sort(([a], [b]) => a - b).map(([partNumber, part]) => ({ partNumber, etag: part.etag, bytes: part.body.byteLength }));
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<WriteReceipt> {
    this.enter('completeMultipartUpload');
    const upload = this.upload(key, uploadId);
    const bodies: Uint8Array[] = [];
    parts.forEach((listed, index) => {
      const part = upload.parts.get(listed.partNumber);
      if (!part || bareEtag(part.etag) !== bareEtag(listed.etag)) throw new S3Error('client', `Part ${listed.partNumber} is not there or has another ETag.`, 400, 'InvalidPart');
      if (index > 0 && listed.partNumber <= parts[index - 1]!.partNumber) throw new S3Error('client', 'Parts out of order.', 400, 'InvalidPartOrder');
      if (index < parts.length - 1 && part.body.byteLength < MIN_PART) throw new S3Error('client', 'Your proposed upload is smaller than the minimum allowed size.', 400, 'EntityTooSmall');
      bodies.push(part.body);
    });
    const body = new Uint8Array(bodies.reduce((sum, part) => sum + part.byteLength, 0));
    let offset = 0;
    for (const part of bodies) {
      body.set(part, offset);
      offset += part.byteLength;
    }
    this.uploads.delete(uploadId);
    // Like Ceph: no lock from the upload's headers; the caller must set retention afterwards.
    const version = this.store(key, body, { contentType: upload.contentType, metadata: upload.metadata, lock: {}, etag: `"${md5Hex(new Uint8Array())}-${parts.length}"` });
    return this.receipt(version);
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    this.enter('abortMultipartUpload');
    this.upload(key, uploadId);
    this.uploads.delete(uploadId);
  }

  async putObjectRetention(key: string, versionId: string | undefined, lock: { mode: LockMode; retainUntil: string }): Promise<void> {
    this.enter('putObjectRetention');
    const version = this.find(key, versionId);
    if (!version) throw new S3Error('not-found', `No such version: ${key} ${versionId ?? ''}`, 404, 'NoSuchVersion');
    const held = version.lock;
    const shortening = held.retainUntil !== undefined && Date.parse(lock.retainUntil) < Date.parse(held.retainUntil) && Date.parse(held.retainUntil) > this.now().getTime();
    if (held.mode === 'COMPLIANCE' && (shortening || lock.mode !== 'COMPLIANCE')) {
      throw new S3Error('locked', 'Access Denied because object protected by object lock.', 403, 'AccessDenied');
    }
    version.lock = { ...held, mode: lock.mode, retainUntil: lock.retainUntil };
  }

  async putObjectLegalHold(key: string, versionId: string | undefined, on: boolean): Promise<void> {
    this.enter('putObjectLegalHold');
    const version = this.find(key, versionId);
    if (!version) throw new S3Error('not-found', `No such version: ${key} ${versionId ?? ''}`, 404, 'NoSuchVersion');
    version.lock = { ...version.lock, legalHold: on };
  }

  async deleteObjectVersion(key: string, versionId: string): Promise<void> {
    this.enter('deleteObjectVersion');
    const version = this.find(key, versionId);
    if (!version) return;
    if (version.lock.legalHold || (version.lock.retainUntil && Date.parse(version.lock.retainUntil) > this.now().getTime())) {
      throw new S3Error('locked', 'Access Denied because object protected by object lock.', 403, 'AccessDenied');
    }
    this.versions.set(key, this.versionsOf(key).filter((other) => other !== version));
  }

  async bucketVersioning(): Promise<'Enabled' | 'Suspended' | 'Off'> {
    this.enter('bucketVersioning');
    return 'Enabled';
  }

  async objectLockConfiguration(): Promise<{ enabled: boolean; defaultMode?: LockMode; defaultDays?: number }> {
    this.enter('objectLockConfiguration');
    return { enabled: true };
  }
}
