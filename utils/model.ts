// The PostProof data model, declared once: every layer (adapters, capture, store, bundle, UI) uses these types.

export const CAPTURE_FORMAT = 'postproof-capture/1';
export const BUNDLE_FORMAT = 'postproof-bundle/1';
export const SIGNATURE_ALGORITHM = 'ECDSA-P384-SHA256';

/** A platform's name as written in `post.platform`. `generic` marks a post read without a platform adapter. */
export type PlatformName =
  | 'x'
  | 'bluesky'
  | 'mastodon'
  | 'telegram'
  | 'facebook'
  | 'instagram'
  | 'reddit'
  | 'youtube'
  | 'tiktok'
  | 'generic';

export interface PostAuthor {
  name?: string;
  handle?: string;
  id?: string;
  url?: string;
}

/** What an adapter read from a post on the page. Unknown fields stay absent, never invented. */
export interface PostRecord {
  platform: PlatformName;
  id?: string;
  url?: string;
  author?: PostAuthor;
  postedAt?: string;
  /** How `postedAt` was read: from a machine-readable attribute, or parsed from visible text. */
  postedAtSource?: 'attribute' | 'json' | 'text';
  text?: string;
  lang?: string;
  inReplyTo?: string;
  quoted?: string;
  metrics?: Record<string, number>;
  /** Media the post shows, at the best resolution the platform serves. */
  media?: MediaRef[];
  /** Required fields the adapter could not find (layout changed). */
  missingFields?: string[];
}

export interface MediaRef {
  kind: 'photo' | 'video' | 'video-poster' | 'card-image' | 'gif';
  url: string;
}

export type ArtifactRole = 'dom-snapshot' | 'screenshot' | 'media' | 'page-mhtml';

export interface ArtifactEntry {
  path: string;
  role: ArtifactRole;
  mediaType: string;
  bytes: number;
  sha256: string;
  sourceUrl?: string;
  httpStatus?: number;
  httpDate?: string;
  /** What a reader needs to use the file: e.g. how an HLS stream's kept segments join into one video. */
  note?: string;
  /**
   * Set on the file fetched first for a video the page played from a blob: URL: where its URL was found.
   * `resource-timing`: among the page's Resource Timing entries, tied to the post by its platform's rule (docs/automation.md).
   */
  discoveredFrom?: 'resource-timing';
}

export interface MissingEntry {
  role: ArtifactRole;
  sourceUrl?: string;
  reason: string;
}

export interface Environment {
  software: string;
  userAgent: string;
  viewport: { width: number; height: number; devicePixelRatio: number };
  locale: string;
}

export interface Collector {
  name?: string;
  organization?: string;
  persona?: string;
}

export interface Signer {
  algorithm: typeof SIGNATURE_ALGORITHM;
  keyId: string;
}

/** capture.json: written once, hashed and signed as these exact bytes, never rewritten. */
export interface CaptureRecord {
  format: typeof CAPTURE_FORMAT;
  id: string;
  sequence: number;
  previousCaptureSha256: string | null;
  capturedAt: string;
  clock: { timeZone: string; serverDate?: string };
  page: { url: string; title: string };
  post: PostRecord;
  artifacts: ArtifactEntry[];
  missing: MissingEntry[];
  environment: Environment;
  collector?: Collector;
  signer: Signer;
}

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

/** What the content script sends to the background when the user clicks Preserve. */
export interface CaptureRequest {
  post: PostRecord;
  /** Script-free HTML snapshot of the post. */
  snapshotHtml: string;
  /** The post's rectangle in CSS pixels, relative to the viewport, at the time of the request. */
  rect: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number; devicePixelRatio: number };
  page: { url: string; title: string };
  locale: string;
  timeZone: string;
  userAgent: string;
  /** For each blob: video of the post: the stream its player loaded, when tied to it (utils/capture/page/streams.ts). */
  streams?: StreamLead[];
}

/** What the content script found behind a blob: video of the post, read from the page's Resource Timing entries. */
export interface StreamLead {
  /** The video's blob: URL, as in post.media. */
  mediaUrl: string;
  /** The stream URL the platform's rule tied to this video; absent when none could be tied. */
  streamUrl?: string;
  /** How many stream URLs the page loaded that could not be tied to this video (none is taken then). */
  untied: number;
}

export type CaptureResponse =
  | { ok: true; captureId: string; missing: MissingEntry[] }
  | { ok: false; code: string; message: string };

/** manifest.json of an evidence bundle. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  software: string;
  signer: { algorithm: typeof SIGNATURE_ALGORITHM; keyId: string; publicKeyFile: string };
  captures: string[];
  files: { path: string; bytes: number; sha256: string }[];
  /** Files made at export from a file of the bundle (docs/automation.md); absent when there are none. */
  derived?: DerivedFileEntry[];
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

/** A derived file: which bundle file it was made from (path and SHA-256) and, in words, what was done to it. */
export interface DerivedFileEntry {
  path: string;
  derivedFrom: string;
  derivedFromSha256: string;
  method: string;
}

/** A timestamp authority (RFC 3161) the user chose: a preset or their own URL. `id` names its files in a bundle. */
export interface TsaEndpoint {
  id: string;
  name: string;
  url: string;
}

/** What the user chose in the options page; nothing is sent to a timestamp authority until `enabled` is set. */
export interface Settings {
  timestamping: { enabled: boolean; presets: string[]; customUrl?: string };
  collector?: Collector;
  /** Also keep the whole page of each capture as page.mhtml (chrome.pageCapture, an optional permission). Off when absent. */
  pageMhtml?: boolean;
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

export type CustodyEventType = 'captured' | 'timestamped' | 'annotated' | 'exported' | 'verified';

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
}

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

/** notes.json of a capture in a bundle (and its cases, tags and note columns in captures.csv): case names, not ids. */
export interface CaptureNotes {
  cases?: string[];
  tags?: string[];
  note?: string;
  updatedAt?: string;
}
