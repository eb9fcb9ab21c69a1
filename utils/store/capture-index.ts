// What is derived from each capture for the dashboard: its listing row and its full-text terms. Written in the
// capture's own commit transaction (and for older captures by the v3 upgrade), so the index never lags the store.
import type { CaptureAnnotation, CaptureListing, CaptureRecord, CaptureStampState, CaseRecord, PlatformName, StoredCapture } from '../model';
import type { PostProofDb, PostProofSchema } from './db';
import type { IDBPTransaction, StoreNames } from 'idb';
import { distinctTerms } from './search-text';
import { captureStampState } from './stamps';

export interface SearchTermRow {
  term: string;
  captureId: string;
}

/** A post's text as kept in the listing: enough for a row's first words. */
const EXCERPT_CHARS = 240;
/** A very long post contributes its first terms only: the index stays bounded per capture. */
const MAX_TERMS_PER_CAPTURE = 400;

type IndexingTransaction = IDBPTransaction<PostProofSchema, ArrayLike<StoreNames<PostProofSchema>>, 'readwrite' | 'versionchange'>;

function parseRecord(bytes: Uint8Array): Partial<CaptureRecord> {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Partial<CaptureRecord>;
  } catch {
    return {};
  }
}

/** The listing row of a capture, from its index row and signed record. */
export function listingOf(capture: StoredCapture): CaptureListing {
  const record = parseRecord(capture.recordBytes);
  const excerpt = capture.text?.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
  const screenshot = record.artifacts?.find((artifact) => artifact.role === 'screenshot');
  const optional = {
    postId: record.post?.id,
    postedAt: record.post?.postedAt,
    authorName: capture.authorName,
    authorHandle: capture.authorHandle,
    excerpt: excerpt || undefined,
    permalink: capture.permalink,
    screenshotPath: screenshot?.path,
    foreignKeyId: capture.foreignSigner?.keyId,
  };
  return {
    id: capture.id,
    sequence: capture.sequence,
    capturedAt: capture.capturedAt,
    platform: capture.platform,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    mediaCount: record.artifacts?.filter((artifact) => artifact.role === 'media').length ?? 0,
  };
}

/** The folded terms a capture is found by: its post text, author name and handle. */
export function captureTerms(capture: Pick<StoredCapture, 'text' | 'authorName' | 'authorHandle'>): string[] {
  return distinctTerms([capture.authorName, capture.authorHandle, capture.text]).slice(0, MAX_TERMS_PER_CAPTURE);
}

/** Writes a capture's listing row and search terms inside `tx` (which must include `listings` and `searchTerms`). */
export async function indexCaptureInTransaction(tx: IndexingTransaction, capture: StoredCapture): Promise<void> {
  await tx.objectStore('listings').put(listingOf(capture));
  const terms = tx.objectStore('searchTerms');
  await Promise.all(captureTerms(capture).map((term) => terms.put({ term, captureId: capture.id })));
}

/** The capture of this post, if one was made before: batch capture keeps each post once by this. */
export async function findCaptureByPost(db: PostProofDb, platform: PlatformName, postId: string): Promise<CaptureListing | undefined> {
  return db.getFromIndex('listings', 'byPost', [platform, postId]);
}

/** Every listing row, newest first. */
export async function listListings(db: PostProofDb): Promise<CaptureListing[]> {
  const all = await db.getAll('listings');
  return all.sort((a, b) => b.sequence - a.sequence);
}

/** The newest rows and what they show, read before the rest so the first screenful paints without waiting for all. */
export interface NewestListings {
  /** Newest first, at most `limit`. */
  listings: CaptureListing[];
  annotations: Map<string, CaptureAnnotation>;
  stampStates: Map<string, CaptureStampState>;
  cases: CaseRecord[];
  /** Listing rows in the store (all of them, not only these). */
  total: number;
}

/**
 * The `limit` newest listing rows with their annotations, timestamp states and the cases, in one readonly
 * transaction: the captures' sequence index is walked backwards by key only, and just those rows are read.
 */
export async function newestListings(db: PostProofDb, limit: number): Promise<NewestListings> {
  const tx = db.transaction(['captures', 'listings', 'annotations', 'stamps', 'cases']);
  const ids: string[] = [];
  for (let cursor = await tx.objectStore('captures').index('bySequence').openKeyCursor(null, 'prev'); cursor && ids.length < limit; cursor = await cursor.continue()) {
    ids.push(cursor.primaryKey);
  }
  const listings = tx.objectStore('listings');
  const annotations = tx.objectStore('annotations');
  const stamps = tx.objectStore('stamps');
  const [rows, notes, stampRows, cases, total] = await Promise.all([
    Promise.all(ids.map((id) => listings.get(id))),
    Promise.all(ids.map((id) => annotations.get(id))),
    Promise.all(ids.map((id) => stamps.getAll(IDBKeyRange.bound([id], [id, []])))),
    tx.objectStore('cases').getAll(),
    listings.count(),
  ]);
  await tx.done;
  const stampStates = new Map<string, CaptureStampState>();
  ids.forEach((id, n) => {
    if (stampRows[n]!.length > 0) stampStates.set(id, captureStampState(stampRows[n]));
  });
  return {
    // A capture whose listing row is missing (never, as both are written together) is left out, as listListings would.
    listings: rows.filter((row): row is CaptureListing => row !== undefined),
    annotations: new Map(notes.flatMap((row) => (row ? [[row.captureId, row] as const] : []))),
    stampStates,
    cases: cases.sort((a, b) => a.name.localeCompare(b.name)),
    total,
  };
}

/** Each capture's timestamp state from the stamps' keys alone (no token bytes read); captures absent are `off`. */
export async function stampStatesByCapture(db: PostProofDb): Promise<Map<string, CaptureStampState>> {
  const tx = db.transaction('stamps');
  const byState = tx.store.index('byState');
  const [waiting, failed, stamped] = await Promise.all((['waiting', 'failed', 'stamped'] as const).map((state) => byState.getAllKeys(state)));
  const states = new Map<string, CaptureStampState>();
  // Same precedence as captureStampState: waiting over failed over stamped.
  for (const [state, keys] of [['stamped', stamped], ['failed', failed], ['waiting', waiting]] as const) {
    for (const [captureId] of keys!) states.set(captureId, state);
  }
  return states;
}
