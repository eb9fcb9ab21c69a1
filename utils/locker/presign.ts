// Presigned requests from the team's own service: the install holds no S3 key. For each S3 request PostProof asks
// the service, which decides what this member may do (only writes and reads under the team's prefix, never a
// delete) and answers with a presigned URL and the headers to send with it. The contract is docs/locker.md,
// "Presigned requests from your own service"; test/support/presign-service.ts is a minimal one.
import { S3Error, type LockerConfig, type S3Api } from './s3-api';
import { s3Client, type RequestSigner, type S3ClientOptions } from './s3-client';

export const PRESIGN_FORMAT = 'postproof-presign/1';

/** What PostProof POSTs to the service (JSON). */
export interface PresignRequest {
  format: typeof PRESIGN_FORMAT;
  method: string;
  bucket: string;
  /** The object key ('' for a request on the bucket itself). */
  key: string;
  query: Record<string, string>;
  /** Headers the request will carry; the service signs them all (and keeps x-amz-object-lock-* as headers). */
  headers: Record<string, string>;
}

/** What the service answers (200, JSON). */
export interface PresignAnswer {
  url: string;
  /** Headers to send exactly as given (those the URL's signature covers). */
  headers?: Record<string, string>;
}

function parseTarget(url: string, bucket: string): { key: string; query: Record<string, string> } {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').slice(1).map(decodeURIComponent);
  if (segments[0] !== bucket) throw new S3Error('client', `The request ${url} is not for bucket ${bucket}.`);
  const query: Record<string, string> = {};
  parsed.searchParams.forEach((value, name) => (query[name] = value));
  return { key: segments.slice(1).join('/'), query };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

export function presignSigner(
  config: Pick<LockerConfig, 'bucket' | 'endpoint' | 'presignUrl' | 'presignToken'>,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): RequestSigner {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const service = config.presignUrl ?? '';
  const endpoint = new URL(config.endpoint).origin;
  return async (request) => {
    const { key, query } = parseTarget(request.url, config.bucket);
    const body: PresignRequest = { format: PRESIGN_FORMAT, method: request.method, bucket: config.bucket, key, query, headers: request.headers };
    let response: Response;
    try {
      response = await send(service, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.presignToken ?? ''}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new S3Error('network', `The presigning service at ${service} could not be reached (${error instanceof Error ? error.message : String(error)}).`);
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!response.ok) {
      const said = (answer as { message?: unknown } | undefined)?.message;
      const why = typeof said === 'string' ? said.slice(0, 300) : `HTTP ${response.status}`;
      const kind = response.status === 401 || response.status === 403 ? 'auth' : response.status >= 500 || response.status === 429 ? 'server' : 'client';
      throw new S3Error(kind, `The presigning service refused to sign ${request.method} ${key || config.bucket}: ${why}`, response.status);
    }
    const url = (answer as PresignAnswer | undefined)?.url;
    const headers = (answer as PresignAnswer | undefined)?.headers ?? {};
    if (typeof url !== 'string' || !isStringRecord(headers)) throw new S3Error('server', `The presigning service's answer for ${key} is not {url, headers}.`);
    let signed: URL;
    try {
      signed = new URL(url);
    } catch {
      throw new S3Error('server', `The presigning service answered a URL that cannot be read: ${url.slice(0, 200)}`);
    }
    // The URL must go to the configured endpoint and name the object asked for: a service cannot send the bytes
    // elsewhere, nor put them under another key, without PostProof refusing.
    if (signed.origin !== endpoint || signed.pathname !== new URL(request.url).pathname) {
      throw new S3Error('client', `The presigning service answered a URL for ${signed.origin}${signed.pathname}, not for ${endpoint}${new URL(request.url).pathname}; nothing was sent.`);
    }
    return { url, headers };
  };
}

/** The locker's client as the settings say: SigV4 with the access key, or presigned by the team's service. */
export function lockerClient(config: LockerConfig, options: Omit<S3ClientOptions, 'signer'> = {}): S3Api {
  if (config.auth !== 'presign') return s3Client(config, options);
  return s3Client(config, { ...options, signer: presignSigner(config, options.fetch ? { fetch: options.fetch } : {}) });
}
