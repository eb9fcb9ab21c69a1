// Everything an export needs of one capture, read in one transaction: its row, its files' rows (Blobs: no bytes are
// read here, except from rows stored as bytes before), its stamps, its custody log, its annotation and its derived
// copies. One
// transaction instead of one per store and file: at 1,000 captures the transactions cost more than the reads.
import type { CaptureAnnotation, CaseRecord, StoredArtifact, StoredCapture, StoredDerivedCopy, StoredStamp } from './rows';
import { notesDocument } from './annotations';
import { artifactBlob, artifactBytes } from './captures';
import { exportable } from './stamps';
import type { CaptureSource } from './capture-source';
import type { PostProofDb } from './schema';

export interface CaptureRows {
  stored: StoredCapture;
  artifacts: ReadonlyMap<string, StoredArtifact>;
  stamps: StoredStamp[];
  custody: string[];
  annotation?: CaptureAnnotation;
  derived: ReadonlyMap<string, StoredDerivedCopy>;
}

/** Every key [id, path] of one capture in a store keyed [captureId, path]. */
export const captureKeys = (id: string) => IDBKeyRange.bound([id, ''], [id, '\uffff']);

export async function readCaptureRows(db: PostProofDb, id: string): Promise<CaptureRows | undefined> {
  return (await readCaptureRowsBatch(db, [id]))[0];
}

/** Several captures' rows in one transaction, in the order of `ids` (undefined for a capture not in the store). */
export async function readCaptureRowsBatch(db: PostProofDb, ids: readonly string[]): Promise<(CaptureRows | undefined)[]> {
  const tx = db.transaction(['captures', 'artifacts', 'stamps', 'custody', 'annotations', 'derived']);
  const read = (id: string) =>
    Promise.all([
      tx.objectStore('captures').get(id),
      tx.objectStore('artifacts').index('byCapture').getAll(id),
      tx.objectStore('stamps').index('byCapture').getAll(id),
      tx.objectStore('custody').getAll(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])),
      tx.objectStore('annotations').get(id),
      tx.objectStore('derived').getAll(captureKeys(id)),
    ]);
  const [all] = await Promise.all([Promise.all(ids.map(read)), tx.done]);
  return all.map(([stored, artifacts, stamps, custody, annotation, derived]) =>
    stored
      ? {
          stored,
          artifacts: new Map(artifacts.map((row) => [row.path, row])),
          stamps,
          custody: custody.map((row) => row.line),
          ...(annotation ? { annotation } : {}),
          derived: new Map(derived.map((row) => [row.path, row])),
        }
      : undefined,
  );
}

/** A capture's rows as the bundle writers read them (and the background, to draw its annotated copy). */
export function captureSource(db: PostProofDb, rows: CaptureRows, cases: ReadonlyMap<string, CaseRecord>): CaptureSource {
  const row = (path: string) => {
    const artifact = rows.artifacts.get(path);
    if (!artifact) throw new Error(`The file ${path} of capture ${rows.stored.id} is not in the store.`);
    return artifact;
  };
  return {
    stored: rows.stored,
    readArtifact: async (path) => artifactBytes(row(path)),
    readArtifactBlob: async (path) => artifactBlob(row(path)),
    derivedCopy: async (path) => rows.derived.get(path),
    keepDerivedCopy: async (copy) => void (await db.put('derived', copy)),
    stamps: exportable(rows.stamps),
    custody: rows.custody,
    notes: notesDocument(rows.annotation, cases),
  };
}
