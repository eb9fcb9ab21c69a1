// The messages an extension page sends the worker to check posts again, and to watch them. Pages import only this.
import type { Recheck } from '../model';

export const RECHECK_MESSAGE = 'postproof/witness-recheck';
export const WATCH_MESSAGE = 'postproof/witness-watch';
/** storage.local key of the watched captures (the worker writes it; pages read it). */
export const WATCH_STORAGE_KEY = 'postproof.watched';

export interface RecheckMessage {
  type: typeof RECHECK_MESSAGE;
  captureIds: string[];
}

export interface WatchMessage {
  type: typeof WATCH_MESSAGE;
  captureId: string;
  watched: boolean;
}

export type RecheckResult =
  | { ok: true; captureId: string; recheckId: string; recheck: Recheck }
  | { ok: false; captureId: string; code: string; message: string };

/**
 * The most captures one message may ask for: a selection beyond it is sent in several. Paced 3 s apart, 40 take about
 * two minutes, well within the time Chrome lets a worker spend on one message (5 minutes).
 */
export const MAX_RECHECKS_PER_MESSAGE = 40;

export function isRecheckMessage(message: unknown): message is RecheckMessage {
  const m = message as Partial<RecheckMessage> | null;
  return (
    !!m && m.type === RECHECK_MESSAGE && Array.isArray(m.captureIds) && m.captureIds.length <= MAX_RECHECKS_PER_MESSAGE && m.captureIds.every((id) => typeof id === 'string' && id.length <= 64)
  );
}

export function isWatchMessage(message: unknown): message is WatchMessage {
  const m = message as Partial<WatchMessage> | null;
  return !!m && m.type === WATCH_MESSAGE && typeof m.captureId === 'string' && typeof m.watched === 'boolean';
}
