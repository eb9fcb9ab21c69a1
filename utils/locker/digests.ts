// The digests the locker sends and checks: MD5 for Content-MD5 and part ETags (what S3 servers verify), SHA-256 for
// the evidence itself (what PostProof verifies). SHA-256 and the hex/base64 helpers are provenance's own.
import { md5 } from '@noble/hashes/legacy.js';
import { sha256Hex, toBase64, toHex } from '../provenance/hash';

export { sha256Hex };

/** Base64 MD5 of bytes: the Content-MD5 header. */
export function md5Base64(bytes: Uint8Array): string {
  return toBase64(md5(bytes));
}

/** Lowercase hex MD5 of bytes: a single-part object's or an uploaded part's ETag. */
export function md5Hex(bytes: Uint8Array): string {
  return toHex(md5(bytes));
}

/** An ETag as a bare lowercase value: servers send it quoted (`"abc…"`), some clients strip the quotes. */
export function bareEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1').toLowerCase();
}
