// RFC 3161 tokens read and checked with pkijs/asn1js: a TimeStampResp checked against the document and, when given,
// against trusted roots (the token's own checks are in tsa-signature.ts, its chain to a pinned root in tsa-anchor.ts).
// Loaded only by the background (when stamping) and the verifier (extension page and CLI): never by the content
// script or popup.

import * as pkijs from 'pkijs';
import { sha256Hex } from './hash';
import { certificateDer, parseCertificate, subjectName } from './tsa-certificates';
import { checkImprintAndNonce, checkTimeStampingUsage, describe, readResponse, type TimestampInfo } from './tsa-signature';
import { TimestampError } from './tsa-error';

// The API of timestamp tokens, in one place: the checks below, and those of the modules they are built from.
export { TimestampError, type TimestampErrorCode } from './tsa-error';
export { certificateDer, isSelfSigned, nameText, parseCertificate, pemCertificates, sortCertificates, strictCertificate, subjectName } from './tsa-certificates';
export { SHA256_OID, verifyTokenSignature, type SignedToken, type TimestampInfo } from './tsa-signature';
export { anchorTimestamp, tokenChainRoot, userTrustAnchors, type AnchoredToken, type ChainRoot, type TokenChain } from './tsa-anchor';
export { pinnedTrustAnchors, type TrustAnchor } from './tsa-roots';

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
