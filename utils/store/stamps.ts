// Timestamps in IndexedDB: one row per capture and authority. Rows in state `waiting` are the retry queue, so a
// browser restart loses nothing: the queue is the store.
import type { CaptureStampState, StoredStamp, StoredTsaChain, TsaEndpoint } from '../model';
import { toHex } from '../provenance/hash';
import type { PostProofDb } from './schema';
import { isConstraintError, nextCustodyLine } from './custody-log';

/** First retry after 30 s, then doubling, never more than an hour apart. */
const BACKOFF_FIRST_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** An authority that keeps answering wrongly (not merely unreachable) is given up on after this many tries. */
export const MAX_BAD_ANSWERS = 6;
/** Network trouble is never final: the capture waits until the authority can be reached. */
const TRANSIENT_CODES = new Set(['TSA_UNREACHABLE', 'TSA_TIMEOUT', 'TSA_HTTP_ERROR']);
const SAVE_ATTEMPTS = 5;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** The rows a new capture is committed with, one per chosen authority, due at once. */
export function queuedStamps(captureId: string, authorities: readonly TsaEndpoint[], now: Date): StoredStamp[] {
  return authorities.map((tsa) => ({
    captureId,
    tsaId: tsa.id,
    tsaName: tsa.name,
    tsaUrl: tsa.url,
    state: 'waiting',
    attempts: 0,
    queuedAt: now.toISOString(),
    nextAttemptAt: now.getTime(),
  }));
}

export async function dueStamps(db: PostProofDb, nowMs: number): Promise<StoredStamp[]> {
  const waiting = await db.getAllFromIndex('stamps', 'byState', 'waiting');
  return waiting.filter((stamp) => (stamp.nextAttemptAt ?? 0) <= nowMs).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0));
}

/** Epoch ms of the earliest waiting retry, or undefined when the queue is empty. */
export async function nextStampAttempt(db: PostProofDb): Promise<number | undefined> {
  const waiting = await db.getAllFromIndex('stamps', 'byState', 'waiting');
  return waiting.reduce<number | undefined>((min, stamp) => Math.min(min ?? Infinity, stamp.nextAttemptAt ?? 0), undefined);
}

export interface ObtainedStamp {
  tsr: Uint8Array;
  genTime: string;
  signer: string;
  /** SHA-256 of the certificate whose signature was checked. */
  signerSha256?: string;
  certificates: Uint8Array[];
}

/**
 * Saves a checked token: the stamp row, the TSA's certificates (once per TSA, new ones added) and the custody event
 * "timestamped", in one transaction.
 */
export async function saveStamp(db: PostProofDb, stamp: StoredStamp, obtained: ObtainedStamp, now: Date): Promise<void> {
  const tsrSha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', obtained.tsr as Uint8Array<ArrayBuffer>)));
  for (let attempt = 1; ; attempt++) {
    const custody = await nextCustodyLine(db, stamp.captureId, 'timestamped', { tsa: stamp.tsaName, tsaUrl: stamp.tsaUrl, genTime: obtained.genTime, tsrSha256 }, now);
    const tx = db.transaction(['stamps', 'tsaChains', 'custody'], 'readwrite');
    try {
      const chains = tx.objectStore('tsaChains');
      const chain = (await chains.get(stamp.tsaId)) ?? { tsaId: stamp.tsaId, name: stamp.tsaName, url: stamp.tsaUrl, certificates: [], updatedAt: now.toISOString() };
      const known = new Set(chain.certificates.map(toHex));
      const added = obtained.certificates.filter((der) => !known.has(toHex(der)));
      if (added.length > 0) await chains.put({ ...chain, certificates: [...chain.certificates, ...added], updatedAt: now.toISOString() });
      const { nextAttemptAt: _done, lastError: _cleared, ...rest } = stamp;
      await tx.objectStore('stamps').put({ ...rest, state: 'stamped', attempts: stamp.attempts + 1, tsr: obtained.tsr, genTime: obtained.genTime, signer: obtained.signer, ...(obtained.signerSha256 ? { signerSha256: obtained.signerSha256 } : {}) });
      await tx.objectStore('custody').add(custody);
      await tx.done;
      return;
    } catch (error) {
      tx.abort();
      await tx.done.catch(() => undefined);
      if (!isConstraintError(error) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}

/** Records a failed try: back in the queue with a longer wait, or given up on after repeated wrong answers. */
export async function saveStampFailure(db: PostProofDb, stamp: StoredStamp, failure: { code: string; message: string }, now: Date): Promise<StoredStamp> {
  const attempts = stamp.attempts + 1;
  const giveUp = !TRANSIENT_CODES.has(failure.code) && attempts >= MAX_BAD_ANSWERS;
  const { nextAttemptAt: _previous, ...rest } = stamp;
  const next: StoredStamp = {
    ...rest,
    attempts,
    state: giveUp ? 'failed' : 'waiting',
    lastError: { ...failure, at: now.toISOString() },
    ...(giveUp ? {} : { nextAttemptAt: now.getTime() + backoffMs(attempts) }),
  };
  await db.put('stamps', next);
  return next;
}

/** Every capture's stamps, for the lists. */
export async function stampsByCapture(db: PostProofDb): Promise<Map<string, StoredStamp[]>> {
  const byCapture = new Map<string, StoredStamp[]>();
  for (const stamp of await db.getAll('stamps')) byCapture.set(stamp.captureId, [...(byCapture.get(stamp.captureId) ?? []), stamp]);
  return byCapture;
}

export async function stampsOf(db: PostProofDb, captureId: string): Promise<StoredStamp[]> {
  return db.getAllFromIndex('stamps', 'byCapture', captureId);
}

/** One state per capture: waiting while any authority is still being asked; failed if one gave up; else stamped. */
export function captureStampState(stamps: readonly StoredStamp[] | undefined): CaptureStampState {
  if (!stamps || stamps.length === 0) return 'off';
  if (stamps.some((stamp) => stamp.state === 'waiting')) return 'waiting';
  if (stamps.some((stamp) => stamp.state === 'failed')) return 'failed';
  return 'stamped';
}

/** A capture's stamped tokens, as the bundle writer takes them. */
export type ExportableStamp = { tsaId: string; tsaName: string; tsr: Uint8Array; genTime: string; signerSha256?: string };

/** The stamps a bundle carries: those made, with their token and time. */
export function exportable(stamps: readonly StoredStamp[]): ExportableStamp[] {
  return stamps.flatMap((stamp) =>
    stamp.state === 'stamped' && stamp.tsr && stamp.genTime
      ? [{ tsaId: stamp.tsaId, tsaName: stamp.tsaName, tsr: stamp.tsr, genTime: stamp.genTime, ...(stamp.signerSha256 ? { signerSha256: stamp.signerSha256 } : {}) }]
      : [],
  );
}

/** Every TSA's certificates by tsaId. */
export async function tsaChainsById(db: PostProofDb): Promise<Map<string, StoredTsaChain>> {
  return new Map((await db.getAll('tsaChains')).map((chain) => [chain.tsaId, chain]));
}
