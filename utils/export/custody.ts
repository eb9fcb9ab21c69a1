// The one way an export enters the custody log: an "exported" event on each capture of each file that left, naming
// the file and what identifies its content (the whole file's SHA-256, or a volume's signed manifest's).
import { appendCustodyEvents } from '../store/custody-log';
import type { PostProofDb } from '../store/db';

export interface ExportedFileEvent {
  captureIds: readonly string[];
  details: Record<string, unknown>;
}

export async function logExport(db: PostProofDb, files: readonly ExportedFileEvent[], now: Date): Promise<void> {
  for (const { captureIds, details } of files) await appendCustodyEvents(db, captureIds, 'exported', details, now);
}
