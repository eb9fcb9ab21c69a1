// Reading and committing captures: a capture and all its artifacts are written in one transaction, or not at all.
import { crc32 } from '../zip/crc32';
import type { StoredArtifact, StoredCapture, StoredCustodyLine, StoredStamp } from './rows';
import { indexCaptureInTransaction } from './capture-index';
import type { ChainHead, PostProofDb } from './schema';

export class ChainMovedError extends Error {
  readonly code = 'chain-moved';
  constructor() {
    super('Another capture was saved at the same moment; this one will be numbered again.');
  }
}

export async function readChainHead(db: PostProofDb): Promise<ChainHead> {
  return (await db.get('meta', 'chain')) ?? { id: 'chain', sequence: 0, lastSha256: null };
}

/** Rows committed with a capture: the first line of its custody log and its place in the timestamp queue. */
export interface CaptureCommitExtras {
  custody?: StoredCustodyLine;
  /** Lines of other captures' logs committed with it (a re-check's event in the log of the capture it checked). */
  extraCustody?: StoredCustodyLine[];
  stamps?: StoredStamp[];
  /** Ids of the cases the new capture starts in (the active case): an annotation, outside the signed record. */
  cases?: string[];
}

/**
 * Commits the record, its artifacts, the new chain head and the extras atomically. The record was numbered and signed against
 * `expectedHead`; if the head moved meanwhile the transaction is aborted, so the chain can never fork.
 */
export async function commitCapture(
  db: PostProofDb,
  capture: StoredCapture,
  artifacts: StoredArtifact[],
  expectedHead: ChainHead,
  extras: CaptureCommitExtras = {},
): Promise<void> {
  const tx = db.transaction(['captures', 'artifacts', 'meta', 'custody', 'stamps', 'listings', 'searchPostings', 'annotations'], 'readwrite');
  try {
    const head = (await tx.objectStore('meta').get('chain')) ?? { id: 'chain', sequence: 0, lastSha256: null };
    if (head.sequence !== expectedHead.sequence || head.lastSha256 !== expectedHead.lastSha256) {
      throw new ChainMovedError();
    }
    await tx.objectStore('captures').add(capture);
    for (const artifact of artifacts) await tx.objectStore('artifacts').add(artifact);
    await tx.objectStore('meta').put({ id: 'chain', sequence: capture.sequence, lastSha256: capture.recordSha256 });
    if (extras.custody) await tx.objectStore('custody').add(extras.custody);
    for (const line of extras.extraCustody ?? []) await tx.objectStore('custody').add(line);
    for (const stamp of extras.stamps ?? []) await tx.objectStore('stamps').add(stamp);
    await indexCaptureInTransaction(tx, capture);
    if (extras.cases?.length) {
      await tx.objectStore('annotations').add({ captureId: capture.id, cases: [...new Set(extras.cases)], tags: [], note: '', updatedAt: capture.capturedAt });
    }
    await tx.done;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failing request: nothing was written.
    }
    await tx.done.catch(() => undefined);
    // A request aborted with its transaction reports AbortError; the transaction's own error names the cause (QuotaExceededError).
    throw (error as DOMException | null)?.name === 'AbortError' && tx.error ? tx.error : error;
  }
}

/** All captures, newest first. */
export async function listCaptures(db: PostProofDb): Promise<StoredCapture[]> {
  const all = await db.getAllFromIndex('captures', 'bySequence');
  return all.reverse();
}

export async function getCapture(db: PostProofDb, id: string): Promise<StoredCapture | undefined> {
  return db.get('captures', id);
}

/** A file as the store keeps it: a Blob (on disk in the browser, not in the page's memory) and its CRC-32. */
export function storedArtifact(captureId: string, path: string, bytes: Uint8Array): StoredArtifact {
  return { captureId, path, data: new Blob([bytes as Uint8Array<ArrayBuffer>]), crc32: crc32(bytes) };
}

async function artifactRow(db: PostProofDb, captureId: string, path: string): Promise<StoredArtifact> {
  const artifact = await db.get('artifacts', [captureId, path]);
  if (!artifact) throw new Error(`The file ${path} of capture ${captureId} is not in the store.`);
  return artifact;
}

export async function readArtifact(db: PostProofDb, captureId: string, path: string): Promise<Uint8Array> {
  return artifactBytes(await artifactRow(db, captureId, path));
}

/** A stored file as a Blob of `type`, without reading its bytes into the page (rows from before hold the bytes). */
export async function readArtifactFile(db: PostProofDb, captureId: string, path: string, type: string): Promise<Blob> {
  const { data } = await artifactRow(db, captureId, path);
  return new Blob([data as Blob | Uint8Array<ArrayBuffer>], { type });
}

/** The bytes of a stored file, kept as a Blob or (rows from before) as bytes. */
export async function artifactBytes({ data }: StoredArtifact): Promise<Uint8Array> {
  return data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data;
}

/**
 * A file for an export that passes it on unread: its Blob and the CRC-32 taken when it was stored. Undefined for a
 * row stored before CRCs were kept: its bytes must then be read (and are checked against the signed hash).
 */
export function artifactBlob({ data, crc32: crc }: StoredArtifact): { blob: Blob; crc32: number } | undefined {
  return data instanceof Blob && crc !== undefined ? { blob: data, crc32: crc } : undefined;
}

export async function countCaptures(db: PostProofDb): Promise<number> {
  return db.count('captures');
}

/** Case-insensitive match over author, handle, text and permalink; the full-text index comes with the dashboard issue. */
export function matchesQuery(capture: StoredCapture, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [capture.authorName, capture.authorHandle, capture.text, capture.permalink, capture.id]
    .some((field) => field?.toLocaleLowerCase().includes(needle));
}
