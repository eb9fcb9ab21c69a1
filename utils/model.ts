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
  data: Uint8Array;
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
}
