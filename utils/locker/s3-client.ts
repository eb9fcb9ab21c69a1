// The locker's S3 calls over HTTP: path-style URLs, SigV4 by aws4fetch (WebCrypto), XML by s3-xml.ts. Runs in the
// MV3 service worker, extension pages and Node alike: fetch, crypto.subtle and @noble/hashes only. Every failure
// becomes an S3Error whose kind says what to do about it (s3-client-errors.ts) and whose message names the call and key.
import { AwsClient } from 'aws4fetch';
import { md5Base64 } from './digests';
import { sha256Hex, toBase64, utf8 } from '../provenance/hash';
import {
  S3Error,
  type GetResult,
  type HeadResult,
  type ListedObject,
  type LockerConfig,
  type ObjectLockState,
  type ObjectVersion,
  type S3Api,
  type UploadedPart,
  type WriteReceipt,
} from './s3-api';
import { failure, networkFailure } from './s3-client-errors';
import {
  completeUploadXml,
  legalHoldXml,
  readCompleteEtag,
  readError,
  readObjectLock,
  readObjectsPage,
  readPartsPage,
  readUploadId,
  readVersioning,
  readVersionsPage,
  retentionXml,
} from './s3-xml';

/** One S3 request as it is about to be signed: its method, URL and headers (x-amz-content-sha256 included). */
export interface UnsignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Signs a request: the URL and headers to send (the body goes unchanged). */
export type RequestSigner = (request: UnsignedRequest) => Promise<{ url: string; headers: Headers | Record<string, string> }>;

export interface S3ClientOptions {
  /** How requests are signed (default: SigV4 with the config's access key, by aws4fetch). */
  signer?: RequestSigner;
  /** The fetch to send with (tests; a page may pass a bound one). */
  fetch?: typeof fetch;
  /** How long one request may take, answer body included (default 120 s). */
  timeoutMs?: number;
  /** Entries asked for per page of a listing (default 1000, S3's most); small in tests to cross page boundaries. */
  pageSize?: number;
}

export type S3ClientConfig = Pick<LockerConfig, 'endpoint' | 'region' | 'bucket' | 'accessKeyId' | 'secretAccessKey'>;

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const DEFAULT_LIST_LIMIT = 100_000;
/** Response headers a write receipt keeps for the custody log. */
const RECEIPT_HEADERS = /^(date|etag|x-amz-request-id|x-amz-id-2|x-amz-version-id|x-amz-object-lock-.*|x-amz-checksum-.*)$/;

/** The Content-MD5 header S3 checks (BadDigest): one definition, in digests.ts. */
export { md5Base64 };

/**
 * One key segment as S3's SigV4 canonical URI wants it: every byte percent-encoded but A-Z a-z 0-9 - _ . ~
 * (encodeURIComponent also spares ! ' ( ) *, which S3 encodes). The same string goes on the wire and into the
 * signature, so the gateway's reading of the path and ours cannot differ.
 */
export function encodeKeySegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodeKey(key: string): string {
  return key.split('/').map(encodeKeySegment).join('/');
}

interface Call {
  /** What the call does, for messages: "write captures/x/capture.json". */
  action: string;
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  /** '' for the bucket itself. */
  key: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Hex SHA-256 of the body when the caller already has it (signed as x-amz-content-sha256). */
  bodySha256?: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** SigV4 with an access key, by aws4fetch: the header form, the payload's SHA-256 signed as x-amz-content-sha256. */
export function keySigner(config: Pick<LockerConfig, 'region' | 'accessKeyId' | 'secretAccessKey'>): RequestSigner {
  const aws = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3', retries: 0 });
  return async (request) => {
    const signed = await aws.sign(request.url, { method: request.method, headers: request.headers });
    return { url: signed.url, headers: signed.headers };
  };
}

export function s3Client(config: S3ClientConfig, options: S3ClientOptions = {}): S3Api {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pageSize = Math.max(1, Math.min(1000, options.pageSize ?? 1000));
  const endpoint = config.endpoint.replace(/\/+$/, '');
  const sign = options.signer ?? keySigner(config);

  function url(key: string, query: Call['query']): string {
    if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
      // A URL parser folds "." and ".." segments away (even encoded), so such a key would address another object.
      throw new S3Error('client', `The key ${key} has a "." or ".." segment, which a URL cannot carry.`);
    }
    const path = key ? `/${encodeKeySegment(config.bucket)}/${encodeKey(key)}` : `/${encodeKeySegment(config.bucket)}`;
    const pairs = Object.entries(query ?? {})
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${encodeKeySegment(name)}=${encodeKeySegment(value)}`);
    return `${endpoint}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
  }

  async function call(request: Call): Promise<Answer> {
    const target = url(request.key, request.query);
    const body = request.body;
    const payloadHash = request.bodySha256 ?? (body && body.length ? await sha256Hex(body) : EMPTY_SHA256);
    const headers = { ...request.headers, 'x-amz-content-sha256': payloadHash };
    for (const [name, value] of Object.entries(headers)) {
      // fetch refuses a header value outside Latin-1 with a TypeError, which would pass for a network failure.
      if (!/^[\x20-\x7e]*$/.test(value)) {
        throw new S3Error('client', `Could not ${request.action}: the header ${name} holds characters HTTP cannot carry.`);
      }
    }
    const init = { method: request.method, headers, ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}) };
    let answer: Answer;
    try {
      const signed = await sign({ method: init.method, url: target, headers });
      const response = await send(signed.url, {
        method: request.method,
        headers: signed.headers,
        ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      answer = { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      throw networkFailure(request.action, endpoint, error, timeoutMs);
    }
    if (answer.status >= 300) {
      const parsed = readError(new TextDecoder().decode(answer.body));
      throw failure(request.action, request.method, request.query ?? {}, answer.status, parsed);
    }
    return answer;
  }

  async function callXml(request: Call): Promise<string> {
    return new TextDecoder().decode((await call(request)).body);
  }

  /** A small XML body with its Content-MD5 (AWS requires it on retention and legal hold). */
  function xmlBody(xml: string): { body: Uint8Array; headers: Record<string, string> } {
    const body = utf8(xml);
    return { body, headers: { 'content-type': 'application/xml', 'content-md5': md5Base64(body) } };
  }

  function head(headers: Headers): HeadResult {
    const metadata: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
    });
    const lock: ObjectLockState = {};
    const mode = headers.get('x-amz-object-lock-mode');
    if (mode === 'COMPLIANCE' || mode === 'GOVERNANCE') lock.mode = mode;
    const until = headers.get('x-amz-object-lock-retain-until-date');
    if (until) lock.retainUntil = until;
    const hold = headers.get('x-amz-object-lock-legal-hold');
    if (hold) lock.legalHold = hold.toUpperCase() === 'ON';
    const versionId = headers.get('x-amz-version-id');
    const lastModified = headers.get('last-modified');
    const contentType = headers.get('content-type');
    return {
      bytes: Number(headers.get('content-length') ?? 0),
      etag: (headers.get('etag') ?? '').replace(/^"|"$/g, ''),
      ...(versionId ? { versionId } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...(contentType ? { contentType } : {}),
      metadata,
      lock,
    };
  }

  function receipt(answer: Answer, etag?: string): WriteReceipt {
    const kept: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (RECEIPT_HEADERS.test(name)) kept[name] = value;
    });
    const versionId = answer.headers.get('x-amz-version-id');
    return {
      status: answer.status,
      etag: (etag ?? answer.headers.get('etag') ?? '').replace(/^"|"$/g, ''),
      ...(versionId ? { versionId } : {}),
      headers: kept,
    };
  }

  function metaHeaders(sha256: string, extra: Record<string, string> | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(extra ?? {})) headers[`x-amz-meta-${name.toLowerCase()}`] = value;
    headers['x-amz-meta-sha256'] = sha256;
    return headers;
  }

  const api: S3Api = {
    async putObject(key, body, options) {
      const sha = options.sha256Hex.toLowerCase();
      const shaBytes = /^[0-9a-f]{64}$/.test(sha) ? Uint8Array.from(sha.match(/../g) ?? [], (h) => parseInt(h, 16)) : null;
      if (!shaBytes) throw new S3Error('client', `Could not write ${key}: the SHA-256 given is not 64 hex digits.`);
      const headers: Record<string, string> = {
        'content-type': options.contentType,
        'content-md5': options.md5Base64,
        'x-amz-checksum-sha256': toBase64(shaBytes),
        ...metaHeaders(sha, options.metadata),
      };
      if (options.lock) {
        headers['x-amz-object-lock-mode'] = options.lock.mode;
        headers['x-amz-object-lock-retain-until-date'] = options.lock.retainUntil;
      }
      if (options.legalHold !== undefined) headers['x-amz-object-lock-legal-hold'] = options.legalHold ? 'ON' : 'OFF';
      // The payload hash is the caller's SHA-256, unread: the gateway recomputes it and refuses a mismatch.
      const answer = await call({ action: `write ${key}`, method: 'PUT', key, headers, body, bodySha256: sha });
      return receipt(answer);
    },

    async headObject(key, versionId) {
      try {
        const answer = await call({ action: `look up ${key}`, method: 'HEAD', key, query: { versionId } });
        return head(answer.headers);
      } catch (error) {
        if (error instanceof S3Error && error.kind === 'not-found' && error.code !== 'NoSuchBucket') return null;
        throw error;
      }
    },

    async getObject(key, versionId): Promise<GetResult> {
      const answer = await call({ action: `read ${key}`, method: 'GET', key, query: { versionId } });
      return { ...head(answer.headers), bytes: answer.body.length, body: answer.body };
    },

    async listObjects(prefix, limit = DEFAULT_LIST_LIMIT) {
      const objects: ListedObject[] = [];
      let token: string | undefined;
      do {
        const xml = await callXml({
          action: `list the keys under ${prefix || 'the bucket root'}`,
          method: 'GET',
          key: '',
          query: {
            'list-type': '2',
            prefix,
            'max-keys': String(Math.min(pageSize, limit - objects.length)),
            'continuation-token': token,
          },
        });
        const page = readObjectsPage(xml);
        objects.push(...page.objects);
        token = page.nextToken;
      } while (token && objects.length < limit);
      return objects.slice(0, limit);
    },

    async listVersions(prefix) {
      const versions: ObjectVersion[] = [];
      let marker: { keyMarker: string; versionIdMarker: string } | undefined;
      do {
        const xml = await callXml({
          action: `list the versions under ${prefix || 'the bucket root'}`,
          method: 'GET',
          key: '',
          query: {
            versions: '',
            prefix,
            'max-keys': String(pageSize),
            'key-marker': marker?.keyMarker,
            'version-id-marker': marker?.versionIdMarker || undefined,
          },
        });
        const page = readVersionsPage(xml);
        versions.push(...page.versions);
        marker = page.next;
      } while (marker);
      return versions;
    },

    async createMultipartUpload(key, options) {
      const headers = { 'content-type': options.contentType, ...metaHeaders(options.sha256Hex, options.metadata) };
      const xml = await callXml({ action: `start the upload of ${key}`, method: 'POST', key, query: { uploads: '' }, headers });
      const uploadId = readUploadId(xml);
      if (!uploadId) throw new S3Error('server', `The locker gave no upload id for ${key}.`);
      return uploadId;
    },

    async uploadPart(key, uploadId, partNumber, body, md5Base64Value): Promise<UploadedPart> {
      const answer = await call({
        action: `write part ${partNumber} of ${key}`,
        method: 'PUT',
        key,
        query: { partNumber: String(partNumber), uploadId },
        headers: { 'content-md5': md5Base64Value },
        body,
      });
      return { partNumber, etag: (answer.headers.get('etag') ?? '').replace(/^"|"$/g, ''), bytes: body.length };
    },

    async listParts(key, uploadId) {
      const parts: UploadedPart[] = [];
      let marker: string | undefined;
      try {
        do {
          const xml = await callXml({
            action: `list the parts of ${key}`,
            method: 'GET',
            key,
            query: { uploadId, 'max-parts': String(pageSize), 'part-number-marker': marker },
          });
          const page = readPartsPage(xml);
          parts.push(...page.parts);
          marker = page.nextMarker;
        } while (marker);
      } catch (error) {
        // Ceph answers NoSuchKey, AWS NoSuchUpload, for an upload completed or aborted.
        if (error instanceof S3Error && (error.code === 'NoSuchUpload' || error.code === 'NoSuchKey')) return null;
        throw error;
      }
      return parts;
    },

    async completeMultipartUpload(key, uploadId, parts) {
      const xml = xmlBody(completeUploadXml(parts));
      const action = `finish the upload of ${key}`;
      const answer = await call({ action, method: 'POST', key, query: { uploadId }, ...xml });
      const text = new TextDecoder().decode(answer.body);
      // S3 may answer 200 and report the failure inside the body.
      const error = readError(text);
      if (error.code) throw failure(action, 'POST', { uploadId }, 500, error);
      const done = receipt(answer, readCompleteEtag(text) || undefined);
      if (done.etag) return done;
      // Ceph 16 answers <ETag></ETag> in a versioned bucket: the stored object's own ETag is the one to keep.
      const stored = await api.headObject(key, done.versionId);
      return { ...done, etag: stored?.etag ?? '' };
    },

    async abortMultipartUpload(key, uploadId) {
      try {
        await call({ action: `abandon the upload of ${key}`, method: 'DELETE', key, query: { uploadId } });
      } catch (error) {
        // Already gone is what abandoning wants.
        if (error instanceof S3Error && (error.code === 'NoSuchUpload' || error.code === 'NoSuchKey')) return;
        throw error;
      }
    },

    async putObjectRetention(key, versionId, lock) {
      await call({
        action: `lock ${key}`,
        method: 'PUT',
        key,
        query: { retention: '', versionId },
        ...xmlBody(retentionXml(lock)),
      });
    },

    async putObjectLegalHold(key, versionId, on) {
      await call({
        action: `${on ? 'set' : 'lift'} the legal hold on ${key}`,
        method: 'PUT',
        key,
        query: { 'legal-hold': '', versionId },
        ...xmlBody(legalHoldXml(on)),
      });
    },

    async deleteObjectVersion(key, versionId) {
      await call({ action: `delete version ${versionId} of ${key}`, method: 'DELETE', key, query: { versionId } });
    },

    async bucketVersioning() {
      const xml = await callXml({ action: `read the versioning of bucket ${config.bucket}`, method: 'GET', key: '', query: { versioning: '' } });
      return readVersioning(xml);
    },

    async objectLockConfiguration() {
      try {
        const xml = await callXml({
          action: `read the Object Lock settings of bucket ${config.bucket}`,
          method: 'GET',
          key: '',
          query: { 'object-lock': '' },
        });
        return readObjectLock(xml);
      } catch (error) {
        // A bucket made without Object Lock has no configuration at all.
        if (error instanceof S3Error && error.code === 'ObjectLockConfigurationNotFoundError') return { enabled: false };
        throw error;
      }
    },
  };
  return api;
}
