// Timestamps in IndexedDB: one row per capture and authority. Rows in state `waiting` are the retry queue, so a
// browser restart loses nothing: the queue is the store. How a row moves on after a try is utils/stamping/'s.
import type { TsaEndpoint } from '../model';
import type { CaptureStampState, StoredStamp, StoredTsaChain } from './rows';
import { toHex } from '../provenance/hash';
import type { PostProofDb } from './schema';
import { isConstraintError, nextCustodyLine } from './custody-log';

const SAVE_ATTEMPTS = 5;

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

/**
 * Saves a stamped row (utils/stamping/stamp-policy.ts makes it), the TSA's certificates (once per TSA, new ones
 * added) and the custody event "timestamped" with `custodyDetails`, in one transaction.
 */
export async function saveStamp(db: PostProofDb, stamped: StoredStamp, certificates: readonly Uint8Array[], custodyDetails: Record<string, unknown>, now: Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const custody = await nextCustodyLine(db, stamped.captureId, 'timestamped', custodyDetails, now);
    const tx = db.transaction(['stamps', 'tsaChains', 'custody'], 'readwrite');
    try {
      const chains = tx.objectStore('tsaChains');
      const chain = (await chains.get(stamped.tsaId)) ?? { tsaId: stamped.tsaId, name: stamped.tsaName, url: stamped.tsaUrl, certificates: [], updatedAt: now.toISOString() };
      const known = new Set(chain.certificates.map(toHex));
      const added = certificates.filter((der) => !known.has(toHex(der)));
      if (added.length > 0) await chains.put({ ...chain, certificates: [...chain.certificates, ...added], updatedAt: now.toISOString() });
      await tx.objectStore('stamps').put(stamped);
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

/** Saves a row after a try that made no token (waiting again, or failed: utils/stamping/stamp-policy.ts). */
export async function saveStampRow(db: PostProofDb, stamp: StoredStamp): Promise<void> {
  await db.put('stamps', stamp);
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
