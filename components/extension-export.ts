// Binds an export to this extension: its store, its manifest version and the volume size setting. Used by the
// popup and the dashboard. Small sets are built in memory as one bundle; large ones stream to disk as volumes.
import browser from 'webextension-polyfill';
import { canvasScreenshotAnnotator as annotateScreenshot } from '../utils/evidence/annotate-canvas';
import { exportCaptures, type ExportFormat } from '../utils/export/export';
import { captureSizes, DEFAULT_VOLUME_BYTES, exportVolumes, needsVolumes } from '../utils/export/volumes';
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
    const limitBytes = exportVolumeBytes && exportVolumeBytes > 0 ? exportVolumeBytes : DEFAULT_VOLUME_BYTES;
    // A WACZ is always one file (no volumes yet).
    if (options.format === 'wacz') return exportCaptures(db, ids, { version, onProgress, signal, format: 'wacz' });
    // Read once: at 1,000 captures the records take a few hundred milliseconds to read and parse.
    const sizes = await captureSizes(db, ids);
    if (!needsVolumes(sizes, limitBytes)) return exportCaptures(db, ids, { version, onProgress, signal, annotateScreenshot });
    await removeOldExportFolder();
    // The volumes' file names say the case: the one chosen for this export, else the active one.
    const activeCase = await readActiveCaseId(browser.storage.local as unknown as KeyValueStorage);
    const caseName = options.caseName ?? (activeCase ? (await db.get('cases', activeCase))?.name : undefined);
    return exportVolumes(db, ids, { version, limitBytes, onProgress, signal, caseName, annotateScreenshot, sizes });
  };
  // A marker while it runs, so an export cut off by a closed page or browser is reported (InterruptedExports).
  return async (ids, onProgress, signal) => {
    const session = await browserSession(extensionSessionStorage()).catch(() => 'unknown');
    return underMarker(extensionLocalStorage(), { captures: ids.length, format: options.format ?? 'zip', session }, () => exportWith(ids, onProgress, signal));
  };
}
