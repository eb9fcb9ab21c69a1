// What is derived from each capture for the dashboard: its listing row and its full-text postings. Written in the
// capture's own commit transaction (and for older captures by the upgrades), so the index never lags the store.
import type { CaptureRecord, PlatformName } from '../model';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, CaseRecord, StoredCapture, WitnessListingState } from './rows';
import type { PostProofDb, PostProofSchema, SearchPosting } from './schema';
import type { IDBPIndex, IDBPTransaction, StoreNames } from 'idb';
import { distinctTerms } from './search-text';
import { captureStampState } from './stamps';

export type { SearchPosting } from './schema';

/** Captures per posting row: a row stays under 4 KB, and adding a capture rewrites one row per term. */
export const POSTING_BUCKET = 1024;

export const postingBucket = (sequence: number): number => Math.floor(sequence / POSTING_BUCKET);

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

/** What the row says of the witness: a re-check's outcome, else the capture's corroboration status, else `none`. */
function witnessState(record: Partial<CaptureRecord>): WitnessListingState {
  const outcome = record.recheck?.outcome;
  if (outcome && outcome !== 'first-witness') return outcome;
  return record.corroboration?.status ?? 'none';
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
    witness: witnessState(record),
    recheckOf: record.recheck?.of,
    kind: record.post?.kind === 'profile' || record.post?.kind === 'tile' ? record.post.kind : undefined,
    linkedFrom: record.linkedFrom?.captureId,
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

/** Writes a capture's listing row and search postings inside `tx` (which must include `listings` and `searchPostings`). */
export async function indexCaptureInTransaction(tx: IndexingTransaction, capture: StoredCapture): Promise<void> {
  await tx.objectStore('listings').put(listingOf(capture));
  const postings = tx.objectStore('searchPostings');
  const bucket = postingBucket(capture.sequence);
  // Each term is its own row, so the read-and-append of one term never races another's.
  await Promise.all(
    captureTerms(capture).map(async (term) => {
      const row = await postings.get([term, bucket]);
      await postings.put({ term, bucket, sequences: appended(row?.sequences, capture.sequence) });
    }),
  );
}

/** The postings of many captures, gathered in memory and written once each (the upgrade indexes every capture so). */
export class PostingsBuilder {
  private readonly rows = new Map<string, { term: string; bucket: number; sequences: number[] }>();

  add(capture: Pick<StoredCapture, 'sequence' | 'text' | 'authorName' | 'authorHandle'>): void {
    const bucket = postingBucket(capture.sequence);
    for (const term of captureTerms(capture)) {
      const key = `${bucket}\u0000${term}`;
      const row = this.rows.get(key) ?? this.rows.set(key, { term, bucket, sequences: [] }).get(key)!;
      row.sequences.push(capture.sequence);
    }
  }

  /** Writes every row into an empty `searchPostings` store. */
  async write(tx: IndexingTransaction): Promise<void> {
    const postings = tx.objectStore('searchPostings');
    await Promise.all([...this.rows.values()].map(({ term, bucket, sequences }) => postings.put({ term, bucket, sequences: Int32Array.from(sequences) })));
  }
}

function appended(existing: Int32Array | undefined, sequence: number): Int32Array {
  const next = new Int32Array((existing?.length ?? 0) + 1);
  if (existing) next.set(existing);
  next[next.length - 1] = sequence;
  return next;
}

/** The capture of this post, if one was made before: batch capture keeps each post once by this. */
export async function findCaptureByPost(db: PostProofDb, platform: PlatformName, postId: string): Promise<CaptureListing | undefined> {
  return db.getFromIndex('listings', 'byPost', [platform, postId]);
}

/**
 * Rows per request when every listing row is read. One getAll of 10,000 rows (about 5 MB) held the store for
 * 0.5–1 s on a 2-core machine, and every other request (a dashboard opened next, a capture being committed) waited
 * behind it. In slices, others wait for one slice at most, and a page closed mid-read stops after the slice in flight.
 */
export const LISTING_SLICE = 500;

/**
 * Every listing row, newest first, read `slice` rows per request, each its own transaction (in key order): a capture
 * committed mid-read may be left out, as it would be by a read a moment earlier; the dashboard reads again on reload.
 */
export async function listListings(db: PostProofDb, slice: number = LISTING_SLICE): Promise<CaptureListing[]> {
  const all: CaptureListing[] = [];
  for (let after: string | undefined; ; ) {
    const rows = await db.getAll('listings', after === undefined ? null : IDBKeyRange.lowerBound(after, true), slice);
    for (const row of rows) all.push(row);
    if (rows.length < slice) break;
    after = rows[rows.length - 1]!.id;
  }
  return all.sort((a, b) => b.sequence - a.sequence);
}

/** The newest rows and what they show, read before the rest so the first screenful paints without waiting for all. */
export interface NewestListings {
  /** Newest first, at most `limit`. */
  listings: CaptureListing[];
  annotations: Map<string, CaptureAnnotation>;
  stampStates: Map<string, CaptureStampState>;
  cases: CaseRecord[];
  /**
   * Captures in the store (all of them, not only these), from the span of their sequence numbers, which are unique
   * and dense (1, 2, … for this install's captures; −1, −2, … for imported ones): counting 10,000 rows took 50–100 ms
   * of the first paint. Should a gap ever occur, the span overstates until the full read counts the rows.
   */
  total: number;
}

/**
 * The `limit` newest listing rows with their annotations, timestamp states and the cases, in one readonly
 * transaction: the ids come from a key range of the captures' sequence index, and just those rows are read.
 */
export async function newestListings(db: PostProofDb, limit: number): Promise<NewestListings> {
  const tx = db.transaction(['captures', 'listings', 'annotations', 'stamps', 'cases']);
  const { ids, span } = await newestIds(tx.objectStore('captures').index('bySequence'), limit);
  const listings = tx.objectStore('listings');
  const annotations = tx.objectStore('annotations');
  const stamps = tx.objectStore('stamps');
  const [rows, notes, stampRows, cases] = await Promise.all([
    Promise.all(ids.map((id) => listings.get(id))),
    Promise.all(ids.map((id) => annotations.get(id))),
    Promise.all(ids.map((id) => stamps.getAll(IDBKeyRange.bound([id], [id, []])))),
    tx.objectStore('cases').getAll(),
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
    total: span,
  };
}

type SequenceIndex = IDBPIndex<PostProofSchema, ArrayLike<StoreNames<PostProofSchema>>, 'captures', 'bySequence'>;

/**
 * Ids of the `limit` captures with the highest sequence, newest first, and how many sequence numbers lie between the
 * lowest and the highest (0 unused). Sequences are dense, so a key range just below the highest holds the newest:
 * two or three requests, where a cursor walk took one round trip per capture, each waiting for the page's busy
 * start-up.
 */
async function newestIds(index: SequenceIndex, limit: number): Promise<{ ids: string[]; span: number }> {
  const [highest, lowest] = await Promise.all([index.openKeyCursor(null, 'prev'), index.openKeyCursor(null, 'next')]);
  if (!highest || !lowest) return { ids: [], span: 0 };
  const span = highest.key - lowest.key + 1 - (lowest.key < 0 && highest.key > 0 ? 1 : 0);
  let ids: string[] = [];
  // A wider range when the one before held too few (the gap at 0, between own and imported captures).
  for (let width = limit; limit > 0; width *= 2) {
    ids = await index.getAllKeys(IDBKeyRange.bound(highest.key - width + 1, highest.key));
    if (ids.length >= limit || highest.key - width + 1 <= lowest.key) break;
  }
  return { ids: ids.slice(-limit).reverse(), span };
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
