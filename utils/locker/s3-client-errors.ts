// What a failed S3 call means, as an S3Error: which kind (retry, fix the settings, locked, bad bytes) and a message in
// plain words naming the call, the key and the server's own code. Ceph leaves <Message> empty for most codes, so the
// common ones get an explanation of our own.
import { errorMessage } from '../error-message';
import { S3Error, type S3ErrorKind } from './s3-api';
import type { S3ErrorBody } from './s3-xml';

const AUTH_CODES = new Set([
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AuthorizationHeaderMalformed',
  'AuthorizationQueryParametersError',
  'RequestTimeTooSkewed',
  'ExpiredToken',
  'InvalidToken',
  'AccessDenied',
  'AllAccessDisabled',
]);
const CHECKSUM_CODES = new Set(['BadDigest', 'InvalidDigest', 'XAmzContentSHA256Mismatch', 'InvalidChecksum']);
const SERVER_CODES = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'Throttling']);
const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NoSuchUpload', 'NoSuchVersion']);

/** Explanations for codes Ceph sends without a message. */
const EXPLAINED: Record<string, string> = {
  BadDigest: 'the Content-MD5 sent did not match the bytes received',
  InvalidDigest: 'the Content-MD5 sent is not a valid MD5',
  XAmzContentSHA256Mismatch: 'the SHA-256 sent did not match the bytes received',
  SignatureDoesNotMatch: 'the secret key does not match the access key',
  InvalidAccessKeyId: 'the gateway does not know this access key',
  AccessDenied: 'these keys may not do this',
  NoSuchBucket: 'there is no bucket by that name',
  NoSuchKey: 'there is no such object',
  NoSuchUpload: 'the upload was completed or abandoned',
  RequestTimeTooSkewed: "this computer's clock is too far from the gateway's",
  // A HEAD answer carries no body, so a refused key or secret is only a bare 403.
  Forbidden: 'the server refused these keys or this request',
};

export function classify(status: number, code: string, message: string, method: string, query: Record<string, unknown>): S3ErrorKind {
  if (CHECKSUM_CODES.has(code)) return 'checksum';
  // Ceph: AccessDenied "forbidden by object lock"; AWS: AccessDenied "... protected by object lock", ObjectLocked.
  if (code === 'ObjectLocked' || /object lock/i.test(message)) return 'locked';
  // A refused version delete or retention change is the lock at work, whatever words the gateway chose.
  if (code === 'AccessDenied' && method === 'DELETE' && query['versionId'] !== undefined) return 'locked';
  if ((code === 'AccessDenied' || code === 'InvalidRequest') && query['retention'] !== undefined) return 'locked';
  if (status === 429 || status >= 500 || SERVER_CODES.has(code)) return 'server';
  if (AUTH_CODES.has(code) || status === 401 || (status === 403 && !code)) return 'auth';
  if (status === 404 || NOT_FOUND_CODES.has(code)) return 'not-found';
  return status === 403 ? 'auth' : 'client';
}

/** The S3Error of an answer with an error status (or a 200 carrying <Error>). */
export function failure(
  action: string,
  method: string,
  query: Record<string, unknown>,
  status: number,
  body: S3ErrorBody,
): S3Error {
  // A HEAD answer has no body: name the status instead.
  const code = body.code || (status === 404 ? 'NotFound' : status === 403 ? 'Forbidden' : `HTTP ${status}`);
  const why = body.message || EXPLAINED[code] || '';
  const kind = classify(status, body.code, body.message, method, query);
  const lead = kind === 'server' ? `The locker failed to ${action}` : `The locker refused to ${action}`;
  return new S3Error(kind, `${lead}: ${code}${why ? ` (${why})` : ''}.`, status, body.code, body.requestId);
}

/** The S3Error of a request that got no answer: refused, unreachable, or too slow. */
export function networkFailure(action: string, endpoint: string, error: unknown, timeoutMs: number): S3Error {
  if (error instanceof S3Error) return error;
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause.
  const cause = error instanceof Error && error.cause ? `: ${errorMessage(error.cause)}` : '';
  const why = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `${errorMessage(error)}${cause}`;
  return new S3Error('network', `Could not reach the locker at ${endpoint} to ${action} (${why}).`);
}
