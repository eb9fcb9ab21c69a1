// The rows the store keeps, one type per object store (utils/store/schema.ts names the stores): what IndexedDB holds of
// each capture, its files, stamps, custody lines, listing, cases and annotations. Only the store writes them.
import type { CorroborationStatus, DerivedFileEntry, PlatformName } from '../model';

/** One file of a capture as kept in the store. */
export interface StoredArtifact {
  captureId: string;
  path: string;
  /** A Blob since the large-export work (the browser keeps it on disk; an export passes it on unread); bytes in older rows. */
  data: Uint8Array | Blob;
  /** CRC-32 of the bytes, taken when stored, for the ZIP headers of an export; absent in older rows. */
  crc32?: number;
}

/** The index row the store keeps per capture: the signed bytes plus what lists need, no artifact bytes. */
export interface StoredCapture {
  id: string;
  sequence: number;
  capturedAt: string;
  platform: PlatformName;
  authorName?: string;
  authorHandle?: string;
  text?: string;
  permalink?: string;
  /** The exact capture.json bytes that were hashed and signed. */
  recordBytes: Uint8Array;
  /** SHA-256 of recordBytes, lowercase hex. */
  recordSha256: string;
  /** DER ECDSA signature over recordBytes. */
  signature: Uint8Array;
  /**
   * Set on a capture imported from a bundle and signed by another install's key (utils/restore/import-bundles.ts): the
   * record is kept read-only with that key, and `sequence` here is a local slot (negative) outside this install's chain.
   */
  foreignSigner?: { keyId: string; spki: Uint8Array; importedAt: string };
}

/**
 * A derived file kept in the store between exports (the annotated screenshot, made once its capture's stamps are
 * settled): outside the signed record, and used only while `fingerprint` (its strip's text and its source's
 * SHA-256) still matches what an export would draw.
 */
export interface StoredDerivedCopy {
  captureId: string;
  /** Path inside the capture's folder, e.g. screenshot.annotated.png. */
  path: string;
  fingerprint: string;
  data: Blob;
  bytes: number;
  sha256: string;
  crc32: number;
  entry: DerivedFileEntry;
}

/** One capture's timestamp from one authority: waiting in the queue, stamped, or given up on (with the reason). */
export interface StoredStamp {
  captureId: string;
  tsaId: string;
  tsaName: string;
  tsaUrl: string;
  state: 'waiting' | 'stamped' | 'failed';
  attempts: number;
  /** When it was queued (collector's clock). */
  queuedAt: string;
  /** Epoch ms of the next try, while waiting. */
  nextAttemptAt?: number;
  lastError?: { code: string; message: string; at: string };
  /** The full TimeStampResp, exported as capture.json.tsr. */
  tsr?: Uint8Array;
  /** The TSA's time from the token, ISO 8601 UTC. */
  genTime?: string;
  /** Subject of the certificate that signed the token. */
  signer?: string;
  /** SHA-256 of that certificate, taken when the token's signature was checked at stamping (an export reuses the chain it walked for another token of the same certificate). */
  signerSha256?: string;
}

/** The certificates a TSA's tokens carried, kept once per TSA and exported as tsa/<id>.pem. */
export interface StoredTsaChain {
  tsaId: string;
  name: string;
  url: string;
  /** DER certificates, leaf first as the tokens gave them; new ones (renewals) are added, none removed. */
  certificates: Uint8Array[];
  updatedAt: string;
}

/** One line of a capture's custody log: these exact bytes are hashed into the next line's `previousSha256`. */
export interface StoredCustodyLine {
  captureId: string;
  /** 0 for the capture's first event ("captured"), then 1, 2, … */
  index: number;
  line: string;
}

/** The timestamp state a capture shows in the lists: `off` when timestamping was not on for it. */
export type CaptureStampState = 'off' | 'waiting' | 'stamped' | 'failed';

/**
 * What the dashboard lists and filters on for one capture, derived from its signed record (never edited): kept in its
 * own store so that listing 10,000 captures reads no record or artifact bytes.
 */
export interface CaptureListing {
  id: string;
  sequence: number;
  capturedAt: string;
  platform: PlatformName;
  postId?: string;
  postedAt?: string;
  authorName?: string;
  authorHandle?: string;
  /** The post's first words (previewText of post.text). */
  excerpt?: string;
  permalink?: string;
  /** Path of the screenshot artifact, when the capture has one. */
  screenshotPath?: string;
  mediaCount: number;
  /** Key id of the install that signed it, when that is not this install (an imported capture, kept read-only). */
  foreignKeyId?: string;
  /** What the second witness said (absent in rows written before it existed; `none` when no witness was kept). */
  witness?: WitnessListingState;
  /** Set on a re-check ("Check again"): the capture it re-checked. */
  recheckOf?: string;
  /** `profile` on a capture of an account's profile, `tile` on a grid tile kept as shown; absent for a post. */
  kind?: 'profile' | 'tile';
  /** The capture this one was made from (record.linkedFrom): its quoted post, its author's profile. */
  linkedFrom?: string;
}

/** A preserved thread: the exact thread.json bytes that were hashed and signed, and its members for lookups. */
export interface StoredThread {
  id: string;
  createdAt: string;
  platform: PlatformName;
  /** The focal post's capture. */
  focalCaptureId: string;
  memberIds: string[];
  recordBytes: Uint8Array;
  recordSha256: string;
  /** DER ECDSA signature over recordBytes. */
  signature: Uint8Array;
}

/** A list of URLs to capture (utils/lists/): its settings and state; its URLs are rows of `listItems`. */
export interface StoredList {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  status: 'running' | 'paused' | 'cancelled' | 'done' | 'interrupted';
  total: number;
  /** Tabs at once, 1 (the default) to 3. */
  concurrency: number;
  message?: string;
}

/** One URL of a list, in the list's order: its outcome once tried. */
export interface StoredListItem {
  listId: string;
  index: number;
  url: string;
  outcome: 'saved' | 'already-saved' | 'no-post' | 'not-served' | 'login-wall' | 'unsupported' | 'error' | 'pending';
  captureId?: string;
  message?: string;
  /** Set when the URL's tab was opened: a capture committed after this and not yet recorded is found again on resume. */
  startedAt?: string;
  finishedAt?: string;
}

/**
 * A row's witness state: a capture's corroboration status (or `none`), or a re-check's outcome (`unchanged`,
 * `changed`, `not-served`, `unavailable`; a first served witness on re-check lists its corroboration status).
 */
export type WitnessListingState = CorroborationStatus | 'none' | 'unchanged' | 'changed';

/** A case (an investigation): captures belong to any number of them. */
export interface CaseRecord {
  id: string;
  name: string;
  createdAt: string;
}

/** A capture's annotations, stored beside it and exported as notes.json: never part of the signed capture.json. */
export interface CaptureAnnotation {
  captureId: string;
  /** Ids of the cases the capture belongs to. */
  cases: string[];
  tags: string[];
  note: string;
  updatedAt: string;
}
