// An export in progress leaves a marker in storage.local, refreshed every few seconds and removed when it ends
// (saved, failed or cancelled). A marker that stopped being refreshed belongs to an export cut off by a closed page or
// a browser that quit: the popup and the dashboard report it instead of letting it vanish without a word.

export interface MarkerStorage {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** chrome.storage.session: emptied when the browser quits, so a marker from an earlier session is known at once. */
export interface SessionStorage {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const SESSION_KEY = 'browserSession';

/** This browser session's id, made by the first page that asks. */
export async function browserSession(session: SessionStorage): Promise<string> {
  const known = (await session.get(SESSION_KEY))[SESSION_KEY];
  if (typeof known === 'string') return known;
  const made = crypto.randomUUID();
  await session.set({ [SESSION_KEY]: made });
  return made;
}

export interface ExportMarker {
  id: string;
  /** The browser session it ran in (browserSession). */
  session: string;
  startedAt: string;
  /** Last sign of life of the page running it. */
  aliveAt: string;
  captures: number;
  format: 'zip' | 'wacz';
}

export const MARKER_PREFIX = 'exportRunning:';
export const ALIVE_EVERY_MS = 5_000;
/** Six missed refreshes: the page that ran it is gone. */
export const GONE_AFTER_MS = 30_000;

function isMarker(value: unknown): value is ExportMarker {
  const m = value as Partial<ExportMarker> | null;
  return typeof m?.id === 'string' && typeof m.session === 'string' && typeof m.startedAt === 'string' && typeof m.aliveAt === 'string' && typeof m.captures === 'number';
}

/** Runs an export under a marker; the marker goes whatever the outcome. */
export async function underMarker<T>(
  storage: MarkerStorage,
  what: Pick<ExportMarker, 'captures' | 'format' | 'session'>,
  run: () => Promise<T>,
  clock: { now(): number; every(ms: number, tick: () => void): () => void } = {
    now: () => Date.now(),
    every: (ms, tick) => {
      const timer = setInterval(tick, ms);
      return () => clearInterval(timer);
    },
  },
): Promise<T> {
  const id = crypto.randomUUID();
  const key = `${MARKER_PREFIX}${id}`;
  const at = new Date(clock.now()).toISOString();
  const marker: ExportMarker = { id, startedAt: at, aliveAt: at, ...what };
  // A marker that cannot be written must not stop the export: it only serves to report a cut-off one.
  await storage.set({ [key]: marker }).catch(() => undefined);
  const stop = clock.every(ALIVE_EVERY_MS, () => void storage.set({ [key]: { ...marker, aliveAt: new Date(clock.now()).toISOString() } }).catch(() => undefined));
  try {
    return await run();
  } finally {
    stop();
    await storage.remove(key).catch(() => undefined);
  }
}

/** Exports cut off: from an earlier browser session, or whose page stopped refreshing their marker. Oldest first. */
export async function interruptedExports(storage: MarkerStorage, session: string, now = Date.now()): Promise<ExportMarker[]> {
  const all = await storage.get(null);
  return Object.entries(all)
    .filter(([key, value]) => key.startsWith(MARKER_PREFIX) && isMarker(value) && (value.session !== session || now - Date.parse(value.aliveAt) > GONE_AFTER_MS))
    .map(([, value]) => value as ExportMarker)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export async function dismissInterrupted(storage: MarkerStorage, ids: readonly string[]): Promise<void> {
  await storage.remove(ids.map((id) => `${MARKER_PREFIX}${id}`));
}
