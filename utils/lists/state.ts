// Capture from a list: the pure part. A list and its items as the store keeps them (utils/store/rows.ts StoredList,
// StoredListItem), and every change the queue makes to them, decided here from plain values so each rule is tested
// without a browser: what is settled before a tab is opened (not a web address, unsupported site, duplicate), what a
// page's answer becomes (and the resume rule for a capture made before a kill), pause/resume/cancel, progress, CSV.
import type { StoredList, StoredListItem } from '../store/rows';
import { duplicateKey, LIST_MAX_URLS, webUrl } from './parse';

export type ListOutcome = StoredListItem['outcome'];
export type ListStatus = StoredList['status'];

export const LIST_OUTCOMES: readonly ListOutcome[] = ['saved', 'already-saved', 'no-post', 'not-served', 'login-wall', 'unsupported', 'error', 'pending'];
export const MAX_LIST_CONCURRENCY = 3;

export function clampConcurrency(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : 1;
  return Math.min(MAX_LIST_CONCURRENCY, Math.max(1, n));
}

/** A new list, running, and its items, all pending, in the order given. Throws (with a message for the user) past the limit. */
export function newList(id: string, name: string, urls: readonly string[], concurrency: unknown, now: Date): { list: StoredList; items: StoredListItem[] } {
  if (urls.length === 0) throw new Error('The list holds no URL.');
  if (urls.length > LIST_MAX_URLS) {
    throw new Error(`The list holds ${urls.length.toLocaleString('en')} URLs; PostProof takes up to ${LIST_MAX_URLS.toLocaleString('en')} at once. Split it into parts: nothing was started.`);
  }
  const at = now.toISOString();
  return {
    list: { id, name: name.trim() || `List of ${at.slice(0, 16).replace('T', ' ')}`, createdAt: at, updatedAt: at, status: 'running', total: urls.length, concurrency: clampConcurrency(concurrency) },
    items: urls.map((url, index) => ({ listId: id, index, url: String(url).trim(), outcome: 'pending' })),
  };
}

/** What the queue knows before opening a tab: is the host one PostProof reads? */
export type SupportCheck = (url: URL) => boolean;

/**
 * An item settled without opening a tab, or undefined when it must be opened: not a web address → `error`; a host no
 * adapter reads → `unsupported`; the same page as an earlier URL of the list → `already-saved`, with the earlier one's
 * capture when it has one (else it is filled in when that one ends: `duplicatesOf`).
 */
export function settleBeforeOpening(item: StoredListItem, items: readonly StoredListItem[], supported: SupportCheck): Pick<StoredListItem, 'outcome' | 'message' | 'captureId'> | undefined {
  const url = webUrl(item.url);
  if (!url) return { outcome: 'error', message: 'Not a web address (http:// or https://): nothing was opened.' };
  if (!supported(url)) return { outcome: 'unsupported', message: `PostProof does not read posts on ${url.hostname}: nothing was opened.` };
  const first = firstWithSameKey(item, items);
  if (first) {
    const same = `Same page as URL ${first.index + 1} of this list`;
    // The earlier URL found no post to save (not served, login wall…): this one shares its outcome, not "saved".
    if (first.outcome !== 'saved' && first.outcome !== 'already-saved' && first.outcome !== 'pending') {
      return { outcome: first.outcome, message: first.message ? `${same}: ${first.message}` : `${same}.` };
    }
    return { outcome: 'already-saved', message: `${same}.`, ...(first.captureId ? { captureId: first.captureId } : {}) };
  }
  return undefined;
}

/** The earlier item of the list with the same page as `item`, if any. */
export function firstWithSameKey(item: StoredListItem, items: readonly StoredListItem[]): StoredListItem | undefined {
  const key = duplicateKey(item.url);
  for (const other of items) {
    if (other.index >= item.index) return undefined;
    if (webUrl(other.url) && duplicateKey(other.url) === key) return other;
  }
  return undefined;
}

/** The later items of the list that repeat `item`'s page: they get its capture once it has one. */
export function duplicatesOf(item: StoredListItem, items: readonly StoredListItem[]): StoredListItem[] {
  const key = duplicateKey(item.url);
  return items.filter((other) => other.index > item.index && other.outcome === 'already-saved' && !other.captureId && duplicateKey(other.url) === key);
}

/** The page's answer, as the content script sends it (utils/lists/messages.ts ListCaptureReply). */
export interface PageReply {
  outcome: ListOutcome;
  captureId?: string;
  message?: string;
  postKey?: string;
}

/** A capture the store holds of the page's post: its id and when it was made. */
export interface StoredPost {
  captureId: string;
  capturedAt: string;
}

/**
 * The item once its page answered. The resume rule: a URL tried again after the worker or browser stopped (its
 * `startedAt` set by the earlier try) whose post the store already holds with `capturedAt` ≥ that `startedAt` was
 * captured by this list before the stop: it is `saved` with that capture, not `already-saved`, and not captured twice.
 */
export function settleFromReply(item: StoredListItem, reply: PageReply | undefined, stored: StoredPost | undefined, resumed: boolean, now: Date): StoredListItem {
  const finishedAt = now.toISOString();
  const base: StoredListItem = { listId: item.listId, index: item.index, url: item.url, outcome: 'error', ...(item.startedAt ? { startedAt: item.startedAt } : {}), finishedAt };
  if (!reply || !LIST_OUTCOMES.includes(reply.outcome) || reply.outcome === 'pending') {
    return { ...base, outcome: 'error', message: reply?.message ?? 'The page gave no answer PostProof understands.' };
  }
  if (reply.outcome === 'already-saved') {
    const captureId = stored?.captureId ?? reply.captureId;
    const ours = resumed && stored && item.startedAt !== undefined && stored.capturedAt >= item.startedAt;
    if (ours) return { ...base, outcome: 'saved', captureId: stored.captureId, message: 'Saved before PostProof was stopped; found again on resuming (not captured twice).' };
    return { ...base, outcome: 'already-saved', ...(captureId ? { captureId } : {}), message: reply.message ?? 'This post was saved before: not captured again.' };
  }
  if (reply.outcome === 'saved' && !reply.captureId) return { ...base, outcome: 'error', message: 'The page said it saved the post but named no capture.' };
  return { ...base, outcome: reply.outcome, ...(reply.captureId ? { captureId: reply.captureId } : {}), ...(reply.message ? { message: reply.message } : {}) };
}

/** The next items to open: pending, not in flight, lowest index first. */
export function nextPending(items: readonly StoredListItem[], inFlight: ReadonlySet<number>, count = 1): StoredListItem[] {
  const found: StoredListItem[] = [];
  for (const item of items) {
    if (item.outcome === 'pending' && !inFlight.has(item.index)) {
      found.push(item);
      if (found.length >= count) break;
    }
  }
  return found;
}

export type ListAction = 'pause' | 'resume' | 'cancel';

/** The list after the user's action; undefined when the action does nothing in this state. */
export function afterAction(list: StoredList, action: ListAction, now: Date): StoredList | undefined {
  const at = now.toISOString();
  switch (action) {
    case 'pause':
      return list.status === 'running' ? { ...list, status: 'paused', updatedAt: at, message: '' } : undefined;
    case 'resume':
      return list.status === 'paused' || list.status === 'interrupted' ? { ...list, status: 'running', updatedAt: at, message: '' } : undefined;
    case 'cancel':
      return list.status === 'running' || list.status === 'paused' || list.status === 'interrupted' ? { ...list, status: 'cancelled', updatedAt: at } : undefined;
  }
}

export type ListCounts = Record<ListOutcome, number>;

export function countOutcomes(items: readonly Pick<StoredListItem, 'outcome'>[]): ListCounts {
  const counts = Object.fromEntries(LIST_OUTCOMES.map((o) => [o, 0])) as ListCounts;
  for (const item of items) counts[item.outcome]++;
  return counts;
}

/** Percent of the list's URLs that have an outcome. */
export function listPercent(counts: ListCounts, total: number): number {
  return total > 0 ? Math.floor((100 * (total - counts.pending)) / total) : 0;
}

// ---------------------------------------------------------------- CSV export

export const OUTCOME_CSV_HEADER = ['url', 'outcome', 'capture_id', 'message', 'time'];

/** One CSV field: quoted when it holds a delimiter, quote or line break; a leading =,+,-,@ is neutralised for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The outcomes as CSV (RFC 4180, CRLF): url, outcome, capture id, message, time (finishedAt). */
export function outcomesCsv(items: readonly StoredListItem[]): string {
  const lines = [OUTCOME_CSV_HEADER.join(',')];
  for (const item of items) lines.push([item.url, item.outcome, item.captureId ?? '', item.message ?? '', item.finishedAt ?? ''].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
