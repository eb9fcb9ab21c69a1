// The running batch capture as the background keeps it in storage (so it outlives the popup and a worker restart),
// its settings, and the messages that drive it. Pure types and transitions, shared by every side.
import { t } from '../i18n/i18n';

export type BatchStatus = 'running' | 'paused' | 'cancelled' | 'done' | 'interrupted';

export interface BatchCounts {
  /** New captures made by this batch. */
  captured: number;
  /** Posts skipped because an earlier capture holds them already. */
  skipped: number;
  /** Posts whose capture failed (each left nothing behind). */
  failed: number;
}

export interface BatchRecent {
  captureId: string;
  label: string;
}

export interface BatchState extends BatchCounts {
  id: string;
  tabId: number;
  status: BatchStatus;
  limit: number;
  startedAt: string;
  updatedAt: string;
  /** Why the batch stopped, or what it is doing, in words for the user. */
  message: string;
  /** The newest captures of this batch, newest first (a few). */
  recent: BatchRecent[];
}

/** Storage key (browser.storage.local) of the current or last batch. */
export const BATCH_STATE_KEY = 'postproofBatch';
export const RECENT_KEPT = 8;

export interface BatchSettings {
  /** Most new captures per run (setting `batchLimit`). */
  limit: number;
  /** Pause between captures, ms, chosen at random between the two (setting `batchPaceMs`): a person's pace, not a bot's. */
  paceMs: [number, number];
}

export const DEFAULT_BATCH_SETTINGS: BatchSettings = { limit: 200, paceMs: [1500, 3000] };

export function batchSettingsFrom(stored: { batchLimit?: unknown; batchPaceMs?: unknown }): BatchSettings {
  const limit = typeof stored.batchLimit === 'number' && stored.batchLimit > 0 ? Math.floor(stored.batchLimit) : DEFAULT_BATCH_SETTINGS.limit;
  const pace = stored.batchPaceMs;
  const paceMs: [number, number] =
    Array.isArray(pace) && pace.length === 2 && pace.every((n) => typeof n === 'number' && n >= 0) && pace[0] <= pace[1]
      ? [pace[0], pace[1]]
      : DEFAULT_BATCH_SETTINGS.paceMs;
  return { limit, paceMs };
}

export function isActive(state: BatchState | undefined): boolean {
  return state?.status === 'running' || state?.status === 'paused';
}

/** After a service-worker restart: a batch that was running lost its capture in flight (never half-written) and waits to be resumed. */
export function afterWorkerRestart(state: BatchState | undefined, now: Date): BatchState | undefined {
  if (state?.status !== 'running') return undefined;
  return {
    ...state,
    status: 'interrupted',
    updatedAt: now.toISOString(),
    message: `PostProof was restarted by the browser during the batch. ${state.captured} post(s) were saved; the one in progress was not (nothing half-written). Resume to continue.`,
  };
}

export function batchPercent(state: Pick<BatchState, 'captured' | 'limit' | 'status'>): number {
  if (state.status === 'done') return 100;
  return Math.min(100, Math.floor((100 * state.captured) / Math.max(state.limit, 1)));
}

export function batchSummary(state: BatchState): string {
  const counts = [state.captured, state.skipped, state.failed];
  switch (state.status) {
    case 'running':
      return t('batch_running', [...counts, state.limit]);
    case 'paused':
      return t('batch_paused', counts);
    case 'cancelled':
      return t('batch_cancelled', counts);
    case 'done':
      return t('batch_done', [...counts, state.message]).trim();
    case 'interrupted':
      return t('batch_interrupted', [...counts, state.message]).trim();
  }
}

// ---------------------------------------------------------------- messages

/** Popup or side panel → background: start a batch in a tab, or steer the running one. */
export type BatchCommandMessage =
  | { type: 'postproof/batch-start'; tabId: number }
  | { type: 'postproof/batch-control'; action: 'pause' | 'resume' | 'cancel' };

/** Background → content script: run (or resume) the batch; or steer it. */
export type BatchTabMessage =
  | { type: 'postproof/batch-run'; batchId: string; limit: number; paceMs: [number, number]; counts: BatchCounts }
  | { type: 'postproof/batch-steer'; batchId: string; action: 'pause' | 'resume' | 'cancel' | 'interrupt' };

/** Content script → background: which of these posts are stored already; and the batch's progress. */
export type BatchReportMessage =
  | { type: 'postproof/batch-known'; keys: string[] }
  | { type: 'postproof/batch-progress'; batchId: string; status: BatchStatus; counts: BatchCounts; message?: string; recent?: BatchRecent };

export type BatchReply = { ok: true; state?: BatchState } | { ok: false; message: string };

export function isBatchCommand(message: unknown): message is BatchCommandMessage | BatchReportMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && ['postproof/batch-start', 'postproof/batch-control', 'postproof/batch-known', 'postproof/batch-progress'].includes(type);
}

/** "platform:id": the same post, however it is reached (timeline, permalink, search). */
export function postKey(platform: string, id: string): string {
  return `${platform}:${id}`;
}

export function parsePostKey(key: string): { platform: string; id: string } | undefined {
  const at = key.indexOf(':');
  return at > 0 ? { platform: key.slice(0, at), id: key.slice(at + 1) } : undefined;
}
