// Media download progress, the worker's end: throttled progress messages to the tab that asked for the capture,
// shown on its Preserve control (page/progress.ts).
import type { CaptureProgressMessage } from '../protocol';
import type { MediaProgress } from './media';

/** Progress messages at most this often: a fast download would otherwise flood the tab. */
const PROGRESS_INTERVAL_MS = 250;

export function progressReporter(progressId: string, send: (message: CaptureProgressMessage) => void, now: () => number = () => Date.now()): (progress: MediaProgress) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (progress) => {
    if (now() - last < PROGRESS_INTERVAL_MS) return;
    last = now();
    send({ type: 'postproof/capture-progress', progressId, received: progress.received, ...(progress.fileTotal !== undefined ? { fileTotal: progress.fileTotal } : {}) });
  };
}
