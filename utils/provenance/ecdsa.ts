// P-384 ECDSA with SHA-256: WebCrypto signs in IEEE P1363 (r‖s); evidence files carry DER so openssl can verify them.

import { sha256Hex } from './hash';

const P384_FIELD_BYTES = 48;
const ECDSA_P384: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-384' };
const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** A signature or key that is not in the expected encoding; `code` lets callers and tests tell cases apart. */
export class SignatureFormatError extends Error {
  constructor(
    readonly code: 'SIGNATURE_DER_MALFORMED' | 'SIGNATURE_P1363_MALFORMED' | 'PUBLIC_KEY_PEM_MALFORMED',
    message: string,
  ) {
    super(message);
    this.name = 'SignatureFormatError';
  }
}

function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  // A high first bit would make the INTEGER negative, so DER requires a 00 pad byte.
  const pad = (trimmed[0] ?? 0) >= 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + trimmed.length);
  out[0] = 0x02;
  out[1] = pad + trimmed.length;
  out.set(trimmed, 2 + pad);
  return out;
}

/** Convert a WebCrypto (P1363, r‖s) signature to DER `SEQUENCE { r INTEGER, s INTEGER }`. */
export function p1363ToDer(sig: Uint8Array): Uint8Array {
  if (sig.length === 0 || sig.length % 2 !== 0 || sig.length > 2 * 64) {
    throw new SignatureFormatError(
      'SIGNATURE_P1363_MALFORMED',
      `The signature is ${sig.length} bytes long; a raw ECDSA signature must be two halves of equal length.`,
    );
  }
  const half = sig.length / 2;
  const r = derInteger(sig.subarray(0, half));
  const s = derInteger(sig.subarray(half));
  // P-256/P-384 need only a short-form length; halves of 61 bytes and more take the one-byte long form (0x81 n).
  const length = r.length + s.length;
  const head = length < 0x80 ? [0x30, length] : [0x30, 0x81, length];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  out.set(r, head.length);
  out.set(s, head.length + r.length);
  return out;
}

function malformedDer(detail: string): SignatureFormatError {
  return new SignatureFormatError(
    'SIGNATURE_DER_MALFORMED',
    `The signature file is not a valid DER ECDSA signature (${detail}); it may be damaged or replaced.`,
  );
}

function readLength(der: Uint8Array, at: number): { length: number; next: number } {
  const first = der[at];
  if (first === undefined) throw malformedDer('truncated length');
  if (first < 0x80) return { length: first, next: at + 1 };
  // Long form is legal DER only for lengths ≥ 128, and only with one length byte for anything we accept.
  if (first !== 0x81) throw malformedDer('unsupported length encoding');
  const length = der[at + 1];
  if (length === undefined) throw malformedDer('truncated length');
  if (length < 0x80) throw malformedDer('non-minimal length');
  return { length, next: at + 2 };
}

function readInteger(der: Uint8Array, at: number, size: number): { value: Uint8Array; next: number } {
  if (der[at] !== 0x02) throw malformedDer('expected an INTEGER');
  const { length, next } = readLength(der, at + 1);
  if (length === 0) throw malformedDer('empty INTEGER');
  const end = next + length;
  if (end > der.length) throw malformedDer('truncated INTEGER');
  let body = der.subarray(next, end);
  if ((body[0] ?? 0) >= 0x80) throw malformedDer('negative INTEGER');
  if (body[0] === 0 && body.length > 1) {
    if ((body[1] ?? 0) < 0x80) throw malformedDer('non-minimal INTEGER');
    body = body.subarray(1);
  }
  if (body.length > size) throw malformedDer('INTEGER larger than the curve');
  const value = new Uint8Array(size);
  value.set(body, size - body.length);
  return { value, next: end };
}

/** Convert a DER ECDSA signature to P1363 (r‖s, each left-padded to `size` bytes). Throws on anything but strict DER. */
export function derToP1363(der: Uint8Array, size = P384_FIELD_BYTES): Uint8Array {
  if (der[0] !== 0x30) throw malformedDer('expected a SEQUENCE');
  const { length, next } = readLength(der, 1);
  if (next + length !== der.length) throw malformedDer('length does not match the data');
  const r = readInteger(der, next, size);
  const s = readInteger(der, r.next, size);
  if (s.next !== der.length) throw malformedDer('trailing data');
  const out = new Uint8Array(2 * size);
  out.set(r.value, 0);
  out.set(s.value, size);
  return out;
}

/** Sign `data` with a P-384 private key; returns the DER signature openssl expects. */
export async function signDer(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  const p1363 = await crypto.subtle.sign(ECDSA_SHA256, privateKey, data as Uint8Array<ArrayBuffer>);
  return p1363ToDer(new Uint8Array(p1363));
}

/** Check a DER signature over `data`. A malformed signature is reported as not valid rather than thrown. */
export async function verifyDer(publicKey: CryptoKey, data: Uint8Array, der: Uint8Array): Promise<boolean> {
  let p1363: Uint8Array;
  try {
    p1363 = derToP1363(der);
  } catch {
    return false;
  }
  return crypto.subtle.verify(ECDSA_SHA256, publicKey, p1363 as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}

const PEM_HEADER = '-----BEGIN PUBLIC KEY-----';
const PEM_FOOTER = '-----END PUBLIC KEY-----';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** PEM text (`-----BEGIN PUBLIC KEY-----`, base64 in 64-character lines) for a DER SubjectPublicKeyInfo. */
export function spkiToPem(spki: Uint8Array): string {
  const lines = toBase64(spki).match(/.{1,64}/g) ?? [];
  return `${PEM_HEADER}\n${lines.join('\n')}\n${PEM_FOOTER}\n`;
}

/** DER SubjectPublicKeyInfo from PEM text. */
export function pemToSpki(pem: string): Uint8Array {
  const start = pem.indexOf(PEM_HEADER);
  const end = pem.indexOf(PEM_FOOTER);
  if (start < 0 || end < start) {
    throw new SignatureFormatError(
      'PUBLIC_KEY_PEM_MALFORMED',
      'The public key file has no "BEGIN PUBLIC KEY" block; it is not the key file PostProof writes.',
    );
  }
  const body = pem.slice(start + PEM_HEADER.length, end).replace(/\s+/g, '');
  if (body.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new SignatureFormatError('PUBLIC_KEY_PEM_MALFORMED', 'The public key file holds damaged base64 data.');
  }
  const binary = atob(body);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Import a P-384 ECDSA verification key from DER SubjectPublicKeyInfo. */
export function importPublicKeySpki(spki: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, ECDSA_P384, true, ['verify']);
}

/** The key fingerprint people compare out of band: lowercase hex SHA-256 of the SPKI DER. */
export function keyIdFromSpki(spki: Uint8Array): Promise<string> {
  return sha256Hex(spki);
}
