// Preserved threads (utils/threads/): the signed thread.json bytes and their members, one row per thread. A row is
// written once and never changed, like a capture record; `byMember` finds the threads a capture belongs to.
import type { StoredCustodyLine, StoredThread } from './rows';
import type { PostProofDb } from './schema';

/** Keeps a signed thread. A thread id is never reused: a second row with the same id is refused (ConstraintError). */
export async function putThread(db: PostProofDb, thread: StoredThread): Promise<void> {
  await db.add('threads', thread);
}

export async function getThread(db: PostProofDb, id: string): Promise<StoredThread | undefined> {
  return db.get('threads', id);
}

/** Every thread, newest first. */
export async function listThreads(db: PostProofDb): Promise<StoredThread[]> {
  const all = await db.getAll('threads');
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** The threads that list `captureId` among their members, newest first. */
export async function threadsByMember(db: PostProofDb, captureId: string): Promise<StoredThread[]> {
  const rows = await db.getAllFromIndex('threads', 'byMember', captureId);
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * Keeps a signed thread and, in the same transaction, a line in each member's custody log: both are written or
 * neither. A ConstraintError means another line was added to a member's log meanwhile (or the id was taken): nothing
 * was written, and the caller builds the lines again on the new tails.
 */
export async function commitThread(db: PostProofDb, thread: StoredThread, custody: readonly StoredCustodyLine[]): Promise<void> {
  const tx = db.transaction(['threads', 'custody'], 'readwrite');
  try {
    await Promise.all([tx.objectStore('threads').add(thread), ...custody.map((line) => tx.objectStore('custody').add(line)), tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request.
    }
    await tx.done.catch(() => undefined);
    throw (error as DOMException | null)?.name === 'AbortError' && tx.error ? tx.error : error;
  }
}
