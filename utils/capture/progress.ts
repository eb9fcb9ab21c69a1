// Media download progress, from the background's fetch to the Preserve control on the page.
import browser from 'webextension-polyfill';
import type { CaptureProgressMessage } from './protocol';
import type { MediaProgress } from './worker/media';
import { formatMegabytes } from './worker/video';

/** Progress messages at most this often: a fast download would otherwise flood the tab. */
const PROGRESS_INTERVAL_MS = 250;

/** What the control says while media download: the bytes so far and, for one large file, its share. */
export function progressText(progress: Pick<MediaProgress, 'received' | 'fileTotal'>): string {
  const total = progress.fileTotal ? ` (file of ${formatMegabytes(progress.fileTotal)})` : '';
  return `Saving… ${formatMegabytes(progress.received)} of media fetched${total}`;
}

/** Background side: a throttled reporter that sends progress to the tab that asked for the capture. */
export function progressReporter(progressId: string, send: (message: CaptureProgressMessage) => void, now: () => number = () => Date.now()): (progress: MediaProgress) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (progress) => {
    if (now() - last < PROGRESS_INTERVAL_MS) return;
    last = now();
    send({ type: 'postproof/capture-progress', progressId, received: progress.received, ...(progress.fileTotal !== undefined ? { fileTotal: progress.fileTotal } : {}) });
  };
}

export function isProgressFor(message: unknown, progressId: string): message is CaptureProgressMessage {
  const candidate = message as Partial<CaptureProgressMessage> | null;
  return candidate?.type === 'postproof/capture-progress' && candidate.progressId === progressId;
}

/** Content side: runs `request` while passing the progress messages meant for `progressId` to `onProgress`. */
export async function withProgress<T>(progressId: string, onProgress: (progress: CaptureProgressMessage) => void, request: () => Promise<T>): Promise<T> {
  const listener = (message: unknown): undefined => {
    if (isProgressFor(message, progressId)) onProgress(message);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  try {
    return await request();
  } finally {
    browser.runtime.onMessage.removeListener(listener);
  }
}
