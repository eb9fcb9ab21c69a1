// Popup → content script: preserve the thread of the page's focal post (the post whose permalink is the page's URL,
// else the first post). The answer comes when the thread is kept (or has failed).
import type { ThreadCounts } from '../../model';

export const THREAD_PRESERVE = 'postproof/thread-preserve';

export interface ThreadPreserveMessage {
  type: typeof THREAD_PRESERVE;
}

export type ThreadPreserveReply =
  | { ok: true; threadId: string; members: number; failed: number; counts: ThreadCounts }
  | { ok: false; message: string };

export function isThreadPreserveMessage(message: unknown): message is ThreadPreserveMessage {
  return (message as { type?: unknown } | null)?.type === THREAD_PRESERVE;
}
