// The few S3 calls the locker makes, as an interface: utils/locker/s3-client.ts speaks them over HTTP (SigV4 by
// aws4fetch); the push engine and the team reader take any S3Api, so their tests can give a strict in-memory one.
// Keys are whole object keys (the locker prefix included); bodies are bytes; every failure is an S3Error.

export type LockMode = 'COMPLIANCE' | 'GOVERNANCE';

/** The locker as the options page saves it (storage.local LOCKER_CONFIG_KEY; never in IndexedDB, never exported). */
export interface LockerConfig {
  /** Scheme, host and port, path-style addressing: `https://s3.example.org`, `http://127.0.0.1:7480`. */
  endpoint: string;
  region: string;
  bucket: string;
  /** Key prefix without leading or trailing slash; '' for the bucket's root. */
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Object Lock retention of each pushed object, days from the push (1 to 36,500). */
  retentionDays: number;
  mode: LockMode;
  legalHold: boolean;
  /** Queue each new capture for the locker as soon as it is committed. */
  autoPush: boolean;
  /**
   * How requests are signed: with the access key above (the default), or by the team's own service, which answers
   * each request with a presigned URL (docs/locker.md, "Presigned requests from your own service"); the install then
   * holds no S3 key at all.
   */
  auth?: 'key' | 'presign';
  /** The team's presigning service (auth 'presign'). */
  presignUrl?: string;
  /** The bearer token this member gives that service; kept like the secret. */
  presignToken?: string;
}

export const LOCKER_CONFIG_KEY = 'postproof.locker';

export interface ObjectLockState {
  mode?: LockMode;
  /** ISO 8601 as the server gave it. */
  retainUntil?: string;
  legalHold?: boolean;
}

/** What the server answered to a write: kept in the custody log. */
export interface WriteReceipt {
  status: number;
  etag: string;
  versionId?: string;
  /** The response headers worth keeping: date, x-amz-request-id, x-amz-version-id, etag, lock headers. */
  headers: Record<string, string>;
}

export interface HeadResult {
  bytes: number;
  etag: string;
  versionId?: string;
  lastModified?: string;
  contentType?: string;
  /** x-amz-meta-* headers, names without the prefix, lower case. */
  metadata: Record<string, string>;
  lock: ObjectLockState;
}

export interface GetResult extends HeadResult {
  body: Uint8Array;
}

export interface ListedObject {
  key: string;
  bytes: number;
  etag: string;
  lastModified: string;
}

export interface ObjectVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  bytes: number;
  etag: string;
  lastModified: string;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
  bytes: number;
}

export interface PutOptions {
  /** Base64 MD5 of the body: Content-MD5, which the server checks (BadDigest). */
  md5Base64: string;
  /** Hex SHA-256 of the body: sent as x-amz-checksum-sha256 (AWS checks it; Ceph ignores it) and as metadata sha256. */
  sha256Hex: string;
  contentType: string;
  lock?: { mode: LockMode; retainUntil: string };
  legalHold?: boolean;
  /** Extra x-amz-meta-* (names without the prefix). */
  metadata?: Record<string, string>;
}

export interface S3Api {
  putObject(key: string, body: Uint8Array, options: PutOptions): Promise<WriteReceipt>;
  /** null when there is no such key (or version). */
  headObject(key: string, versionId?: string): Promise<HeadResult | null>;
  getObject(key: string, versionId?: string): Promise<GetResult>;
  /** Every key under `prefix` (all pages of ListObjectsV2), up to `limit` (default 100,000). */
  listObjects(prefix: string, limit?: number): Promise<ListedObject[]>;
  /** Every version and delete marker under `prefix` (ListObjectVersions, all pages). */
  listVersions(prefix: string): Promise<ObjectVersion[]>;
  createMultipartUpload(key: string, options: Omit<PutOptions, 'md5Base64' | 'lock' | 'legalHold'>): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, md5Base64: string): Promise<UploadedPart>;
  /** The parts the server holds for an upload; null when the upload is gone (NoSuchUpload: completed or aborted). */
  listParts(key: string, uploadId: string): Promise<UploadedPart[] | null>;
  completeMultipartUpload(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<WriteReceipt>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  putObjectRetention(key: string, versionId: string | undefined, lock: { mode: LockMode; retainUntil: string }): Promise<void>;
  putObjectLegalHold(key: string, versionId: string | undefined, on: boolean): Promise<void>;
  /** Deletes one version; the S3Error says why not (a locked version: kind 'locked'). */
  deleteObjectVersion(key: string, versionId: string): Promise<void>;
  bucketVersioning(): Promise<'Enabled' | 'Suspended' | 'Off'>;
  objectLockConfiguration(): Promise<{ enabled: boolean; defaultMode?: LockMode; defaultDays?: number }>;
}

export type S3ErrorKind =
  /** No answer: offline, refused, DNS, timeout. Retried. */
  | 'network'
  /** 401/403 with a signature or key problem: the settings are wrong. Not retried. */
  | 'auth'
  | 'not-found'
  /** Refused by Object Lock (AccessDenied "forbidden by object lock", InvalidRequest on retention). */
  | 'locked'
  /** BadDigest, a checksum mismatch, or bytes read back that differ. */
  | 'checksum'
  /** 5xx, SlowDown, 429: retried with backoff. */
  | 'server'
  /** Any other 4xx. Not retried. */
  | 'client';

export class S3Error extends Error {
  constructor(
    readonly kind: S3ErrorKind,
    message: string,
    readonly status = 0,
    readonly code = '',
    readonly requestId = '',
  ) {
    super(message);
    this.name = 'S3Error';
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}
