// One row per capture, read from its signed record: the shared source of report.html, captures.csv and captures.jsonl.

import type { ArtifactEntry, CaptureNotes, CaptureRecord, MissingEntry } from '../model';

export interface CaptureSummary {
  id: string;
  sequence: number;
  capturedAt: string;
  serverDate?: string;
  platform: string;
  authorName?: string;
  authorHandle?: string;
  permalink?: string;
  postedAt?: string;
  text?: string;
  lang?: string;
  pageUrl: string;
  captureSha256: string;
  keyId: string;
  artifacts: ArtifactEntry[];
  missing: MissingEntry[];
  /** RFC 3161 tokens in the bundle for this capture, earliest first (`file` relative to the capture's folder). */
  timestamps: { tsaId: string; tsa: string; genTime: string; file: string }[];
  /** The capture's custody events, in order. */
  custody: { event: string; at: string }[];
  /** The collector's annotations (notes.json), when the capture has any: not part of the signed record. */
  notes?: CaptureNotes;
  /** The screenshot's annotated copy (relative to the capture's folder): derived, not evidence. */
  annotatedScreenshot?: string;
  /** Why the annotated copy could not be made, when it was asked for and failed. */
  annotatedScreenshotProblem?: string;
}

export function summarizeCapture(
  record: CaptureRecord,
  captureSha256: string,
  extras: Pick<CaptureSummary, 'timestamps' | 'custody' | 'notes'> = { timestamps: [], custody: [] },
): CaptureSummary {
  return {
    id: record.id,
    sequence: record.sequence,
    capturedAt: record.capturedAt,
    serverDate: record.clock.serverDate,
    platform: record.post.platform,
    authorName: record.post.author?.name,
    authorHandle: record.post.author?.handle,
    permalink: record.post.url,
    postedAt: record.post.postedAt,
    text: record.post.text,
    lang: record.post.lang,
    pageUrl: record.page.url,
    captureSha256,
    keyId: record.signer.keyId,
    artifacts: record.artifacts,
    missing: record.missing,
    timestamps: extras.timestamps,
    custody: extras.custody,
    ...(extras.notes ? { notes: extras.notes } : {}),
  };
}

/** "Name (@handle)", or whichever part is known. */
export function authorLabel(name: string | undefined, handle: string | undefined): string | undefined {
  if (name && handle) return `${name} (@${handle.replace(/^@/, '')})`;
  return name ?? (handle ? `@${handle.replace(/^@/, '')}` : undefined);
}

/** captures.jsonl: one JSON object per line, the summary as is. */
export function capturesJsonl(summaries: readonly CaptureSummary[]): string {
  return summaries.map((summary) => `${JSON.stringify(summary)}\n`).join('');
}
