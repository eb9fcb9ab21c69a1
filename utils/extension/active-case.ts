// The active case: chosen in the popup before capturing, kept in storage.local; every new capture joins it, and the
// toolbar badge counts its captures made today (local time).
import type { PostProofDb } from '../store/db';
import { countCaseCapturesSince } from '../store/annotations';

export const ACTIVE_CASE_KEY = 'activeCaseId';

export interface KeyValueStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function readActiveCaseId(storage: KeyValueStorage): Promise<string | undefined> {
  const value = (await storage.get(ACTIVE_CASE_KEY))[ACTIVE_CASE_KEY];
  return typeof value === 'string' && value ? value : undefined;
}

export async function writeActiveCaseId(storage: KeyValueStorage, caseId: string | undefined): Promise<void> {
  await storage.set({ [ACTIVE_CASE_KEY]: caseId ?? '' });
}

/** What the pipeline takes from the active case: the case new captures join. */
export async function activeCaseCaptureDeps(storage: KeyValueStorage): Promise<{ cases?: string[] }> {
  const id = await readActiveCaseId(storage);
  return id ? { cases: [id] } : {};
}

/** Midnight today in the browser's time zone. */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** The badge text: today's captures in the active case; empty without an active case or captures. */
export async function activeCaseBadgeText(db: PostProofDb, storage: KeyValueStorage, now: Date = new Date()): Promise<string> {
  const id = await readActiveCaseId(storage);
  if (!id) return '';
  const count = await countCaseCapturesSince(db, id, startOfLocalDay(now));
  return count === 0 ? '' : count > 999 ? '999+' : String(count);
}

/**
 * Keeps the toolbar badge on today's count: refreshed when the active case changes and whenever `refresh` is called
 * (after each capture). A failure leaves the badge as it was; the count is a convenience, not a record.
 */
export function activeCaseBadge(
  db: Promise<PostProofDb>,
  storage: KeyValueStorage & { onChanged: { addListener(listener: (changes: Record<string, unknown>) => void): void } },
  setBadgeText: (text: string) => Promise<void>,
): () => Promise<void> {
  const refresh = () => db.then((store) => activeCaseBadgeText(store, storage)).then(setBadgeText).catch(() => undefined);
  storage.onChanged.addListener((changes) => {
    if (ACTIVE_CASE_KEY in changes) void refresh();
  });
  return refresh;
}
