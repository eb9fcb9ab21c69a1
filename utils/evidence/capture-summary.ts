// One row per capture, the shared source of report.html, captures.csv, captures.jsonl and VERIFY.txt. Every field is
// made from what the bundle itself holds (the signed record, its tokens, custody.jsonl, notes.json, the manifest's
// derived files) by the one function below, so the verifier can make the same rows again and require the readable
// files to match them byte for byte. The few words that are the exporter's own (an authority's label and where to
// get its root, why an annotated copy is missing) are carried as such.

import type { VerifiedCaptureSummary, VerifiedTimestamp } from './verify-types';
import type { ArtifactEntry, CaptureNotes, CaptureRecord, Corroboration, MissingEntry, Recheck } from '../model';

/** The root a token's chain ends in, read from the certificates the bundle carries. */
export interface StampRoot {
  subject: string;
  sha256: string;
  /** Where a person gets this root from the authority itself (the exporter's words: the URL of a preset's root). */
  obtainFrom?: string;
}

export interface SummaryTimestamp {
  /** The token's file, relative to the capture's folder. */
  file: string;
  /** The exporter's id of the authority: its certificates are tsa/<tsaId>.pem. */
  tsaId: string;
  /** The exporter's name for the authority ("DigiCert", or the host of a custom one). */
  tsa: string;
  /** Subject of the certificate that signed the token, as the token gives it. */
  signer: string;
  /** The authority's time, from the token. */
  genTime: string;
  /** The top of the token's chain, or null when the bundle's certificates do not reach a root. */
  root: StampRoot | null;
}

export interface CaptureSummary {
  id: string;
  sequence: number;
  capturedAt: string;
  serverDate?: string;
  platform: string;
  /** What was captured when it is not a post: an account's profile, or a grid tile kept as shown (not the post). */
  kind?: 'profile' | 'tile';
  authorName?: string;
  authorHandle?: string;
  permalink?: string;
  postedAt?: string;
  text?: string;
  lang?: string;
  pageUrl: string;
  captureSha256: string;
  /** Fingerprint of the key that signed the record (another install's, for an imported capture). */
  keyId: string;
  artifacts: ArtifactEntry[];
  missing: MissingEntry[];
  /** The second witness's corroboration block, as signed in the record. */
  corroboration?: Corroboration;
  /** Set on a re-check: the capture it re-checked and what it found. */
  recheck?: Recheck;
  /** RFC 3161 tokens in the bundle for this capture, in file order (capture.json.tsr first). */
  timestamps: SummaryTimestamp[];
  /** The capture's custody events, in order. */
  custody: { event: string; at: string }[];
  /** The collector's annotations (notes.json), when the capture has any: not part of the signed record. */
  notes?: CaptureNotes;
  /** The screenshot's annotated copy (relative to the capture's folder): derived, not evidence. */
  annotatedScreenshot?: string;
  /** The exporter's words on why the annotated copy could not be made. */
  annotatedScreenshotProblem?: string;
}

/** What the bundle holds about one capture, besides its files. */
export interface CaptureFacts {
  record: CaptureRecord;
  recordSha256: string;
  timestamps: SummaryTimestamp[];
  custody: { event: string; at: string }[];
  notes?: CaptureNotes;
  annotatedScreenshot?: string;
  annotatedScreenshotProblem?: string;
}

/** The row, with its fields in one fixed order: captures.jsonl is this object as JSON, so the order is part of it. */
export function summarizeCapture(facts: CaptureFacts): CaptureSummary {
  const { record } = facts;
  const post = record.post;
  return {
    id: record.id,
    sequence: record.sequence,
    capturedAt: record.capturedAt,
    ...(record.clock?.serverDate !== undefined ? { serverDate: record.clock.serverDate } : {}),
    platform: post.platform,
    ...(post.kind === 'profile' || post.kind === 'tile' ? { kind: post.kind } : {}),
    ...(post.author?.name !== undefined ? { authorName: post.author.name } : {}),
    ...(post.author?.handle !== undefined ? { authorHandle: post.author.handle } : {}),
    ...(post.url !== undefined ? { permalink: post.url } : {}),
    ...(post.postedAt !== undefined ? { postedAt: post.postedAt } : {}),
    ...(post.text !== undefined ? { text: post.text } : {}),
    ...(post.lang !== undefined ? { lang: post.lang } : {}),
    pageUrl: record.page.url,
    captureSha256: facts.recordSha256,
    keyId: record.signer.keyId,
    artifacts: record.artifacts,
    missing: record.missing,
    ...(record.corroboration !== undefined ? { corroboration: record.corroboration } : {}),
    ...(record.recheck !== undefined ? { recheck: record.recheck } : {}),
    timestamps: facts.timestamps,
    custody: facts.custody,
    ...(facts.notes ? { notes: facts.notes } : {}),
    ...(facts.annotatedScreenshot ? { annotatedScreenshot: facts.annotatedScreenshot } : {}),
    ...(facts.annotatedScreenshotProblem ? { annotatedScreenshotProblem: facts.annotatedScreenshotProblem } : {}),
  };
}

/** "Name (@handle)", or whichever part is known. */
export function authorLabel(name: string | undefined, handle: string | undefined): string | undefined {
  if (name && handle) return `${name} (@${handle.replace(/^@/, '')})`;
  return name ?? (handle ? `@${handle.replace(/^@/, '')}` : undefined);
}

/** A verified capture as a report lists it (both formats): who, where, when, its anchored tokens and its key. */
export function verifiedCaptureSummary(record: CaptureRecord, keyId: string | undefined, stamps: readonly { verified?: VerifiedTimestamp }[]): VerifiedCaptureSummary {
  return {
    id: record.id,
    author: authorLabel(record.post?.author?.name, record.post?.author?.handle),
    permalink: record.post?.url,
    capturedAt: record.capturedAt,
    ...(record.clock?.serverDate ? { serverDate: record.clock.serverDate } : {}),
    timestamps: stamps.flatMap((stamp) => (stamp.verified ? [stamp.verified] : [])),
    ...(keyId ? { keyId } : {}),
  };
}

/** captures.jsonl: one JSON object per line, the summary as is. */
export function capturesJsonl(summaries: readonly CaptureSummary[]): string {
  return summaries.map((summary) => `${JSON.stringify(summary)}\n`).join('');
}
