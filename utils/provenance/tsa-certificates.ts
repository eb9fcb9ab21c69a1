// Certificates and DER as the timestamp checks read them: strictly (one DER value, encoded as DER would encode it,
// signatures that are themselves DER), so PostProof refuses what `openssl ts -verify` refuses; names as a reader
// sees them; PEM blocks. Shared by the token's own checks (tsa-signature.ts) and its chain (tsa-anchor.ts).

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from './hash';
import { TimestampError } from './tsa-error';

const COMMON_NAME_OID = '2.5.4.3';
const ORGANIZATION_OID = '2.5.4.10';

export function bytesOf(view: ArrayBuffer | Uint8Array): Uint8Array {
  return view instanceof Uint8Array ? view : new Uint8Array(view);
}

/** Unsigned big-endian integer bytes as hex, without leading zero bytes. */
export function integerHex(value: asn1js.Integer): string {
  const raw = bytesOf(value.valueBlock.valueHexView);
  let start = 0;
  while (start < raw.length - 1 && raw[start] === 0) start++;
  return toHex(raw.subarray(start));
}

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER(false));
}

/** "CN=…, O=…" of a certificate's subject: the parts a reader recognises. */
export function subjectName(certificate: pkijs.Certificate): string {
  return nameText(certificate.subject);
}

/** "CN=…, O=…" of a name (a subject or an issuer). */
export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  const parts: string[] = [];
  for (const oid of [COMMON_NAME_OID, ORGANIZATION_OID]) {
    const attribute = name.typesAndValues.find((t) => t.type === oid);
    const value = (attribute?.value.valueBlock as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') parts.push(`${oid === COMMON_NAME_OID ? 'CN' : 'O'}=${value}`);
  }
  return parts.join(', ') || 'an unnamed certificate';
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
}

export function isSelfSigned(certificate: pkijs.Certificate): boolean {
  return certificate.subject.isEqual(certificate.issuer);
}

/** DER bytes that must be exactly one ASN.1 value: trailing bytes mean the file is not what it claims. */
/**
 * DER has one encoding per value; asn1js parses BER leniently (a wrong length byte may still parse). Encoding the
 * parsed tree again and requiring the very same bytes refuses what `openssl ts -verify` refuses as malformed, so the
 * two verifiers do not disagree on a damaged token.
 */
function reencodesTo(value: asn1js.AsnType, bytes: Uint8Array): boolean {
  const again = new Uint8Array(value.toBER(false));
  return again.byteLength === bytes.byteLength && again.every((byte, i) => byte === bytes[i]);
}

export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes as Uint8Array<ArrayBuffer>);
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength || !reencodesTo(parsed.result, bytes)) {
    throw new TimestampError('TSA_MALFORMED', `The ${what} is not a DER-encoded RFC 3161 structure; the authority (or something in between) answered with something else.`);
  }
  return parsed.result;
}

/**
 * What pkijs lets through and openssl does not: a signer digest algorithm missing from SignedData.digestAlgorithms,
 * a certificate whose signature BIT STRING has unused bits, and an ECDSA signature (the token's or a certificate's)
 * that is not itself DER.
 */
export function isStrictlyEncoded(signedData: pkijs.SignedData): boolean {
  const listed = new Set(signedData.digestAlgorithms.map((a) => a.algorithmId));
  if (!signedData.signerInfos.every((signer) => listed.has(signer.digestAlgorithm.algorithmId))) return false;
  for (const signer of signedData.signerInfos) {
    if (isEcdsa(signer.signatureAlgorithm.algorithmId) && !isDer(bytesOf(signer.signature.valueBlock.valueHexView))) return false;
  }
  return (signedData.certificates ?? []).every((certificate) => !(certificate instanceof pkijs.Certificate) || hasStrictSignature(certificate));
}

/** A certificate's signature as openssl reads it: no unused bits, and an ECDSA signature that is itself DER. */
function hasStrictSignature(certificate: pkijs.Certificate): boolean {
  const signature = certificate.signatureValue.valueBlock;
  if (signature.unusedBits !== 0) return false;
  return !isEcdsa(certificate.signatureAlgorithm.algorithmId) || isDer(bytesOf(signature.valueHexView));
}

/**
 * A certificate from outside a token (shipped beside it, or given as a root), read as strictly as the token's own:
 * exactly one DER value with a strictly encoded signature. Null for anything else.
 */
export function strictCertificate(der: Uint8Array): pkijs.Certificate | null {
  const parsed = asn1js.fromBER(der as Uint8Array<ArrayBuffer>);
  if (parsed.offset !== der.byteLength || !reencodesTo(parsed.result, der)) return null;
  try {
    const certificate = new pkijs.Certificate({ schema: parsed.result });
    return hasStrictSignature(certificate) ? certificate : null;
  } catch {
    return null;
  }
}

/** ecdsa-with-SHA* (1.2.840.10045.4.3.x), or id-ecPublicKey (1.2.840.10045.2.1) as some signers name it. */
function isEcdsa(oid: string): boolean {
  return oid.startsWith('1.2.840.10045.4.') || oid === '1.2.840.10045.2.1';
}

/** Exactly one ASN.1 value, encoded as DER would encode it. */
function isDer(bytes: Uint8Array): boolean {
  const parsed = asn1js.fromBER(bytes as Uint8Array<ArrayBuffer>);
  return parsed.offset === bytes.byteLength && reencodesTo(parsed.result, bytes);
}

/** The DER certificates in PEM text (any number of CERTIFICATE blocks; comment lines between them are ignored). */
export function pemCertificates(text: string): Uint8Array[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    const binary = atob(base64);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  });
}

/** Roots and intermediates to check tokens against, sorted out of a set of certificates. */
export function sortCertificates(ders: readonly Uint8Array[]): { roots: Uint8Array[]; intermediates: Uint8Array[]; subjects: string[] } {
  const roots: Uint8Array[] = [];
  const intermediates: Uint8Array[] = [];
  const subjects: string[] = [];
  for (const der of ders) {
    const certificate = parseCertificate(der);
    (isSelfSigned(certificate) ? roots : intermediates).push(der);
    subjects.push(subjectName(certificate));
  }
  return { roots, intermediates, subjects };
}
