// The chosen captures as the format writers read them, one at a time, the next group read while one is written.
import type { BundleCaptureSource, ThreadSource } from '../evidence/capture-source';
import { captureSource, readCaptureRowsBatch } from '../store/capture-rows';
import type { PostProofDb } from '../store/db';
import { listThreads } from '../store/threads';
import { captureGone } from './errors';

/** Captures read per transaction by an export. */
const READ_AHEAD = 16;

export async function* captureSources(db: PostProofDb, ids: readonly string[], signal?: AbortSignal): AsyncGenerator<BundleCaptureSource> {
  const cases = new Map((await db.getAll('cases')).map((row) => [row.id, row]));
  const group = (start: number) => readCaptureRowsBatch(db, ids.slice(start, start + READ_AHEAD));
  let next = ids.length > 0 ? group(0) : undefined;
  // A group read ahead and then not wanted (the export stopped) must not surface as an unhandled rejection.
  next?.catch(() => undefined);
  for (let start = 0; start < ids.length; start += READ_AHEAD) {
    const rowsOfGroup = await next!;
    next = start + READ_AHEAD < ids.length ? group(start + READ_AHEAD) : undefined;
    next?.catch(() => undefined);
    for (const [n, rows] of rowsOfGroup.entries()) {
      signal?.throwIfAborted();
      const id = ids[start + n]!;
      if (!rows) throw captureGone(id);
      yield captureSource(db, rows, cases);
    }
  }
}

/**
 * The preserved threads whose members are all among the chosen captures: each goes into the file (or the volume) that
 * holds all its members; a thread with a member left out is left out whole (the writer checks it again per volume).
 */
export async function threadSources(db: PostProofDb, ids: readonly string[]): Promise<ThreadSource[]> {
  const chosen = new Set(ids);
  return (await listThreads(db)).filter((thread) => thread.memberIds.every((id) => chosen.has(id)));
}
