// The export's entry points: one file built in memory (`exportCaptures`), or whatever the set needs
// (`exportSelection`: in memory when small, streamed as volumes when large), both one session (session.ts).
import type { PostProofDb } from '../store/db';
import { runExport } from './session';
import type { ExportedBundle, ExportedVolumeSet, ExportOptions } from './types';

export { ExportError } from './errors';
export type { ExportedBundle, ExportedVolume, ExportedVolumeSet, ExportFormat, ExportOptions, ExportProgress } from './types';

/** One bundle or WACZ, in memory. */
export function exportCaptures(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle> {
  return runExport(db, ids, { ...options, mode: 'memory' });
}

/** One bundle in memory when the set is small; volumes streamed to Blobs when it is large or needs several. */
export function exportSelection(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle | ExportedVolumeSet> {
  return runExport(db, ids, { ...options, mode: 'auto' });
}
