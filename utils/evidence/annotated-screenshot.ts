// The derived, annotated copy of a capture's screenshot (Berkeley Protocol para. 155: URL, date and time on the
// screen capture), made once the capture's stamps are settled and kept in the store, or at export when none is kept.
// The text of its header strip, the checks on what a renderer returned, and the
// manifest's `derived[]` entry. The drawing itself is injected (annotate-canvas.ts in the browser, a fake in tests);
// the untouched screenshot stays in the bundle and is the evidence.

import type { ArtifactEntry, CaptureRecord, DerivedFileEntry } from '../model';
import type { StoredDerivedCopy } from '../store/rows';
import { sha256Hex, utf8 } from '../provenance/hash';
import { crc32 } from '../zip/crc32';
import type { StampLabel } from './stamp-order';
import { errorMessage } from '../error-message';
import { annotatedScreenshotName, captureFilePath } from './capture-layout';
import type { BundleCaptureSource, ScreenshotAnnotator } from './capture-source';

/** Longest line the strip shows; a page URL can be megabytes long (data: URLs). */
const MAX_LINE_CHARS = 2048;

/**
 * Control characters and bidirectional formatting characters (which could make a URL read differently from what it
 * is) are shown as U+FFFD; right-to-left letters themselves are kept.
 */
function stripText(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)}…` : clean;
}

/** An ISO 8601 time as the strip shows it: unchanged, followed by "UTC". */
function utc(time: string): string {
  return `${time} UTC`;
}

/** The strip's lines: capture id, URL(s), the collector's UTC time, each TSA's time and name, and what this copy is. */
export function annotationLines(record: CaptureRecord, timestamps: readonly Pick<StampLabel, 'tsa' | 'genTime'>[], screenshotPath: string): string[] {
  const lines = [`PostProof capture ${record.id}`];
  const permalink = record.post?.url;
  const page = record.page?.url;
  if (permalink) lines.push(`URL: ${permalink}`);
  if (page && page !== permalink) lines.push(`${permalink ? 'Page' : 'URL'}: ${page}`);
  lines.push(`Captured: ${utc(record.capturedAt)} (collector's clock)`);
  if (timestamps.length === 0) lines.push('Trusted timestamp (RFC 3161): none');
  for (const t of timestamps) lines.push(`Trusted timestamp (RFC 3161): ${utc(t.genTime)} by ${t.tsa}`);
  lines.push(`Copy made by PostProof with this strip added; the evidence is the untouched ${screenshotPath} in the bundle.`);
  return lines.map(stripText);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, or null when `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface AnnotationRequest {
  record: CaptureRecord;
  /** The screenshot artifact's path inside the capture folder, its bytes and SHA-256 (already checked against the record). */
  screenshotPath: string;
  screenshot: Uint8Array;
  screenshotSha256: string;
  timestamps: readonly Pick<StampLabel, 'tsa' | 'genTime'>[];
}

export type AnnotationOutcome =
  | { ok: true; name: string; png: Uint8Array; entry: DerivedFileEntry }
  | { ok: false; problem: string };

/** What was done, in words, for manifest.json: the strip's size and its exact text, so nobody has to guess. */
export function annotationMethod(meta: { width: number; height: number; stripHeight: number; derivedFrom: string }, lines: readonly string[]): string {
  return (
    `Header strip of ${meta.stripHeight} px added above the unchanged screenshot: the ${meta.width}×${meta.height} px image of ` +
    `${meta.derivedFrom} is drawn pixel for pixel (no scaling, no other change) below the strip and saved as a new PNG file. ` +
    `${meta.derivedFrom} is the evidence; this copy is a reading aid. Strip text: ${lines.map((line) => JSON.stringify(line)).join(' / ')}`
  );
}

/**
 * Runs the renderer for one capture and checks what it returned. Never throws: a failure comes back as a sentence
 * for the report, and the bundle then simply holds no annotated copy for that capture.
 */
export async function annotateCaptureScreenshot(annotate: ScreenshotAnnotator, request: AnnotationRequest): Promise<AnnotationOutcome> {
  const { record, screenshotPath, screenshot } = request;
  const name = annotatedScreenshotName(screenshotPath);
  const failed = (why: string): AnnotationOutcome => ({
    ok: false,
    problem: `No annotated copy of ${screenshotPath} was made (${why}); the untouched screenshot is in the bundle as captured.`,
  });
  if (record.artifacts.some((a) => a.path === name)) return failed(`the capture already has a file named ${name}`);
  const lines = annotationLines(record, request.timestamps, screenshotPath);
  let result;
  try {
    result = await annotate(screenshot, lines);
  } catch (error) {
    return failed(errorMessage(error));
  }
  const out = pngSize(result.png);
  const original = pngSize(screenshot);
  if (!out) return failed('the drawing is not a PNG image');
  if (!(result.stripHeight > 0) || out.width !== result.width || out.height !== result.height + result.stripHeight) {
    return failed('the drawing does not have the size of the screenshot plus the strip');
  }
  if (original && (original.width !== result.width || original.height !== result.height)) {
    return failed('the drawing does not have the size of the screenshot');
  }
  const derivedFrom = captureFilePath(record.id, screenshotPath);
  return {
    ok: true,
    name,
    png: result.png,
    entry: {
      path: captureFilePath(record.id, name),
      derivedFrom,
      derivedFromSha256: request.screenshotSha256,
      method: annotationMethod({ width: result.width, height: result.height, stripHeight: result.stripHeight, derivedFrom }, lines),
    },
  };
}

/** What a kept copy must match to be used: the exact strip text and the SHA-256 of the screenshot it was drawn from. */
export function annotationFingerprint(lines: readonly string[], screenshotSha256: string): Promise<string> {
  return sha256Hex(utf8(JSON.stringify({ lines, screenshotSha256 })));
}

export type AnnotatedCopyOutcome =
  | { ok: true; copy: StoredDerivedCopy; /** The PNG's bytes when it was drawn now (not read from the store). */ png?: Uint8Array }
  | { ok: false; problem: string };

/**
 * The annotated copy of a capture's screenshot: the one kept in the store when its fingerprint still matches (no
 * bytes read, nothing drawn), else drawn now from the screenshot (read and checked against the signed hash) and
 * offered back to the store through `source.keepDerivedCopy`.
 */
export async function annotatedCopy(
  source: Pick<BundleCaptureSource, 'readArtifact' | 'derivedCopy' | 'keepDerivedCopy'>,
  request: { record: CaptureRecord; screenshot: ArtifactEntry; timestamps: readonly Pick<StampLabel, 'tsa' | 'genTime'>[]; annotate: ScreenshotAnnotator },
): Promise<AnnotatedCopyOutcome> {
  const { record, screenshot, timestamps, annotate } = request;
  const name = annotatedScreenshotName(screenshot.path);
  const fingerprint = await annotationFingerprint(annotationLines(record, timestamps, screenshot.path), screenshot.sha256);
  const kept = await source.derivedCopy?.(name).catch(() => undefined);
  if (kept && kept.fingerprint === fingerprint && kept.data.size === kept.bytes) return { ok: true, copy: kept };
  let bytes: Uint8Array;
  try {
    bytes = await source.readArtifact(screenshot.path);
  } catch (error) {
    return { ok: false, problem: `No annotated copy of ${screenshot.path} was made (it could not be read: ${errorMessage(error)}).` };
  }
  if (bytes.length !== screenshot.bytes || (await sha256Hex(bytes)) !== screenshot.sha256) {
    return { ok: false, problem: `No annotated copy of ${screenshot.path} was made (the stored screenshot no longer matches its signed hash).` };
  }
  const outcome = await annotateCaptureScreenshot(annotate, { record, screenshotPath: screenshot.path, screenshot: bytes, screenshotSha256: screenshot.sha256, timestamps });
  if (!outcome.ok) return outcome;
  const copy: StoredDerivedCopy = {
    captureId: record.id,
    path: name,
    fingerprint,
    data: new Blob([outcome.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    bytes: outcome.png.length,
    sha256: await sha256Hex(outcome.png),
    crc32: crc32(outcome.png),
    entry: outcome.entry,
  };
  await source.keepDerivedCopy?.(copy).catch(() => undefined);
  return { ok: true, copy, png: outcome.png };
}
