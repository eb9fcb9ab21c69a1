// The custody log in IndexedDB: per capture, an append-only chain of event lines (utils/provenance/custody.ts).
import type { CustodyEventType } from '../model';
import type { StoredCustodyLine } from './rows';
import { custodyLine } from '../provenance/custody';
import { sha256Hex } from '../provenance/hash';
import type { PostProofDb } from './schema';

const APPEND_ATTEMPTS = 5;

/** Line 0 of a capture's log, written in the same transaction as the capture itself. */
export function capturedEvent(captureId: string, capturedAt: string, recordSha256: string): StoredCustodyLine {
  return {
    captureId,
    index: 0,
    line: custodyLine({ captureId, index: 0, event: 'captured', at: capturedAt, previousSha256: null, details: { recordSha256 } }),
  };
}

/** The capture's log lines, in order. */
export async function readCustodyLines(db: PostProofDb, captureId: string): Promise<string[]> {
  const rows = await db.getAll('custody', IDBKeyRange.bound([captureId, 0], [captureId, Number.MAX_SAFE_INTEGER]));
  return rows.map((row) => row.line);
}

/**
 * The next line of a capture's log, ready to be added (possibly inside a transaction with other writes). It is
 * hashed outside any transaction (WebCrypto would let one commit), so it is keyed by the next index: if another
 * line was appended meanwhile the add fails with a ConstraintError and the caller builds it again.
 */
export async function nextCustodyLine(
  db: PostProofDb,
  captureId: string,
  event: Exclude<CustodyEventType, 'captured'>,
  details: Record<string, unknown>,
  at: Date = new Date(),
): Promise<StoredCustodyLine> {
  const lines = await readCustodyLines(db, captureId);
  const last = lines.at(-1);
  if (last === undefined) throw new Error(`Capture ${captureId} has no custody log to add to.`);
  const index = lines.length;
  return { captureId, index, line: custodyLine({ captureId, index, event, at: at.toISOString(), previousSha256: await sha256Hex(last), details }) };
}

export function isConstraintError(error: unknown): boolean {
  return (error as DOMException | null)?.name === 'ConstraintError';
}

/** Appends an event to a capture's log, building it again on the new tail if another append won the race. */
export async function appendCustodyEvent(
  db: PostProofDb,
  captureId: string,
  event: Exclude<CustodyEventType, 'captured'>,
  details: Record<string, unknown>,
  at: Date = new Date(),
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.add('custody', await nextCustodyLine(db, captureId, event, details, at));
      return;
    } catch (error) {
      if (!isConstraintError(error) || attempt >= APPEND_ATTEMPTS) throw error;
    }
  }
}

/**
 * Appends the same event to several captures' logs in two transactions (one to read their tails, one to add), not
 * two per capture: an export logs each of its thousands of captures. If another append won a race meanwhile, nothing
 * of the batch was written, and each capture is appended on its own instead.
 */
export async function appendCustodyEvents(
  db: PostProofDb,
  captureIds: readonly string[],
  event: Exclude<CustodyEventType, 'captured'>,
  details: Record<string, unknown>,
  at: Date = new Date(),
): Promise<void> {
  if (captureIds.length === 0) return;
  const read = db.transaction('custody');
  const [logs] = await Promise.all([
    Promise.all(captureIds.map((id) => read.store.getAll(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])))),
    read.done,
  ]);
  const lines = await Promise.all(
    captureIds.map(async (captureId, n): Promise<StoredCustodyLine> => {
      const last = logs[n]!.at(-1)?.line;
      if (last === undefined) throw new Error(`Capture ${captureId} has no custody log to add to.`);
      const index = logs[n]!.length;
      return { captureId, index, line: custodyLine({ captureId, index, event, at: at.toISOString(), previousSha256: await sha256Hex(last), details }) };
    }),
  );
  const write = db.transaction('custody', 'readwrite');
  try {
    await Promise.all([...lines.map((line) => write.store.add(line)), write.done]);
  } catch (error) {
    if (!isConstraintError(error) && (error as DOMException | null)?.name !== 'AbortError') throw error;
    for (const id of captureIds) await appendCustodyEvent(db, id, event, details, at);
  }
}

/** Logs a bundle verification on each of its captures that this install holds (others' captures have no log here). */
export async function logVerification(db: PostProofDb, captureIds: readonly string[], details: Record<string, unknown>, at: Date = new Date()): Promise<number> {
  let logged = 0;
  for (const id of captureIds) {
    if ((await db.count('custody', IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]))) === 0) continue;
    await appendCustodyEvent(db, id, 'verified', details, at);
    logged++;
  }
  return logged;
}
