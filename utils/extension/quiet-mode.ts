// Quiet mode: the content script adds nothing to pages (no Preserve controls, no batch panel, no styles, no
// attributes); posts are preserved by the keyboard command, the context menu and the toolbar only. The setting lives
// in storage.local under `quietMode`, beside the limits: content scripts can read it there (they cannot open the
// extension's IndexedDB), and storage.onChanged tells every open page at once, so turning it on removes the
// controls already added. Until the setting is read, a page is treated as quiet: nothing is added before it is known.

export const QUIET_MODE_KEY = 'quietMode';

type Changes = Record<string, { newValue?: unknown }>;
type ChangeListener = (changes: Changes, area: string) => void;

/** The parts of browser.storage this needs, passed in so it runs without an extension. */
export interface QuietModeStorage {
  local: {
    get(keys: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  onChanged: { addListener(listener: ChangeListener): void; removeListener(listener: ChangeListener): void };
}

export async function readQuietMode(storage: Pick<QuietModeStorage, 'local'>): Promise<boolean> {
  return (await storage.local.get(QUIET_MODE_KEY))[QUIET_MODE_KEY] === true;
}

export async function writeQuietMode(storage: Pick<QuietModeStorage, 'local'>, quiet: boolean): Promise<void> {
  await storage.local.set({ [QUIET_MODE_KEY]: quiet });
}

/**
 * Calls `apply` with the setting once it is read and again at each change, until `signal` aborts. Returns the value
 * now, for code that asks at the moment it acts (a batch starting, a shortcut pressed): quiet until read.
 */
export function followQuietMode(storage: QuietModeStorage, apply: (quiet: boolean) => void, signal: AbortSignal): () => boolean {
  let quiet = true;
  let changed = false;
  const set = (value: boolean) => {
    if (signal.aborted) return;
    quiet = value;
    apply(value);
  };
  const listener: ChangeListener = (changes, area) => {
    if (area !== 'local' || !(QUIET_MODE_KEY in changes)) return;
    changed = true;
    set(changes[QUIET_MODE_KEY]!.newValue === true);
  };
  storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => storage.onChanged.removeListener(listener), { once: true });
  // A change that arrives before the first read is newer than what the read returns.
  readQuietMode(storage).then(
    (value) => changed || set(value),
    // Unreadable: stay quiet (adding nothing is the safe side); the toolbar, shortcut and menu still work.
    () => changed || set(true),
  );
  return () => quiet;
}
