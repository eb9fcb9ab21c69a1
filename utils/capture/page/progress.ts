// Media download progress, the page's end: the progress messages the worker sends for one capture
// (worker/progress.ts), shown on the post's Preserve control while the capture message waits for its reply.
import { formatMegabytes } from '../megabytes';
import type { CaptureProgressMessage } from '../protocol';

/** browser.runtime.onMessage, as far as progress needs it. */
export interface MessageEvents {
  addListener(listener: (message: unknown) => undefined): void;
  removeListener(listener: (message: unknown) => undefined): void;
}

/** What the control says while media download: the bytes so far and, for one large file, its share. */
export function progressText(progress: Pick<CaptureProgressMessage, 'received' | 'fileTotal'>): string {
  const total = progress.fileTotal ? ` (file of ${formatMegabytes(progress.fileTotal)})` : '';
  return `Saving… ${formatMegabytes(progress.received)} of media fetched${total}`;
}

export function isProgressFor(message: unknown, progressId: string): message is CaptureProgressMessage {
  const candidate = message as Partial<CaptureProgressMessage> | null;
  return candidate?.type === 'postproof/capture-progress' && candidate.progressId === progressId;
}

/** Runs `request` while passing the progress messages meant for `progressId` to `onProgress`. */
export async function withProgress<T>(
  messages: MessageEvents,
  progressId: string,
  onProgress: (progress: CaptureProgressMessage) => void,
  request: () => Promise<T>,
): Promise<T> {
  const listener = (message: unknown): undefined => {
    if (isProgressFor(message, progressId)) onProgress(message);
    return undefined;
  };
  messages.addListener(listener);
  try {
    return await request();
  } finally {
    messages.removeListener(listener);
  }
}
