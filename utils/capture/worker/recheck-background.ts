// The worker's side of "Check again" and of watched posts. Re-checks run one at a time, a few seconds apart (a
// person's pace, never a crawler's), each committed as its own signed record (recheck.ts). Watched captures are
// checked again once a day by an alarm; a watched post that changes or stops being served raises a notification.
import { getOrCreateInstallKey } from '../../store/install-key';
import type { PostProofDb } from '../../store/db';
import { WATCH_STORAGE_KEY, type RecheckResult } from '../../witness/recheck-messages';

export { WATCH_STORAGE_KEY };
import { recheckWords } from '../../witness/recheck';
import { CaptureQueue } from './queue';
import { recheckCapture, type RecheckDeps } from './recheck';

export const WATCH_ALARM = 'postproof-witness-watch';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A watched capture: since when, and what its last check found (a notification is raised when that changes). */
export interface WatchEntry {
  since: string;
  lastCheckedAt?: string;
  lastOutcome?: string;
}

export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface RecheckBackgroundDeps {
  db: Promise<PostProofDb>;
  /** Everything a re-check needs but the store and key, read at each run (settings may have changed). */
  recheckDeps(store: PostProofDb): Promise<Omit<RecheckDeps, 'db' | 'key'>>;
  storage: KeyValueArea;
  notify(title: string, message: string): void;
  /** Pause between two re-checks: the pace. */
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** The parts of chrome.alarms the watch needs. */
export interface AlarmsApi {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
}

/**
 * The hourly alarm that wakes the watch, created only when absent: the worker starts at every capture, and creating
 * a periodic alarm again restarts its period, so a worker woken more often than hourly would never see it fire.
 */
export async function ensureWatchAlarm(alarms: AlarmsApi): Promise<void> {
  if (await alarms.get(WATCH_ALARM)) return;
  await alarms.create(WATCH_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
}

export class RecheckBackground {
  private readonly queue = new CaptureQueue();
  constructor(private readonly deps: RecheckBackgroundDeps) {}

  private pause(): Promise<void> {
    const ms = this.deps.pauseMs ?? 3000;
    return (this.deps.sleep ?? ((wait) => new Promise((resolve) => setTimeout(resolve, wait))))(ms);
  }

  /** Checks each capture again, in turn; each answer says what was found or why not. */
  recheck(captureIds: readonly string[]): Promise<RecheckResult[]> {
    return this.queue.run(async () => {
      const store = await this.deps.db;
      const key = await getOrCreateInstallKey(store);
      const results: RecheckResult[] = [];
      for (const [index, captureId] of captureIds.entries()) {
        if (index > 0) await this.pause();
        try {
          results.push(await recheckCapture(captureId, { db: store, key, ...(await this.deps.recheckDeps(store)) }));
        } catch (error) {
          results.push({ ok: false, captureId, code: 'internal', message: String(error) });
        }
      }
      return results;
    });
  }

  async watched(): Promise<Record<string, WatchEntry>> {
    return ((await this.deps.storage.get(WATCH_STORAGE_KEY))[WATCH_STORAGE_KEY] as Record<string, WatchEntry> | undefined) ?? {};
  }

  async setWatched(captureId: string, watched: boolean): Promise<void> {
    const all = await this.watched();
    if (watched) all[captureId] = all[captureId] ?? { since: (this.deps.now ?? (() => new Date()))().toISOString() };
    else delete all[captureId];
    await this.deps.storage.set({ [WATCH_STORAGE_KEY]: all });
  }

  /** The alarm: each watched capture not checked in the last day, checked again; a change of outcome is notified. */
  async checkWatched(): Promise<RecheckResult[]> {
    const now = (this.deps.now ?? (() => new Date()))();
    const all = await this.watched();
    const due = Object.entries(all).filter(([, entry]) => !entry.lastCheckedAt || now.getTime() - Date.parse(entry.lastCheckedAt) >= DAY_MS - 60_000).map(([id]) => id);
    if (due.length === 0) return [];
    const results = await this.recheck(due);
    const after = await this.watched();
    for (const result of results) {
      const entry = after[result.captureId];
      if (!entry || !result.ok) continue;
      const outcome = result.recheck.outcome;
      if ((outcome === 'changed' || outcome === 'not-served') && entry.lastOutcome !== outcome) {
        this.deps.notify('PostProof: a watched post ' + (outcome === 'changed' ? 'changed' : 'is no longer served'), `Capture ${result.captureId}: ${recheckWords(result.recheck)}`);
      }
      after[result.captureId] = { ...entry, lastCheckedAt: now.toISOString(), lastOutcome: outcome };
    }
    await this.deps.storage.set({ [WATCH_STORAGE_KEY]: after });
    return results;
  }
}
