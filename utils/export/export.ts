// Exports chosen captures from the store as one signed evidence bundle, reading them one at a time.
// The writer alone, not the bundle module's index: the verifier's RFC 3161 code must not load in the popup.
import { writeBundle } from '../formats/bundle/bundle-writer';
import type { BundleCaptureSource, BundleProgress, BundleSigner, ScreenshotAnnotator } from '../formats/bundle/types';
import { signDer } from '../provenance/ecdsa';
import { sha256Hex } from '../provenance/hash';
import { getOrCreateInstallKey } from '../store/install-key';
import { softwareName } from '../extension/software';
import { captureSource, readCaptureRowsBatch } from '../store/capture-rows';
import { appendCustodyEvents } from '../store/custody-log';
import { tsaChainsById } from '../store/stamps';
import type { PostProofDb, StoredKey } from '../store/db';

/** What the UI shows while an export runs: a percentage for the progress bar and a sentence for the status line. */
export interface ExportProgress {
  percent: number;
  status: string;
  /** Files and bytes written so far and in all, where the export knows them (the volume export, utils/export/volumes.ts). */
  files?: { done: number; total: number };
  bytes?: { done: number; total: number };
}

export interface ExportOptions {
  /** The extension's version (the manifest's), written into the bundle as "PostProof x.y.z". */
  version: string;
  onProgress?: (progress: ExportProgress) => void;
  now?: Date;
  /** Cancels the export between captures: it then rejects with an AbortError and nothing is logged as exported. */
  signal?: AbortSignal;
  /** `zip` (the evidence bundle, the default) or `wacz` (utils/formats/wacz/). */
  format?: ExportFormat;
  /** Draws each screenshot's annotated copy (the ZIP bundle only; a WACZ carries none); none when absent. */
  annotateScreenshot?: ScreenshotAnnotator;
}

export type ExportFormat = 'zip' | 'wacz';

export interface ExportedBundle {
  fileName: string;
  bytes: Uint8Array;
  /** What the user must be told about this file (a WACZ: what ReplayWeb.page does and does not show). */
  notice?: string;
}

export class ExportError extends Error {
  constructor(
    readonly code: 'EXPORT_NOTHING_SELECTED' | 'EXPORT_CAPTURE_GONE',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

// Reading and checking the captures is most of the work; the summaries and the ZIP share the rest.
const CAPTURES_SHARE = 85;
const SUMMARIES_SHARE = 5;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `postproof-bundle-YYYYMMDD-HHMMSS-<n>captures.zip`, in UTC. */
export function bundleFileName(now: Date, count: number): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `postproof-bundle-${date}-${time}-${count}captures.zip`;
}

/** The install key as the bundle writer wants it: the private key stays inside `sign`. */
export function installSigner(key: StoredKey): BundleSigner {
  return { keyId: key.keyId, publicKeySpki: key.spki, sign: (data) => signDer(key.privateKey, data) };
}

/** Maps the writer's phases onto one 0–100 scale; `count` is known here even when the writer streams. */
export function exportProgress(progress: BundleProgress, count: number): ExportProgress {
  switch (progress.phase) {
    case 'captures':
      return {
        percent: Math.floor((CAPTURES_SHARE * progress.done) / Math.max(count, 1)),
        status: `Checked and added capture ${progress.done} of ${count}.`,
      };
    case 'summaries':
      return {
        percent: CAPTURES_SHARE + (progress.total > 0 ? Math.floor((SUMMARIES_SHARE * progress.done) / progress.total) : 0),
        status: 'Writing the report, the summaries and the signed manifest…',
      };
    case 'zip': {
      const rest = 100 - CAPTURES_SHARE - SUMMARIES_SHARE;
      const share = progress.total > 0 ? Math.floor((rest * progress.done) / progress.total) : 0;
      return { percent: Math.min(99, CAPTURES_SHARE + SUMMARIES_SHARE + share), status: 'Packing the ZIP file…' };
    }
  }
}

/** Captures read per transaction by an export; the next group is read while the current one is written. */
const READ_AHEAD = 16;

export async function* captureSources(db: PostProofDb, ids: readonly string[], signal?: AbortSignal): AsyncGenerator<BundleCaptureSource> {
  const cases = new Map((await db.getAll('cases')).map((row) => [row.id, row]));
  const group = (start: number) => readCaptureRowsBatch(db, ids.slice(start, start + READ_AHEAD));
  let next = ids.length > 0 ? group(0) : undefined;
  // A group read ahead and then not wanted (the export stopped) must not surface as an unhandled rejection.
  next?.catch(() => undefined);
  for (let start = 0; start < ids.length; start += READ_AHEAD) {
    const rowsOfGroup = await next!;
    next = start + READ_AHEAD < ids.length ? group(start + READ_AHEAD) : undefined;
    next?.catch(() => undefined);
    for (const [n, rows] of rowsOfGroup.entries()) {
      signal?.throwIfAborted();
      const id = ids[start + n]!;
      if (!rows) {
        throw new ExportError('EXPORT_CAPTURE_GONE', `Capture ${id} is no longer in this browser's store, so it cannot be exported. Reload the list and choose again.`);
      }
      yield captureSource(db, rows, cases);
    }
  }
}

/** What every export format's writer takes from the store: the captures, the install key, software, time, progress. */
export async function writerInput(db: PostProofDb, ids: readonly string[], options: ExportOptions, now: Date) {
  const { onProgress } = options;
  return {
    captures: captureSources(db, ids, options.signal),
    signer: installSigner(await getOrCreateInstallKey(db)),
    software: softwareName(options.version),
    now,
    onProgress: onProgress && ((progress: BundleProgress) => onProgress(exportProgress(progress, ids.length))),
    tsaChains: await tsaChainsById(db),
  };
}

export async function exportCaptures(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle> {
  if (ids.length === 0) throw new ExportError('EXPORT_NOTHING_SELECTED', 'Choose at least one capture to export.');
  if (options.format === 'wacz') return (await import('./wacz-export')).exportWacz(db, ids, options);
  const now = options.now ?? new Date();
  const { onProgress } = options;
  onProgress?.({ percent: 0, status: `Exporting ${ids.length} capture(s)…` });
  const bytes = await writeBundle({ ...(await writerInput(db, ids, options, now)), annotateScreenshot: options.annotateScreenshot });
  options.signal?.throwIfAborted();
  const fileName = bundleFileName(now, ids.length);
  // The custody log records which bundle left, by its SHA-256; the bundle itself carries the events before it.
  const bundleSha256 = await sha256Hex(bytes);
  await appendCustodyEvents(db, ids, 'exported', { bundleFile: fileName, bundleSha256, captures: ids.length }, now);
  onProgress?.({ percent: 100, status: `Bundle ready: ${fileName}` });
  return { fileName, bytes };
}
