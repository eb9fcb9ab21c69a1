// An RFC 3161 token's own checks, before any chain: the TimeStampResp status, the TSTInfo (imprint, nonce, genTime),
// the CMS signature and the signer's timeStamping usage. tsa-token.ts adds the check against given roots,
// tsa-anchor.ts the chain to a pinned or chosen root.

import * as pkijs from 'pkijs';
import { sha256Hex, toHex } from './hash';
import { bytesOf, certificateDer, integerHex, isStrictlyEncoded, parseDer, strictCertificate, subjectName } from './tsa-certificates';
import { TimestampError } from './tsa-error';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const ID_DATA_OID = '1.2.840.113549.1.7.1';
const EXT_KEY_USAGE_OID = '2.5.29.37';
const TIME_STAMPING_OID = '1.3.6.1.5.5.7.3.8';

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

export interface ParsedToken {
  signedData: pkijs.SignedData;
  tst: pkijs.TSTInfo;
}

/** Reads a TimeStampResp: throws TSA_MALFORMED or TSA_REJECTED, else returns its token. */
export function readResponse(tsr: Uint8Array): ParsedToken {
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

export function describe(parsed: ParsedToken, signer: pkijs.Certificate | null): TimestampInfo {
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

export function checkTimeStampingUsage(signer: pkijs.Certificate): void {
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
export function checkImprintAndNonce(parsed: ParsedToken, sha256: string | undefined, nonceHex: string | undefined): void {
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
