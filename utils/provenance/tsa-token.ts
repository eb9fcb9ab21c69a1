// RFC 3161 tokens read and checked with pkijs/asn1js: the TimeStampResp status, the TSTInfo (imprint, nonce,
// genTime), the CMS signature, the signer's timeStamping usage, and the chain to a trusted root. Loaded only by the
// background (when stamping) and the verifier (extension page and CLI): never by the content script or popup.

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256Hex, toHex } from './hash';

// Anchoring a token's time (tsa-anchor.ts) is part of this module's API; tsa-anchor.ts builds on the checks below.
export { anchorTimestamp, tokenChainRoot, userTrustAnchors, type AnchoredToken, type ChainRoot, type TokenChain } from './tsa-anchor';
export { pinnedTrustAnchors, type TrustAnchor } from './tsa-roots';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const ID_DATA_OID = '1.2.840.113549.1.7.1';
const EXT_KEY_USAGE_OID = '2.5.29.37';
const TIME_STAMPING_OID = '1.3.6.1.5.5.7.3.8';
const COMMON_NAME_OID = '2.5.4.3';
const ORGANIZATION_OID = '2.5.4.10';

export type TimestampErrorCode =
  | 'TSA_UNREACHABLE'
  | 'TSA_TIMEOUT'
  | 'TSA_HTTP_ERROR'
  | 'TSA_MALFORMED'
  | 'TSA_REJECTED'
  | 'TSA_WRONG_IMPRINT'
  | 'TSA_WRONG_NONCE'
  | 'TSA_BAD_SIGNATURE'
  | 'TSA_NOT_TIMESTAMPING_CERT'
  | 'TSA_UNTRUSTED_CHAIN';

/** A timestamp that could not be obtained or does not check out; `code` lets the queue, UI and tests tell cases apart. */
export class TimestampError extends Error {
  constructor(
    readonly code: TimestampErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TimestampError';
  }
}

/** What a checked token says. */
export interface TimestampInfo {
  /** The TSA's time, ISO 8601 UTC. */
  genTime: string;
  serialHex: string;
  policy: string;
  /** SHA-256 the token covers, lowercase hex. */
  imprintHex: string;
  nonceHex?: string;
  /** Subject of the certificate that signed the token, e.g. "CN=FreeTSA, O=Free TSA". */
  signer: string;
  /** SHA-256 of that certificate's DER, when the signature was checked: which certificate it was, for later. */
  signerSha256?: string;
  /** DER certificates the token carries (certReq true: at least the TSA's own). */
  certificates: Uint8Array[];
}

const PKI_STATUS_WORDS = ['granted', 'granted with modifications', 'rejection', 'waiting', 'revocation warning', 'revocation notification'];

function bytesOf(view: ArrayBuffer | Uint8Array): Uint8Array {
  return view instanceof Uint8Array ? view : new Uint8Array(view);
}

/** Unsigned big-endian integer bytes as hex, without leading zero bytes. */
function integerHex(value: asn1js.Integer): string {
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

function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes as Uint8Array<ArrayBuffer>);
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength || !reencodesTo(parsed.result, bytes)) {
    throw new TimestampError('TSA_MALFORMED', `The ${what} is not a DER-encoded RFC 3161 structure; the authority (or something in between) answered with something else.`);
  }
  return parsed.result;
}

interface ParsedToken {
  signedData: pkijs.SignedData;
  tst: pkijs.TSTInfo;
}

/**
 * What pkijs lets through and openssl does not: a signer digest algorithm missing from SignedData.digestAlgorithms,
 * a certificate whose signature BIT STRING has unused bits, and an ECDSA signature (the token's or a certificate's)
 * that is not itself DER.
 */
function isStrictlyEncoded(signedData: pkijs.SignedData): boolean {
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

/** Reads a TimeStampResp: throws TSA_MALFORMED or TSA_REJECTED, else returns its token. */
function readResponse(tsr: Uint8Array): ParsedToken {
  let response: pkijs.TimeStampResp;
  try {
    response = new pkijs.TimeStampResp({ schema: parseDer(tsr, 'timestamp response') });
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw new TimestampError('TSA_MALFORMED', 'The answer is not an RFC 3161 timestamp response; the authority (or something in between) answered with something else.');
  }
  const status = response.status.status as number;
  if (status !== 0 && status !== 1) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join(' ') ?? '';
    throw new TimestampError(
      'TSA_REJECTED',
      `The timestamp authority refused the request (status: ${PKI_STATUS_WORDS[status] ?? status}${text ? `, “${text}”` : ''}).`,
    );
  }
  if (!response.timeStampToken || response.timeStampToken.contentType !== SIGNED_DATA_OID) {
    throw new TimestampError('TSA_MALFORMED', 'The timestamp response says “granted” but carries no signed token.');
  }
  try {
    const signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
    const eContent = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== TST_INFO_OID || !eContent) throw new Error('not a TSTInfo');
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
    if (!isStrictlyEncoded(signedData)) throw new Error('not DER');
    return { signedData, tst };
  } catch {
    throw new TimestampError('TSA_MALFORMED', 'The timestamp token inside the response is damaged or is not an RFC 3161 token.');
  }
}

function describe(parsed: ParsedToken, signer: pkijs.Certificate | null): TimestampInfo {
  const { tst, signedData } = parsed;
  return {
    genTime: tst.genTime.toISOString(),
    serialHex: integerHex(tst.serialNumber),
    policy: tst.policy,
    imprintHex: toHex(bytesOf(tst.messageImprint.hashedMessage.valueBlock.valueHexView)),
    ...(tst.nonce ? { nonceHex: integerHex(tst.nonce) } : {}),
    signer: signer ? subjectName(signer) : 'an unknown signer',
    certificates: (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map(certificateDer),
  };
}

function checkTimeStampingUsage(signer: pkijs.Certificate): void {
  const extension = signer.extensions?.find((e) => e.extnID === EXT_KEY_USAGE_OID);
  const purposes = (extension?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (!extension?.critical || !purposes.includes(TIME_STAMPING_OID)) {
    throw new TimestampError(
      'TSA_NOT_TIMESTAMPING_CERT',
      `The token was signed by ${subjectName(signer)}, a certificate not marked (critical extendedKeyUsage timeStamping) for signing timestamps.`,
    );
  }
}

/** Throws TSA_WRONG_IMPRINT unless the token covers `sha256` (when given) with SHA-256, TSA_WRONG_NONCE on another nonce. */
function checkImprintAndNonce(parsed: ParsedToken, sha256: string | undefined, nonceHex: string | undefined): void {
  const { tst } = parsed;
  const imprint = describe(parsed, null);
  if (sha256 !== undefined && (tst.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID || imprint.imprintHex !== sha256)) {
    throw new TimestampError(
      'TSA_WRONG_IMPRINT',
      `The token is for another document (it covers SHA-256 ${imprint.imprintHex.slice(0, 16)}…, not this record's ${sha256.slice(0, 16)}…).`,
    );
  }
  if (nonceHex !== undefined && imprint.nonceHex !== nonceHex.replace(/^(00)+(?=.)/, '')) {
    throw new TimestampError('TSA_WRONG_NONCE', 'The token does not answer this request (its nonce differs): it may be a replayed or substituted answer.');
  }
}

export interface TokenCheck {
  /** SHA-256 of the stamped document, lowercase hex. */
  sha256: string;
  /** The exact document bytes: the token's signature and imprint are checked against them. */
  data: Uint8Array;
  /** The nonce sent in the request (hex); checked when given. */
  nonceHex?: string;
  /**
   * Roots to chain the signer to (DER). Omitted: only the signature and the signer's usage are checked (at stamping
   * time, when no root is known yet); the verifier always gives some.
   */
  trustedRoots?: Uint8Array[];
  /** More certificates to build the chain with (intermediates shipped beside the token). */
  intermediates?: Uint8Array[];
}

/**
 * Checks a TimeStampResp against the document: status, imprint, nonce, CMS signature, timeStamping usage and, when
 * roots are given, the chain at the token's own time. Throws a TimestampError naming the first check that failed.
 */
export async function checkTimestampResponse(tsr: Uint8Array, check: TokenCheck): Promise<TimestampInfo> {
  const parsed = readResponse(tsr);
  const { signedData } = parsed;
  checkImprintAndNonce(parsed, check.sha256, check.nonceHex);
  for (const der of check.intermediates ?? []) {
    signedData.certificates = [...(signedData.certificates ?? []), parseCertificate(der)];
  }
  const checkChain = check.trustedRoots !== undefined;
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = (await signedData.verify({
      signer: 0,
      data: check.data.slice().buffer,
      checkChain,
      trustedCerts: (check.trustedRoots ?? []).map(parseCertificate),
      extendedMode: true,
    })) as pkijs.SignedDataVerifyResult;
  } catch (error) {
    const failure = error as pkijs.SignedDataVerifyError;
    if (failure.code === 5) {
      throw new TimestampError(
        'TSA_UNTRUSTED_CHAIN',
        `The TSA certificate ${failure.signerCertificate ? subjectName(failure.signerCertificate) : ''} does not chain to a trusted root (${failure.message.replace(/^Validation of signer's certificate failed(: | with error: )/, '')}).`,
      );
    }
    throw new TimestampError('TSA_BAD_SIGNATURE', `The token's signature does not verify (${failure.message ?? String(error)}).`);
  }
  if (!result.signatureVerified || !result.signerCertificate) {
    throw new TimestampError('TSA_BAD_SIGNATURE', 'The token’s signature does not verify: the token was altered or was not signed by the certificate it names.');
  }
  checkTimeStampingUsage(result.signerCertificate);
  return { ...describe(parsed, result.signerCertificate), signerSha256: await sha256Hex(certificateDer(result.signerCertificate)) };
}

/** What a token's own checks establish, its chain aside. */
export interface SignedToken {
  /** As checkTimestampResponse returns it; `certificates` are the ones the token itself carries. */
  info: TimestampInfo;
  /** The TSA's time, at which the chain is to be valid. */
  genTime: Date;
  /** The certificate whose key made the token's signature (timeStamping usage checked). */
  signer: pkijs.Certificate;
  /** The certificates the token carries. */
  carried: pkijs.Certificate[];
}

/**
 * The checks of a token that need no root: status, imprint and nonce (each when given), CMS signature and the signer's
 * timeStamping usage. With `data`, its SHA-256 must also be the token's imprint. Without it (describing a token's chain
 * for export) the signature is still checked over the signed attributes, which bind the TSTInfo's bytes.
 * `extraCertificates` (DER, read strictly; others are ignored) may supply the signer's certificate when the token does
 * not carry it; the token's own are looked at first. Throws a TimestampError naming the first check that failed. The
 * chain is left to the caller (tsa-anchor.ts).
 */
export async function verifyTokenSignature(
  tsr: Uint8Array,
  check: { sha256?: string; data?: Uint8Array; nonceHex?: string; extraCertificates?: readonly Uint8Array[] } = {},
): Promise<SignedToken> {
  const parsed = readResponse(tsr);
  const { signedData, tst } = parsed;
  checkImprintAndNonce(parsed, check.sha256, check.nonceHex);
  const carried = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const own = describe(parsed, null);
  const extra = (check.extraCertificates ?? []).map(strictCertificate).filter((c): c is pkijs.Certificate => c !== null);
  signedData.certificates = [...(signedData.certificates ?? []), ...extra];
  // pkijs checks a TSTInfo's imprint against the data before the signature and refuses to go on without data; with no
  // data the content is verified as plain signed content instead (this object only: the bytes are not changed).
  if (!check.data) signedData.encapContentInfo.eContentType = ID_DATA_OID;
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = (await signedData.verify({
      signer: 0,
      checkChain: false,
      extendedMode: true,
      ...(check.data ? { data: check.data.slice().buffer } : {}),
    })) as pkijs.SignedDataVerifyResult;
  } catch (error) {
    const failure = error as pkijs.SignedDataVerifyError;
    throw new TimestampError('TSA_BAD_SIGNATURE', `The token's signature does not verify (${failure.message ?? String(error)}).`);
  }
  if (!result.signatureVerified || !result.signerCertificate) {
    throw new TimestampError('TSA_BAD_SIGNATURE', 'The token’s signature does not verify: the token was altered or was not signed by the certificate it names.');
  }
  checkTimeStampingUsage(result.signerCertificate);
  const signerSha256 = await sha256Hex(certificateDer(result.signerCertificate));
  return { info: { ...own, signer: subjectName(result.signerCertificate), signerSha256 }, genTime: tst.genTime, signer: result.signerCertificate, carried };
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
