// Trusted time, for both evidence formats: an RFC 3161 token counts only when its chain reaches a root anchored
// outside the file (a preset authority's root pinned in PostProof, or one the person gave). A chain ending in a root
// shipped inside the file is noted as "time not anchored", never reported as a trusted time; a token dated before
// the thing it stamps makes the file invalid; one made much later is noted.

import { formatOffset } from '../provenance/clock-compare';
import { pinnedTrustAnchors } from '../provenance/tsa-roots';
import { anchorTimestamp, parseCertificate, subjectName, TimestampError, userTrustAnchors, type AnchoredToken, type TrustAnchor } from '../provenance/tsa-token';
import { sha256Hex } from '../provenance/hash';
import type { UnanchoredTimestamp, VerifiedTimestamp, VerifyCheck, VerifyOptions } from './verify-types';
import { errorMessage } from '../error-message';

/** A token may precede the record's own clock by this much (the collector's clock may run a little fast). */
export const EARLIEST_BEFORE_MS = 5 * 60 * 1000;
/** A token this much after the record's clock is noted: it proves the record existed by then, not at capture. */
export const NOTE_AFTER_MS = 60 * 60 * 1000;

/** What tokens are checked against: anchors from outside the file, and the file's certificates to build chains. */
export interface StampTrust {
  anchors: TrustAnchor[];
  /** Certificates shipped in the file (tsa/*.pem): chain links, never anchors. */
  candidates: Uint8Array[];
}

/** The pinned roots and the person's own (which must be roots: the CLI and verify.html refuse anything else up front). */
export function stampTrust(options: VerifyOptions, shipped: Uint8Array[]): StampTrust {
  return { anchors: [...pinnedTrustAnchors(options.pinnedRoots), ...userTrustAnchors(options.tsaRoots ?? [], 'the root you gave')], candidates: shipped };
}

export interface StampSubject {
  /** The token's file, as the report names it. */
  file: string;
  /** The stamped bytes and what they are ("capture X's capture.json"). */
  data: Uint8Array;
  what: string;
  /** The time the stamped thing says it was made (ISO 8601): the token must not be earlier. */
  madeAt?: string;
  /** Whose clock `madeAt` is, for the messages. */
  madeBy?: string;
  /** The capture the stamped record belongs to (none for a WACZ's package). */
  captureId?: string;
}

/** A token that checked out in itself, anchored or not; null when it is broken or refused. */
export interface CheckedStamp {
  token: AnchoredToken;
  verified?: VerifiedTimestamp;
  /** Set when the token holds but its time is not anchored (a note, not a failure). */
  unanchored?: UnanchoredTimestamp;
}

/** "5 min", "2 h 3 min": a distance in time, without a sign. */
const span = (ms: number) => formatOffset(ms).replace(/^[+−]/, '');

function describeRoot(token: AnchoredToken): string {
  return token.chainRoot ? `${token.chainRoot.subject} (SHA-256 ${token.chainRoot.sha256})` : 'no root certificate at all';
}

/** Checks one token; adds its checks; never throws. */
export async function checkStamp(tsr: Uint8Array, subject: StampSubject, trust: StampTrust, checks: VerifyCheck[]): Promise<CheckedStamp | null> {
  const { file } = subject;
  let token: AnchoredToken;
  try {
    token = await anchorTimestamp(tsr, { sha256: await sha256Hex(subject.data), data: subject.data, candidates: trust.candidates, anchors: trust.anchors });
  } catch (error) {
    const why = errorMessage(error);
    const hint = error instanceof TimestampError && error.code === 'TSA_WRONG_IMPRINT' ? ` Either ${subject.what} was changed after it was timestamped, or the token belongs to something else.` : '';
    checks.push({ check: 'timestamp', file, ok: false, message: `This timestamp does not hold: ${why}${hint}` });
    return null;
  }
  const { info, anchor } = token;
  const before = subject.madeAt ? Date.parse(subject.madeAt) - Date.parse(info.genTime) : Number.NaN;
  if (before > EARLIEST_BEFORE_MS) {
    checks.push({
      check: 'timestamp-order',
      file,
      ok: false,
      message: `The token says it was made at ${info.genTime}, ${span(before)} before the time ${subject.what} gives itself (${subject.madeAt}, ${subject.madeBy ?? 'the collector’s clock'}): a token cannot be made before what it stamps exists, so the token or that time is false.`,
    });
    return { token };
  }
  if (!anchor) {
    checks.push({
      check: 'timestamp',
      file,
      ok: true,
      note: true,
      message: `Note: time not anchored. The token by ${info.signer} (${info.genTime}) chains to ${describeRoot(token)}, a root shipped in the file, not one this verifier knows: anyone can make a certificate with any name, so this is not a trusted time. Give the authority’s real root (--tsa-ca ROOT.pem, or choose it on the Verify page) to check it.`,
    });
    return { token, unanchored: { file, tsa: info.signer, ...(token.chainRoot ? { rootSubject: token.chainRoot.subject } : {}), ...(subject.captureId ? { captureId: subject.captureId } : {}) } };
  }
  const verified: VerifiedTimestamp = { file, tsa: info.signer, genTime: info.genTime, anchor: { kind: anchor.kind, label: anchor.label, rootSha256: anchor.sha256 } };
  const trusted = anchor.kind === 'pinned' ? `${anchor.label}’s root, pinned in PostProof` : anchor.label;
  checks.push({
    check: 'timestamp',
    file,
    ok: true,
    message: `Timestamped by ${info.signer} at ${info.genTime} (the authority’s clock), anchored in ${trusted} (SHA-256 ${anchor.sha256}). The token covers ${subject.what} exactly: it existed, unchanged, no later than that time.`,
  });
  if (-before > NOTE_AFTER_MS) {
    checks.push({ check: 'timestamp-order', file, ok: true, note: true, message: `Note: this token was made ${span(before)} after the time ${subject.what} gives itself (${subject.madeAt}). It proves the record existed by then, not that it was made then.` });
  }
  return { token, verified };
}

/** The certificates of PEM files shipped in an evidence file, each file a check when it cannot be read. */
export function readShippedCertificates(pems: { file: string; text: string }[], parse: (text: string) => Uint8Array[], checks: VerifyCheck[]): Uint8Array[] {
  const all: Uint8Array[] = [];
  for (const { file, text } of pems) {
    try {
      const ders = parse(text);
      if (ders.length === 0) throw new Error('it holds no certificate');
      for (const der of ders) subjectName(parseCertificate(der));
      all.push(...ders);
    } catch (error) {
      checks.push({ check: 'tsa-certificate', file, ok: false, message: `The timestamp authority’s certificates could not be read: ${errorMessage(error)}.` });
    }
  }
  return all;
}
