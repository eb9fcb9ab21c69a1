// Binds an export to this extension: its store and its manifest version. Used by the popup and the dashboard.
import browser from 'webextension-polyfill';
import { exportCaptures } from '../utils/export';
import type { PostProofDb } from '../utils/store/db';
import type { RunExport } from './export-control';

export function extensionExport(db: PostProofDb): RunExport {
  const version = browser.runtime.getManifest().version;
  return (ids, onProgress) => exportCaptures(db, ids, { version, onProgress });
}
