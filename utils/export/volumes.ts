// Large exports: the chosen captures split into numbered volumes, each a complete bundle that verifies on its own,
// streamed to Blobs made of the stored files' own Blobs (the session, session.ts, in its streamed mode).
import type { PostProofDb } from '../store/db';
import { runExport } from './session';
import type { ExportedVolumeSet, ExportOptions } from './types';

export function exportVolumes(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedVolumeSet> {
  return runExport(db, ids, { ...options, mode: 'stream' });
}
