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
  /**
   * `profile`: a capture of an account's profile; `tile`: a tile of a profile grid kept as it is shown (thumbnail and
   * link, not the post itself); absent: a post.
   */
  kind?: 'post' | 'profile' | 'tile';
  /** The account's profile as shown, on a capture of kind `profile`. */
  profile?: ProfileFields;
  /** Other posts this post shows or answers: quoted, reposted, forwarded, replied to (each as the page names it). */
  links?: PostLink[];
  metrics?: Record<string, number>;
  /** Media the post shows, at the best resolution the platform serves. */
  media?: MediaRef[];
  /** Required fields the adapter could not find (layout changed). */
  missingFields?: string[];
}

/** A post another post shows or answers, as the page names it: never fetched, only recorded. */
export interface PostLink {
  kind: 'quote' | 'repost' | 'forward' | 'reply-to';
  platform: PlatformName;
  id?: string;
  url?: string;
  author?: PostAuthor;
}

/** An account's profile as its page shows it: counts are kept as the words shown ("1.2K"), not guessed numbers. */
export interface ProfileFields {
  bio?: string;
  /** E.g. { followers: "1,234", following: "56", posts: "789" }: the platform's own words and numbers. */
  counts?: Record<string, string>;
  joined?: string;
  verified?: string[];
  avatarUrl?: string;
  bannerUrl?: string;
  location?: string;
  website?: string;
}

export interface MediaRef {
  kind: 'photo' | 'video' | 'video-poster' | 'card-image' | 'gif';
  url: string;
}

export type ArtifactRole = 'dom-snapshot' | 'screenshot' | 'media' | 'page-mhtml' | 'second-witness';

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
  /**
   * A second-witness response: the headers that matter, as the platform sent them, lower-case names (`date`, `etag`,
   * `last-modified`, `content-type`). The body is the file itself; `httpStatus` its status line's code.
   */
  httpHeaders?: Record<string, string>;
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
  /** The platform's own public record of the post, fetched at capture and compared with the page (utils/witness/). */
  corroboration?: Corroboration;
  /** Set on a re-check ("Check again"): a record holding only a new witness of an earlier capture's post. */
  recheck?: Recheck;
  /**
   * The earlier capture this one was made from, and how (its quoted post, its author's profile, a thread member): the
   * record names it with its capture.json SHA-256, so the link back is signed; the link forward is the store's index.
   */
  linkedFrom?: CaptureLink;
  signer: Signer;
}

/** The kinds of link a capture can be made from: a post link's kind, or `profile-of` (the author's profile). */
export const CAPTURE_LINK_KINDS = ['quote', 'repost', 'forward', 'reply-to', 'profile-of'] as const;

export interface CaptureLink {
  captureId: string;
  captureSha256: string;
  kind: PostLink['kind'] | 'profile-of';
}

export const THREAD_FORMAT = 'postproof-thread/1';

/**
 * threads/<id>/thread.json: one thread as preserved, signed by the install key like a capture record (thread.json.sig).
 * Members are ordinary captures, listed in page order with the SHA-256 of each capture.json, so the thread binds the
 * exact records; counts are the platform's own numbers beside what the page showed and what was captured.
 */
export interface ThreadRecord {
  format: typeof THREAD_FORMAT;
  id: string;
  createdAt: string;
  platform: PlatformName;
  page: { url: string; title: string };
  /** What was asked for: the author's own thread, and replies up to a limit (0: none). */
  scope: { authorThread: boolean; replyLimit: number };
  members: ThreadMember[];
  counts: ThreadCounts;
  /** Members that could not be captured, with the reason (the thread is kept all the same). */
  failed: { postId?: string; url?: string; role: ThreadMember['role']; reason: string }[];
  software: string;
  signer: Signer;
}

export interface ThreadMember {
  captureId: string;
  captureSha256: string;
  role: 'focal' | 'author-thread' | 'reply';
  postId?: string;
  url?: string;
  /** Captured before this thread (the same post already in the store): the earlier capture is listed, not repeated. */
  earlier?: boolean;
}

export interface ThreadCounts {
  /** Replies the platform says the focal post has, as a number; null when the page shows no count. */
  repliesCounted: number | null;
  /** Replies the page showed once expanded and scrolled (up to the limit asked). */
  repliesShown: number;
  repliesCaptured: number;
  /** The author's own posts of the thread shown on the page, the focal one included. */
  authorPostsShown: number;
  authorPostsCaptured: number;
}

/**
 * What a re-check found, against the witness kept at the first capture: `unchanged`, `changed` (which fields),
 * `not-served` (deleted, suspended, gone, login wall), `unavailable` (no answer), or `first-witness` (the first
 * capture kept no served witness to compare with).
 */
export type RecheckOutcome = 'unchanged' | 'changed' | 'not-served' | 'unavailable' | 'first-witness';

export interface Recheck {
  /** The capture re-checked, and the SHA-256 of its capture.json. */
  of: string;
  ofSha256: string;
  outcome: RecheckOutcome;
  /** The fields whose witness value changed since the first capture's witness. */
  changed: WitnessFieldName[];
}

/** Each field compared between the page and the witness: what each said, when one of them said it. */
export type WitnessFieldName = 'authorId' | 'authorHandle' | 'postId' | 'text' | 'postedAt' | 'mediaCount' | 'mediaIds';
export type FieldVerdict = 'agrees' | 'differs' | 'not-in-witness' | 'not-on-page';
export interface CorroboratedField {
  field: WitnessFieldName;
  verdict: FieldVerdict;
  page?: string;
  witness?: string;
}

/** `agrees`: every field both hold agrees; `differs`: one does not; `not-served`: the platform no longer serves the post (404, 410, deleted, suspended, login wall); `unavailable`: no answer could be read (network, shape). */
export type CorroborationStatus = 'agrees' | 'differs' | 'not-served' | 'unavailable';

/** What a cryptographic proof in the witness showed (Bluesky: the repository commit signed by the author's key). */
export interface WitnessProof {
  kind: 'atproto-commit';
  verified: boolean;
  /** What was checked, or why it failed, in words. */
  detail: string;
  did?: string;
  /** The DID document's signing key (did:key form) the commit signature was checked with. */
  signingKey?: string;
  commitCid?: string;
  recordCid?: string;
  rev?: string;
}

export interface Corroboration {
  /** Which source answered (utils/witness/sources/): e.g. `bluesky-atproto`, `mastodon-status-api`. */
  source: string;
  fetchedAt: string;
  status: CorroborationStatus;
  /** Why not served or unavailable, in words. */
  reason?: string;
  fields: CorroboratedField[];
  proof?: WitnessProof;
  /** The witness files (paths in artifacts, role second-witness) in the order they were fetched. */
  files: string[];
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
  /**
   * The earlier capture this one is asked from (its quoted post, its author's profile): the background looks the
   * capture up in its own store and signs its capture.json SHA-256 into the record's `linkedFrom`; a hash sent by the
   * page is never taken.
   */
  linkedFrom?: Omit<CaptureLink, 'captureSha256'>;
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
  /** Fetch the platform's own public record of each post at capture (optional host permissions). Off when absent. */
  witness?: boolean;
}

export type CustodyEventType = 'captured' | 'timestamped' | 'annotated' | 'exported' | 'verified' | 'rechecked' | 'pushed' | 'threaded';

/** notes.json of a capture in a bundle (and its cases, tags and note columns in captures.csv): case names, not ids. */
export interface CaptureNotes {
  cases?: string[];
  tags?: string[];
  note?: string;
  updatedAt?: string;
}
