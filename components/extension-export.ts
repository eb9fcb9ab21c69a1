// Binds an export to this extension: its store, its manifest version, the volume size setting, the active case and
// the interrupted-export marker. Used by the popup and the dashboard; the export itself is utils/export/ (one session
// that builds small sets in memory and streams large ones as volumes).
import browser from 'webextension-polyfill';
import { canvasScreenshotAnnotator as annotateScreenshot } from '../utils/evidence/annotate-canvas';
import { exportSelection, type ExportFormat } from '../utils/export/export';
import { readActiveCaseId, type KeyValueStorage } from '../utils/extension/active-case';
import { browserSession, underMarker } from '../utils/export/marker';
import { extensionLocalStorage, extensionSessionStorage } from './extension-storage';
import type { PostProofDb } from '../utils/store/db';
import type { RunExport } from './export-control';

/** Earlier builds wrote volumes to the origin-private file system; what an interrupted one left there goes. */
async function removeOldExportFolder(): Promise<void> {
  try {
    await (await navigator.storage.getDirectory()).removeEntry('postproof-exports', { recursive: true });
  } catch {
    // None there, or no origin-private file system in this browser.
  }
}

export function extensionExport(db: PostProofDb, options: { caseName?: string; format?: ExportFormat } = {}): RunExport {
  const version = browser.runtime.getManifest().version;
  const exportWith: RunExport = async (ids, onProgress, signal) => {
    const { exportVolumeBytes } = (await browser.storage.local.get('exportVolumeBytes')) as { exportVolumeBytes?: number };
    const limitBytes = exportVolumeBytes && exportVolumeBytes > 0 ? exportVolumeBytes : undefined;
    await removeOldExportFolder();
    // Streamed volumes' file names say the case: the one chosen for this export, else the active one.
    const activeCase = await readActiveCaseId(browser.storage.local as unknown as KeyValueStorage);
    const caseName = options.caseName ?? (activeCase ? (await db.get('cases', activeCase))?.name : undefined);
    const format = options.format ?? 'zip';
    return exportSelection(db, ids, { version, format, limitBytes, caseName, onProgress, signal, ...(format === 'zip' ? { annotateScreenshot } : {}) });
  };
  // A marker while it runs, so an export cut off by a closed page or browser is reported (InterruptedExports).
  return async (ids, onProgress, signal) => {
    const session = await browserSession(extensionSessionStorage()).catch(() => 'unknown');
    return underMarker(extensionLocalStorage(), { captures: ids.length, format: options.format ?? 'zip', session }, () => exportWith(ids, onProgress, signal));
  };
}
