// The thread's settings, read from browser.storage.local as each thread starts: the most replies to take
// (`threadReplyLimit`, set in the options page beside the batch limits), and the batch's pace and limit, which the
// thread follows (a thread is a batch of one post's context).
import { batchSettingsFrom } from '../../batch/state';

export const THREAD_REPLY_LIMIT_KEY = 'threadReplyLimit';
export const DEFAULT_THREAD_REPLY_LIMIT = 100;
export const MAX_THREAD_REPLY_LIMIT = 10_000;

export interface ThreadSettings {
  /** Most replies per thread; 0: the author's thread only. */
  replyLimit: number;
  /** Most posts of the author's thread (the batch limit): a channel's history has no end. */
  authorLimit: number;
  paceMs: [number, number];
}

/** A stored limit, if it is a whole number from 0 to the maximum; else the default. */
export function threadReplyLimitFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_THREAD_REPLY_LIMIT ? value : DEFAULT_THREAD_REPLY_LIMIT;
}

export function threadSettingsFrom(stored: Record<string, unknown>): ThreadSettings {
  const batch = batchSettingsFrom(stored);
  return { replyLimit: threadReplyLimitFrom(stored[THREAD_REPLY_LIMIT_KEY]), authorLimit: batch.limit, paceMs: batch.paceMs };
}

export const THREAD_SETTING_KEYS = [THREAD_REPLY_LIMIT_KEY, 'batchLimit', 'batchPaceMs'];
