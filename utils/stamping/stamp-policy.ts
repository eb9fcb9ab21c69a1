// How a queued timestamp moves on after each try: stamped with the token's details, or back in the queue with a
// longer wait, or given up on after repeated wrong answers. Pure: the store (utils/store/stamps.ts) writes the rows.
import type { StoredStamp } from '../store/rows';
import { sha256Hex } from '../provenance/hash';

/** First retry after 30 s, then doubling, never more than an hour apart. */
const BACKOFF_FIRST_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** An authority that keeps answering wrongly (not merely unreachable) is given up on after this many tries. */
export const MAX_BAD_ANSWERS = 6;
/** Network trouble is never final: the capture waits until the authority can be reached. */
const TRANSIENT_CODES = new Set(['TSA_UNREACHABLE', 'TSA_TIMEOUT', 'TSA_HTTP_ERROR']);

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** A token the authority gave and the checks accepted. */
export interface ObtainedStamp {
  tsr: Uint8Array;
  genTime: string;
  signer: string;
  /** SHA-256 of the certificate whose signature was checked. */
  signerSha256?: string;
  certificates: Uint8Array[];
}

/** The row after a checked token: stamped, its wait and last error cleared. */
export function stampedRow(stamp: StoredStamp, obtained: ObtainedStamp): StoredStamp {
  const { nextAttemptAt: _done, lastError: _cleared, ...rest } = stamp;
  return {
    ...rest,
    state: 'stamped',
    attempts: stamp.attempts + 1,
    tsr: obtained.tsr,
    genTime: obtained.genTime,
    signer: obtained.signer,
    ...(obtained.signerSha256 ? { signerSha256: obtained.signerSha256 } : {}),
  };
}

/** The custody event "timestamped" says which authority, when, and which token (by its SHA-256). */
export async function timestampedDetails(stamp: StoredStamp, obtained: ObtainedStamp): Promise<Record<string, unknown>> {
  return { tsa: stamp.tsaName, tsaUrl: stamp.tsaUrl, genTime: obtained.genTime, tsrSha256: await sha256Hex(obtained.tsr) };
}

/** The row after a failed try: back in the queue with a longer wait, or given up on after repeated wrong answers. */
export function failedRow(stamp: StoredStamp, failure: { code: string; message: string }, now: Date): StoredStamp {
  const attempts = stamp.attempts + 1;
  const giveUp = !TRANSIENT_CODES.has(failure.code) && attempts >= MAX_BAD_ANSWERS;
  const { nextAttemptAt: _previous, ...rest } = stamp;
  return {
    ...rest,
    attempts,
    state: giveUp ? 'failed' : 'waiting',
    lastError: { ...failure, at: now.toISOString() },
    ...(giveUp ? {} : { nextAttemptAt: now.getTime() + backoffMs(attempts) }),
  };
}
