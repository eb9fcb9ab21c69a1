// An export's progress on one 0–100 scale: by the writer's phases for a file built in memory, by bytes and files
// written for a streamed one.
import type { WriteProgress } from '../evidence/capture-source';
import type { ExportProgress } from './types';

// Reading and checking the captures is most of the work; the summaries and the ZIP share the rest.
const CAPTURES_SHARE = 85;
const SUMMARIES_SHARE = 5;

/** Maps the writer's phases onto one 0–100 scale; `count` is known here even when the writer streams. */
export function exportProgress(progress: WriteProgress, count: number): ExportProgress {
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

function megabytes(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0);
}

/**
 * Counts a streamed export's files and bytes against the planned totals. It reports when the percentage or the
 * volume moves, or a quarter second passed: one report per file would redraw the page thousands of times.
 */
export function streamProgress(totals: { files: number; bytes: number; volumes: number }, onProgress?: (progress: ExportProgress) => void) {
  let files = 0;
  let bytes = 0;
  let reported = { percent: -1, volume: 0, at: 0 };
  return {
    added(volume: number, fileBytes: number): void {
      files += 1;
      bytes += fileBytes;
      const percent = Math.min(99, Math.floor((100 * bytes) / Math.max(totals.bytes, 1)));
      const now = performance.now();
      if (percent === reported.percent && volume === reported.volume && now - reported.at < 250) return;
      reported = { percent, volume, at: now };
      onProgress?.({
        percent,
        status: `Volume ${volume} of ${totals.volumes}: ${files} of ${totals.files} files, ${megabytes(bytes)} of ${megabytes(totals.bytes)} MB…`,
        files: { done: files, total: totals.files },
        bytes: { done: bytes, total: totals.bytes },
      });
    },
    done(status: string): void {
      onProgress?.({ percent: 100, status, files: { done: totals.files, total: totals.files }, bytes: { done: totals.bytes, total: totals.bytes } });
    },
  };
}
