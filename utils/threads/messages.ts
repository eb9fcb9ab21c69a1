// The messages that make a thread record: the content script (utils/threads/page/) captures the members one by one as
// ordinary captures, then asks the background (utils/threads/thread-background.ts) to sign and keep the thread.
import type { PlatformName, ThreadCounts, ThreadMember, ThreadRecord } from '../model';

/** A member as the page knows it: captured now (captureId), or captured earlier (only its post id: the store finds it). */
export interface ThreadMemberRequest {
  role: ThreadMember['role'];
  /** The capture made for this member now; absent for a member the store held already. */
  captureId?: string;
  postId?: string;
  url?: string;
}

/** Content script → background: sign and keep this thread. Members in page order; the focal post first of its role. */
export interface ThreadSaveMessage {
  type: 'postproof/thread-save';
  platform: PlatformName;
  page: { url: string; title: string };
  scope: ThreadRecord['scope'];
  members: ThreadMemberRequest[];
  counts: ThreadCounts;
  failed: ThreadRecord['failed'];
}

export type ThreadSaveReply = { ok: true; threadId: string } | { ok: false; message: string };

export function isThreadSaveMessage(message: unknown): message is ThreadSaveMessage {
  return (message as { type?: unknown } | null)?.type === 'postproof/thread-save';
}
