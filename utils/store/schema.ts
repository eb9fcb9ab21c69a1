// The IndexedDB schema of PostProof (idb): its name and version, its stores and indexes, and the rows only the store
// knows (the install key's, the chain head's, the search postings'). Migrations are in migrations.ts, opening in db.ts.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Settings } from '../model';
import type { CaptureAnnotation, CaptureListing, CaseRecord, StoredArtifact, StoredCapture, StoredCustodyLine, StoredDerivedCopy, StoredList, StoredListItem, StoredStamp, StoredThread, StoredTsaChain } from './rows';

export const DB_NAME = 'postproof';
export const DB_VERSION = 6;

/** The install's signing key, kept as non-extractable CryptoKey objects (structured clone). */
export interface StoredKey {
  id: 'install';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: Uint8Array;
  keyId: string;
  createdAt: string;
}

/** Head of the per-install sequence chain: the last committed capture. */
export interface ChainHead {
  id: 'chain';
  sequence: number;
  lastSha256: string | null;
}

export const SETTINGS_KEY = 'settings';

/**
 * The captures that hold one folded term, for one bucket of sequence numbers: a term's captures are read as a few
 * rows of packed numbers, not one key per capture (3,400 keys took 30–40 ms to read, a bucket row microseconds).
 */
export interface SearchPosting {
  term: string;
  /** Math.floor(sequence / POSTING_BUCKET): negative for imported captures. */
  bucket: number;
  /** The sequence numbers of the captures in this bucket that hold the term, in the order they were written. */
  sequences: Int32Array;
}

export interface PostProofSchema extends DBSchema {
  captures: { key: string; value: StoredCapture; indexes: { bySequence: number; byCapturedAt: string } };
  artifacts: { key: [string, string]; value: StoredArtifact; indexes: { byCapture: string } };
  keys: { key: string; value: StoredKey };
  meta: { key: string; value: ChainHead };
  /** One row per capture and TSA; the rows in state `waiting` are the retry queue. */
  stamps: { key: [string, string]; value: StoredStamp; indexes: { byState: string; byCapture: string } };
  tsaChains: { key: string; value: StoredTsaChain };
  /** Append-only: rows are added, never changed or deleted. */
  custody: { key: [string, number]; value: StoredCustodyLine; indexes: { byCapture: string } };
  settings: { key: string; value: Settings };
  /** One row per capture, written with it (see capture-index.ts); `byPost` finds a post captured before. */
  listings: { key: string; value: CaptureListing; indexes: { byPost: [string, string]; byAuthor: [string, string]; byLinkedFrom: string } };
  /** The full-text index: one row per folded term and bucket of sequence numbers; prefix queries are key ranges. */
  searchPostings: { key: [string, number]; value: SearchPosting };
  cases: { key: string; value: CaseRecord };
  /** Notes, tags and cases of a capture: outside the signed record. */
  annotations: { key: string; value: CaptureAnnotation; indexes: { byCase: string; byTag: string } };
  /** Files made from a capture's files for export (the annotated screenshot), kept so an export need not redraw them. */
  derived: { key: [string, string]; value: StoredDerivedCopy };
  /** Preserved threads (utils/threads/): signed records listing their member captures. */
  threads: { key: string; value: StoredThread; indexes: { byMember: string } };
  /** Lists of URLs to capture (utils/lists/) and their URLs, in order. */
  lists: { key: string; value: StoredList };
  listItems: { key: [string, number]; value: StoredListItem; indexes: { byOutcome: [string, string] } };
}

export type PostProofDb = IDBPDatabase<PostProofSchema>;
export type UpgradeTransaction = IDBPTransaction<PostProofSchema, StoreNames<PostProofSchema>[], 'versionchange'>;
