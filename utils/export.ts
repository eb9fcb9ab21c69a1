// Exports chosen captures from the store as one signed evidence bundle, reading them one at a time.
import { writeBundle, type BundleCaptureSource, type BundleProgress, type BundleSigner } from './bundle';
import { signDer } from './provenance/ecdsa';
import { getOrCreateInstallKey } from './provenance/install-key';
import { softwareName } from './software';
import { getCapture, readArtifact } from './store/captures';
import type { PostProofDb, StoredKey } from './store/db';

/** What the UI shows while an export runs: a percentage for the progress bar and a sentence for the status line. */
export interface ExportProgress {
  percent: number;
  status: string;
}

export interface ExportOptions {
  /** The extension's version (the manifest's), written into the bundle as "PostProof x.y.z". */
  version: string;
  onProgress?: (progress: ExportProgress) => void;
  now?: Date;
}

export interface ExportedBundle {
  fileName: string;
  bytes: Uint8Array;
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

async function* captureSources(db: PostProofDb, ids: readonly string[]): AsyncGenerator<BundleCaptureSource> {
  for (const id of ids) {
    const stored = await getCapture(db, id);
    if (!stored) {
      throw new ExportError('EXPORT_CAPTURE_GONE', `Capture ${id} is no longer in this browser's store, so it cannot be exported. Reload the list and choose again.`);
    }
    yield { stored, readArtifact: (path) => readArtifact(db, id, path) };
  }
}

export async function exportCaptures(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle> {
  if (ids.length === 0) throw new ExportError('EXPORT_NOTHING_SELECTED', 'Choose at least one capture to export.');
  const now = options.now ?? new Date();
  const { onProgress } = options;
  onProgress?.({ percent: 0, status: `Exporting ${ids.length} capture(s)…` });
  const key = await getOrCreateInstallKey(db);
  const bytes = await writeBundle({
    captures: captureSources(db, ids),
    signer: installSigner(key),
    software: softwareName(options.version),
    now,
    onProgress: onProgress && ((progress) => onProgress(exportProgress(progress, ids.length))),
  });
  const fileName = bundleFileName(now, ids.length);
  onProgress?.({ percent: 100, status: `Bundle ready: ${fileName}` });
  return { fileName, bytes };
}
