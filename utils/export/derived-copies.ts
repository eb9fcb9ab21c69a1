// Derived copies made ahead of export: a capture's annotated screenshot is drawn once its stamps are settled (none
// waiting), in the background, and kept in the store; an export then adds it without drawing (about 0.1–0.2 s a
// screenshot) or reading the screenshot. A copy whose strip would now read differently (a stamp came later) is
// simply drawn again at export.
import { annotatedCopy } from '../evidence/annotated-screenshot';
import { bundleStamps } from '../evidence/stamp-order';
import type { ScreenshotAnnotator } from '../evidence/capture-source';
import type { CaptureRecord } from '../model';
import { captureSource, readCaptureRows } from '../store/capture-rows';
import type { PostProofDb } from '../store/db';

export type PreparedCopy = 'kept' | 'stamps-waiting' | 'no-screenshot' | 'gone' | { problem: string };

export async function prepareAnnotatedCopy(db: PostProofDb, captureId: string, annotate: ScreenshotAnnotator): Promise<PreparedCopy> {
  const rows = await readCaptureRows(db, captureId);
  if (!rows) return 'gone';
  if (rows.stamps.some((stamp) => stamp.state === 'waiting')) return 'stamps-waiting';
  const record = JSON.parse(new TextDecoder().decode(rows.stored.recordBytes)) as CaptureRecord;
  const screenshot = record.artifacts.find((artifact) => artifact.role === 'screenshot');
  if (!screenshot) return 'no-screenshot';
  const source = captureSource(db, rows, new Map());
  const timestamps = bundleStamps(source.stamps ?? []).map((s) => s.summary);
  const outcome = await annotatedCopy(source, { record, screenshot, timestamps, annotate });
  return outcome.ok ? 'kept' : { problem: outcome.problem };
}

/**
 * For the background: draws the copies one capture at a time, in the order asked, after whatever was asked before;
 * a failure is logged and costs nothing but the copy (an export draws it then).
 */
export function copyPreparer(db: Promise<PostProofDb>, annotate: ScreenshotAnnotator): (captureId: string) => Promise<void> {
  let queue: Promise<unknown> = Promise.resolve();
  return (captureId) => {
    const next = queue.then(async () => {
      const outcome = await prepareAnnotatedCopy(await db, captureId, annotate);
      if (typeof outcome === 'object') console.warn(`PostProof: ${outcome.problem}`);
    });
    queue = next.catch((error: unknown) => console.warn('PostProof: the annotated copy could not be kept:', error));
    return queue.then(() => undefined);
  };
}
