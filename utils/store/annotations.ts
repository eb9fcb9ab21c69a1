// Cases, tags and notes: annotations stored beside each capture (never inside its signed record). Every edit of a
// capture's annotations is logged as an "annotated" custody event carrying what the annotations became.
import type { CaptureNotes } from '../model';
import type { CaptureAnnotation, CaseRecord } from './rows';
import { isConstraintError, nextCustodyLine } from './custody-log';
import type { PostProofDb } from './schema';

const SAVE_ATTEMPTS = 5;

export function emptyAnnotation(captureId: string): CaptureAnnotation {
  return { captureId, cases: [], tags: [], note: '', updatedAt: '' };
}

/** Tags as the user typed them, trimmed, without empties or repeats (case-insensitively). */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.map((tag) => tag.trim().replace(/\s+/g, ' ')).filter((tag) => {
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function readAnnotation(db: PostProofDb, captureId: string): Promise<CaptureAnnotation> {
  return (await db.get('annotations', captureId)) ?? emptyAnnotation(captureId);
}

export async function listAnnotations(db: PostProofDb): Promise<Map<string, CaptureAnnotation>> {
  return new Map((await db.getAll('annotations')).map((row) => [row.captureId, row]));
}

/** The annotations as notes.json holds them: case names rather than ids, so a reader of the bundle needs nothing else. */
export function notesDocument(annotation: CaptureAnnotation | undefined, cases: ReadonlyMap<string, CaseRecord>): CaptureNotes | undefined {
  if (!annotation || (annotation.cases.length === 0 && annotation.tags.length === 0 && !annotation.note)) return undefined;
  return {
    cases: annotation.cases.map((id) => cases.get(id)?.name ?? id),
    tags: annotation.tags,
    note: annotation.note,
    updatedAt: annotation.updatedAt,
  };
}

/**
 * Saves a capture's cases, tags and note, and appends the "annotated" custody event in the same transaction: the log
 * never misses an edit, and an edit is never logged without being saved.
 */
export async function saveAnnotation(
  db: PostProofDb,
  captureId: string,
  change: Pick<CaptureAnnotation, 'cases' | 'tags' | 'note'>,
  at: Date = new Date(),
): Promise<CaptureAnnotation> {
  const annotation: CaptureAnnotation = {
    captureId,
    cases: [...new Set(change.cases)],
    tags: normalizeTags(change.tags),
    note: change.note,
    updatedAt: at.toISOString(),
  };
  const details = { annotations: { cases: annotation.cases, tags: annotation.tags, note: annotation.note } };
  for (let attempt = 1; ; attempt++) {
    const line = await nextCustodyLine(db, captureId, 'annotated', details, at);
    const tx = db.transaction(['annotations', 'custody'], 'readwrite');
    try {
      await Promise.all([tx.objectStore('custody').add(line), tx.objectStore('annotations').put(annotation), tx.done]);
      return annotation;
    } catch (error) {
      if (!isConstraintError(error) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}

export async function listCases(db: PostProofDb): Promise<CaseRecord[]> {
  return (await db.getAll('cases')).sort((a, b) => a.name.localeCompare(b.name));
}

/** A new case, or the existing one of that name (names are what people tell apart). */
export async function createCase(db: PostProofDb, name: string, at: Date = new Date()): Promise<CaseRecord> {
  const wanted = name.trim().replace(/\s+/g, ' ');
  if (!wanted) throw new Error('A case needs a name.');
  const existing = (await db.getAll('cases')).find((row) => row.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
  if (existing) return existing;
  const created: CaseRecord = { id: crypto.randomUUID(), name: wanted, createdAt: at.toISOString() };
  await db.add('cases', created);
  return created;
}

/** Ids of the captures in a case. */
export async function captureIdsInCase(db: PostProofDb, caseId: string): Promise<string[]> {
  return db.getAllKeysFromIndex('annotations', 'byCase', caseId);
}

/** How many captures of a case were made since `since` (the toolbar badge: today's captures in the active case). */
export async function countCaseCapturesSince(db: PostProofDb, caseId: string, since: Date): Promise<number> {
  const ids = await captureIdsInCase(db, caseId);
  const after = since.toISOString();
  const tx = db.transaction('listings');
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  return rows.filter((row) => row && row.capturedAt >= after).length;
}
