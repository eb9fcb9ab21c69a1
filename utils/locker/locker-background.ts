// The worker's side of the team locker: takes queued captures one at a time, builds each one's folder once (saved on
// the row before any upload, so a restart sends the same bytes), pushes it (push.ts), and records the outcome: locked
// with a 'pushed' custody event, queued again with backoff on a network or server error, failed otherwise. The worker
// injects everything it owns (the store's captures, the bundle writer, custody, alarms) through the deps, so this
// module needs neither the store nor the export code.
import { errorMessage } from '../error-message';
import type { LockerPushAnswer } from './locker-messages';
import { pushFiles, type PushOptions, type PushTarget } from './push';
import { deleteSource, dueRows, enqueue, getRow, getSource, nextDue, putRow, putSource, requeuePushing, type LockerDb } from './queue';
import type { LockerFile, LockerRow } from './queue-types';
import { S3Error, type LockerConfig, type S3Api } from './s3-api';

export { nextDue };

/** The chrome.alarms name that wakes the queue when its earliest row is due. */
export const LOCKER_ALARM = 'postproof-locker';
/** Attempts before a row that keeps failing with retryable errors is given up on. */
export const MAX_LOCKER_ATTEMPTS = 8;
export const NO_LOCKER_MESSAGE = 'No locker is set up: connect one in the options (Team locker), and the queued captures will be pushed.';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How soon a push cut short by a stopped worker is taken up again, at the latest. */
export const WATCHDOG_MS = 2 * 60 * 1000;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface BuiltFolder {
  /** `<prefix>/<case>/<capture id>/`. */
  folder: string;
  /** The folder's files as one stored ZIP (a one-capture evidence bundle). */
  source: Blob;
  /** Its files, the closing file last. */
  files: LockerFile[];
}

export interface LockerBackgroundDeps {
  queue: Promise<LockerDb> | (() => Promise<LockerDb>);
  /** The saved locker settings, read at each run (they may have changed); undefined when none is set up. */
  config(): Promise<LockerConfig | undefined>;
  api(config: LockerConfig): S3Api;
  /** Builds the capture's folder: called once per row (until it is locked), never again for a resume. */
  buildFolder(captureId: string, config: LockerConfig): Promise<BuiltFolder>;
  /** Bytes [start, end) of one file out of the source. */
  readFile(source: Blob, file: LockerFile, start: number, end: number): Promise<Uint8Array>;
  /** Appends the 'pushed' custody event. */
  custody(captureId: string, details: Record<string, unknown>): Promise<void>;
  now?(): Date;
  /** Asks the worker for an alarm (LOCKER_ALARM) at that epoch ms: the earliest row still waiting. */
  schedule?(whenMs: number): void;
  pushOptions?: Partial<PushOptions>;
  /** 0 ≤ x < 1, for the backoff's jitter (tests pin it). */
  random?(): number;
}

/** Wait before the next attempt: 30 s doubling per attempt, at most an hour, plus up to a tenth more (jitter). */
export function lockerBackoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base * (1 + 0.1 * random()));
}

function earliest(dates: string[]): string | undefined {
  return dates.reduce<string | undefined>((min, date) => (min === undefined || Date.parse(date) < Date.parse(min) ? date : min), undefined);
}

export class LockerBackground {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: LockerBackgroundDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private db(): Promise<LockerDb> {
    return typeof this.deps.queue === 'function' ? this.deps.queue() : this.deps.queue;
  }

  /** Queues the captures (locked ones are not queued again) and starts a run without waiting for it. */
  async push(captureIds: readonly string[]): Promise<LockerPushAnswer> {
    try {
      const queued = await enqueue(await this.db(), captureIds, this.now());
      const config = await this.deps.config();
      this.kick();
      return { ok: true, queued, ...(config ? {} : { message: NO_LOCKER_MESSAGE }) };
    } catch (error) {
      return { ok: false, queued: 0, message: errorMessage(error) };
    }
  }

  /** A capture was committed: queued (and a run started) when the locker is set to push new captures. */
  async onCommitted(captureId: string): Promise<boolean> {
    const config = await this.deps.config();
    if (!config?.autoPush) return false;
    await enqueue(await this.db(), [captureId], this.now());
    this.kick();
    return true;
  }

  /** At worker start: rows a killed worker left pushing go back to the queue, due now; then a run. */
  async recover(): Promise<void> {
    await requeuePushing(await this.db(), this.now());
    return this.run();
  }

  /** Pushes every due row, one at a time; a call while a run is on is folded into one more pass of the same run. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private kick(): void {
    // A failing run has left its rows saved as they were; the next alarm or push runs again.
    this.run().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const db = await this.db();
    let configured = true;
    do {
      this.again = false;
      configured = await this.pass(db);
    } while (this.again);
    if (!configured) return; // nothing will change until a locker is saved (the options page then asks for a run)
    const when = await nextDue(db);
    if (when !== undefined) this.deps.schedule?.(when);
  }

  /** One pass over the due rows; false when no locker is set up (the rows then stay queued, saying so). */
  private async pass(db: LockerDb): Promise<boolean> {
    const config = await this.deps.config();
    if (!config) {
      for (const row of await dueRows(db, Infinity, Infinity)) {
        if (row.state === 'queued' && row.error !== NO_LOCKER_MESSAGE) await putRow(db, { ...row, error: NO_LOCKER_MESSAGE, updatedAt: this.now().toISOString() });
      }
      return false;
    }
    const api = this.deps.api(config);
    const tried = new Set<string>();
    for (;;) {
      const next = (await dueRows(db, this.now().getTime(), tried.size + 1)).find((row) => !tried.has(row.captureId));
      if (!next) return true;
      tried.add(next.captureId);
      await this.pushRow(db, next.captureId, config, api);
    }
  }

  private async pushRow(db: LockerDb, captureId: string, config: LockerConfig, api: S3Api): Promise<void> {
    const found = await getRow(db, captureId);
    if (!found || (found.state !== 'queued' && found.state !== 'pushing')) return;
    let row: LockerRow = { ...found, state: 'pushing', attempts: found.attempts + 1, updatedAt: this.now().toISOString() };
    await putRow(db, row);
    // A worker stopped in the middle of this push is woken again by this alarm (its start requeues the row); a run
    // that ends normally sets the alarm anew for whatever is due next.
    this.deps.schedule?.(this.now().getTime() + WATCHDOG_MS);
    const save = async (fields: Partial<LockerRow>) => {
      row = { ...row, ...fields, updatedAt: this.now().toISOString() };
      await putRow(db, row);
    };

    try {
      let source = row.folder && row.files ? await getSource(db, captureId) : undefined;
      // Built in this attempt: no earlier one can have written its objects, so the lookup before each write is skipped.
      const fresh = !source;
      if (!source) {
        const built = await this.deps.buildFolder(captureId, config);
        // Saved before any upload: a resumed push sends these same bytes, under this same retention date.
        await putSource(db, captureId, built.source);
        source = built.source;
        await save({
          folder: built.folder,
          files: built.files,
          retainUntil: row.retainUntil ?? new Date(this.now().getTime() + config.retentionDays * DAY_MS).toISOString(),
        });
      } else if (!row.retainUntil) {
        await save({ retainUntil: new Date(this.now().getTime() + config.retentionDays * DAY_MS).toISOString() });
      }
      const folderBytes = source;
      const byName = new Map(row.files!.map((file) => [file.name, file]));
      const target: PushTarget = { mode: config.mode, retainUntil: row.retainUntil!, legalHold: config.legalHold };
      const files = await pushFiles(
        api,
        row.files!,
        (name, start, end) => {
          const file = byName.get(name);
          if (!file) throw new Error(`${name} is not in the folder PostProof built.`);
          return this.deps.readFile(folderBytes, file, start, end);
        },
        target,
        { ...this.deps.pushOptions, fresh, now: () => this.now(), save: (saved) => save({ files: saved }) },
      );

      const lockedUntil = earliest(files.map((file) => file.done!.lockedUntil)) ?? target.retainUntil;
      const { error: _error, ...kept } = row;
      row = { ...kept, state: 'locked', files, lockedUntil, mode: target.mode, legalHold: target.legalHold, pushedAt: this.now().toISOString(), updatedAt: this.now().toISOString() };
      await putRow(db, row);
      await deleteSource(db, captureId);
      try {
        await this.deps.custody(captureId, {
          endpoint: config.endpoint,
          bucket: config.bucket,
          folder: row.folder,
          mode: target.mode,
          retainUntil: target.retainUntil,
          legalHold: target.legalHold,
          objects: files.map((file) => {
            const receipt = file.done!.receipt;
            return {
              key: file.key,
              sha256: file.sha256,
              bytes: file.bytes,
              versionId: receipt.versionId,
              etag: receipt.etag,
              status: receipt.status,
              date: receipt.headers.date,
              requestId: receipt.headers['x-amz-request-id'],
            };
          }),
        });
      } catch (error) {
        await save({ error: `Locked in the locker, but the custody log could not be written: ${errorMessage(error)}` });
      }
    } catch (error) {
      const message = errorMessage(error);
      // S3Error's network and server kinds, and a folder that waits for its timestamp (FolderNotReady), say retryable.
      const retryable = (error as { retryable?: unknown } | null)?.retryable === true;
      if (retryable && row.attempts < MAX_LOCKER_ATTEMPTS) {
        await save({ state: 'queued', error: message, nextAttemptAt: this.now().getTime() + lockerBackoffMs(row.attempts, this.deps.random) });
      } else {
        const why = retryable ? `Gave up after ${row.attempts} attempts: ${message}` : message;
        await save({ state: 'failed', error: why });
      }
    }
  }
}
