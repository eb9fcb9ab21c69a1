// The background's queue of capture from a list. For each URL in order: settled at once when it is not a web
// address, on a site PostProof does not read, or a repeat of an earlier URL; else opened in a tab of a window of its
// own (unfocused, made for the list: the tab is the active one of its window, so captureVisibleTab sees it), asked to
// preserve its focal post (`postproof/list-capture`, answered by utils/lists/page/), recorded, closed, and the
// batch pace waited. Everything is in the store, so a list outlives the worker and the browser: at every worker start
// a list left running goes on, the URL in flight is tried again, and a post this list had saved just before the stop
// is recorded `saved` with that capture (state.ts settleFromReply), never captured twice.
import { batchSettingsFrom } from '../batch/state';
import { errorMessage } from '../error-message';
import type { ListCaptureMessage, ListCaptureReply, ListCommandMessage } from './messages';
import type { ListStore } from './list-store';
import { afterAction, clampConcurrency, countOutcomes, duplicatesOf, firstWithSameKey, newList, nextPending, settleBeforeOpening, settleFromReply, type StoredPost, type SupportCheck } from './state';
import type { StoredList, StoredListItem } from '../store/rows';
import { LIST_MAX_URLS } from './parse';

/** Extension page → background: make sure the queue runs (a page that shows a running list sends it; so does an alarm). */
export const LIST_WAKE = 'postproof/list-wake';
/** The alarm that starts a stopped worker while a list is running. */
export const LIST_ALARM = 'postproof-list-wake';
/** storage.session key: the windows this browser session opened for lists (closed at the next worker start). */
export const LIST_WINDOWS_KEY = 'postproofListWindows';

/** Waiting for a tab to finish loading, then for its content script to answer at all, then for its capture. */
export const LIST_TIMEOUTS = { loadMs: 30_000, scriptMs: 10_000, replyMs: 90_000 };

/** Per URL of a list: the capture it was asked from (list-create's `links`), kept beside the list for its captures. */
export type ListLinks = NonNullable<Extract<ListCommandMessage, { type: 'postproof/list-create' }>['links']>;

export type ListReply = { ok: true; listId?: string; list?: StoredList } | { ok: false; message: string };

export interface ListBackgroundApi {
  store: ListStore;
  /** The capture the store holds of a post ("platform:id"), if any. */
  findPost(postKey: string): Promise<StoredPost | undefined>;
  /** Which URLs PostProof reads, as things stand now (the supported hosts and the sites the user opted in). */
  supportCheck(): Promise<SupportCheck>;
  /** Setting `batchPaceMs`. */
  settings(): Promise<{ batchPaceMs?: unknown }>;
  windows: {
    /** A new unfocused window for the list; its id. */
    open(): Promise<number>;
    close(windowId: number): Promise<void>;
  };
  tabs: {
    /** A new tab at `url`, active in its window: its id. */
    open(windowId: number, url: string): Promise<number>;
    /** Resolves when the tab has loaded (or the time is up). */
    loaded(tabId: number, timeoutMs: number): Promise<void>;
    send(tabId: number, message: ListCaptureMessage): Promise<unknown>;
    close(tabId: number): Promise<void>;
  };
  session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  /** Whether a list is running: the background keeps an alarm set while one is (it wakes a stopped worker). */
  setRunning(running: boolean): void;
  /** Which kind of page a URL is: a post (the default) or a profile (the links part says; utils/lists/target.ts). */
  targetOf?(url: string): 'post' | 'profile';
  sleep?(ms: number): Promise<void>;
  now?(): Date;
  newId?(): string;
  random?(): number;
  timeouts?: typeof LIST_TIMEOUTS;
  /** The `links` of list-create, kept by list (storage.local), so a capture made after a restart still records them. */
  links?: { get(listId: string): Promise<ListLinks>; set(listId: string, links: ListLinks): Promise<void> };
  /** Keeps the background awake while the queue runs (utils/extension/keep-awake.ts). */
  awake?<T>(work: Promise<T>): Promise<T>;
}

const NO_RECEIVER = /receiving end does not exist|could not establish connection|no tab with id|message port closed/i;

export class ListBackground {
  private driving: Promise<void> | undefined;
  private wakeAgain = false;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeouts: typeof LIST_TIMEOUTS;
  /** Windows opened this session, per slot; closed when a list ends. */
  private windowsLock: Promise<unknown> = Promise.resolve();
  private readonly linksByList = new Map<string, ListLinks>();

  constructor(private readonly api: ListBackgroundApi) {
    this.now = api.now ?? (() => new Date());
    this.sleep = api.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.timeouts = api.timeouts ?? LIST_TIMEOUTS;
  }

  async handle(message: ListCommandMessage | { type: typeof LIST_WAKE }): Promise<ListReply> {
    switch (message.type) {
      case 'postproof/list-create':
        return this.create(message);
      case 'postproof/list-control':
        return this.control(message.listId, message.action);
      case LIST_WAKE:
        void this.drive();
        return { ok: true };
    }
  }

  private async create(message: Extract<ListCommandMessage, { type: 'postproof/list-create' }>): Promise<ListReply> {
    if (!Array.isArray(message.urls) || message.urls.some((url) => typeof url !== 'string')) return { ok: false, message: 'A list is a set of URLs, one per line.' };
    if (message.urls.length > LIST_MAX_URLS) {
      return { ok: false, message: `The list holds ${message.urls.length.toLocaleString('en')} URLs; PostProof takes up to ${LIST_MAX_URLS.toLocaleString('en')} at once. Split it into parts: nothing was started.` };
    }
    try {
      const { list, items } = newList((this.api.newId ?? (() => crypto.randomUUID()))(), typeof message.name === 'string' ? message.name.slice(0, 200) : '', message.urls, message.concurrency, this.now());
      const links = message.links && typeof message.links === 'object' ? message.links : undefined;
      if (links && Object.keys(links).length > 0) await this.api.links?.set(list.id, links);
      await this.api.store.create(list, items);
      void this.drive();
      return { ok: true, listId: list.id, list };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  private async control(listId: string, action: 'pause' | 'resume' | 'cancel'): Promise<ListReply> {
    const list = await this.api.store.getList(listId);
    if (!list) return { ok: false, message: 'No such list.' };
    const next = afterAction(list, action, this.now());
    if (!next) return { ok: true, list };
    await this.api.store.putList(next);
    if (next.status === 'running') void this.drive();
    return { ok: true, list: next };
  }

  /** At every worker start (and browser start): a list left running goes on. */
  recover(): Promise<void> {
    return this.drive();
  }

  /** Runs the running lists, oldest first, until none is left running; one drive at a time. */
  drive(): Promise<void> {
    if (this.driving) {
      this.wakeAgain = true;
      return this.driving;
    }
    const work = (async () => {
      try {
        await this.closeLeftoverWindows();
        do {
          this.wakeAgain = false;
          for (;;) {
            const running = (await this.api.store.allLists()).filter((l) => l.status === 'running').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
            const list = running[0];
            if (!list) break;
            this.api.setRunning(true);
            await this.runList(list);
          }
        } while (this.wakeAgain);
        // No list left running: no alarm. (After a failure the alarm stays, and tries again in 30 s.)
        this.api.setRunning(false);
      } finally {
        this.driving = undefined;
      }
    })();
    this.driving = this.api.awake ? this.api.awake(work) : work;
    return this.driving;
  }

  private async windowIds(): Promise<number[]> {
    const stored = (await this.api.session.get(LIST_WINDOWS_KEY).catch((): Record<string, unknown> => ({})))[LIST_WINDOWS_KEY];
    return Array.isArray(stored) ? stored.filter((id): id is number => typeof id === 'number') : [];
  }

  private changeWindows(change: (ids: number[]) => number[]): Promise<unknown> {
    this.windowsLock = this.windowsLock.then(async () => this.api.session.set({ [LIST_WINDOWS_KEY]: change(await this.windowIds()) })).catch(() => undefined);
    return this.windowsLock;
  }

  /**
   * Windows a stopped worker left open (their tabs may still hold a page mid-capture): closed before any URL is tried
   * again, then a moment is left for a capture message that page had already sent to be committed, so the try again
   * finds that capture in the store instead of making a second one. Kept in storage.session: a browser restart forgets
   * them, as it forgets the windows (and a new window could reuse an id).
   */
  private async closeLeftoverWindows(): Promise<void> {
    const ids = await this.windowIds();
    if (ids.length === 0) return;
    await Promise.all(ids.map((id) => this.api.windows.close(id).catch(() => undefined)));
    await this.changeWindows(() => []);
    await this.sleep(1_500);
  }

  private async runList(first: StoredList): Promise<void> {
    const items = await this.api.store.items(first.id);
    items.sort((a, b) => a.index - b.index);
    const supported = await this.api.supportCheck();
    const paceMs = batchSettingsFrom(await this.api.settings()).paceMs;
    this.linksByList.set(first.id, (await this.api.links?.get(first.id).catch(() => ({}))) ?? {});
    const inFlight = new Set<number>();
    const concurrency = clampConcurrency(first.concurrency);
    await Promise.all(Array.from({ length: concurrency }, () => this.slot(first.id, items, inFlight, supported, paceMs)));
    const list = await this.api.store.getList(first.id);
    if (!list || list.status !== 'running') return;
    const counts = countOutcomes(items);
    if (counts.pending === 0) {
      await this.api.store.putList({ ...list, status: 'done', updatedAt: this.now().toISOString(), message: '' });
    } else {
      // A slot stopped with URLs left (its window could not be opened): the list waits for the user to resume.
      await this.api.store.putList({ ...list, status: 'interrupted', updatedAt: this.now().toISOString(), message: list.message || 'PostProof could not open a window for the list. Resume to try again.' });
    }
  }

  private async stillRunning(listId: string): Promise<boolean> {
    return (await this.api.store.getList(listId))?.status === 'running';
  }

  private async record(items: StoredListItem[], item: StoredListItem): Promise<void> {
    items[item.index] = item;
    const changed = [item];
    if (item.captureId && (item.outcome === 'saved' || item.outcome === 'already-saved')) {
      for (const duplicate of duplicatesOf(item, items)) {
        const filled = { ...duplicate, captureId: item.captureId };
        items[filled.index] = filled;
        changed.push(filled);
      }
    }
    await this.api.store.record(item.listId, changed, this.now().toISOString());
  }

  private async slot(listId: string, items: StoredListItem[], inFlight: Set<number>, supported: SupportCheck, paceMs: [number, number]): Promise<void> {
    let windowId: number | undefined;
    try {
      for (;;) {
        if (!(await this.stillRunning(listId))) return;
        const [item] = nextPending(items, inFlight);
        if (!item) return;
        inFlight.add(item.index);
        try {
          // A repeat of a URL still open in another tab waits for its outcome, and then shares it.
          const original = firstWithSameKey(item, items);
          while (original && inFlight.has(original.index)) await this.sleep(100);
          const settled = settleBeforeOpening(item, items, supported);
          if (settled) {
            await this.record(items, { ...item, ...settled, finishedAt: this.now().toISOString() });
            continue;
          }
          const resumed = item.startedAt !== undefined;
          const started: StoredListItem = resumed ? item : { ...item, startedAt: this.now().toISOString() };
          if (!resumed) await this.api.store.record(listId, [started], started.startedAt!);
          items[item.index] = started;
          try {
            windowId ??= await this.openWindow();
          } catch (error) {
            // No window, no page: the item stays pending and the list waits for the user (runList: interrupted).
            items[item.index] = started;
            const list = await this.api.store.getList(listId);
            if (list) await this.api.store.putList({ ...list, message: `PostProof could not open a window for the list: ${errorMessage(error)}` });
            return;
          }
          const visited = await this.visit(windowId, started, resumed, () => this.openWindow().then((id) => (windowId = id)));
          await this.record(items, visited);
        } finally {
          inFlight.delete(item.index);
        }
        const [low, high] = paceMs;
        if (high > 0) await this.sleep(low + Math.floor((this.api.random ?? Math.random)() * (high - low + 1)));
      }
    } finally {
      if (windowId !== undefined) {
        const id = windowId;
        await this.api.windows.close(id).catch(() => undefined);
        await this.changeWindows((ids) => ids.filter((other) => other !== id));
      }
    }
  }

  private async openWindow(): Promise<number> {
    const id = await this.api.windows.open();
    await this.changeWindows((ids) => [...ids, id]);
    return id;
  }

  /** Opens the URL, asks its page, closes it: the item with its outcome. Never throws, never waits past the timeouts. */
  private async visit(windowId: number, item: StoredListItem, resumed: boolean, reopenWindow: () => Promise<number>): Promise<StoredListItem> {
    let tabId: number | undefined;
    try {
      try {
        tabId = await this.api.tabs.open(windowId, item.url);
      } catch {
        // The list's window was closed (by the user): a new one, once.
        tabId = await this.api.tabs.open(await reopenWindow(), item.url);
      }
      await this.api.tabs.loaded(tabId, this.timeouts.loadMs);
      const linkedFrom = this.linksByList.get(item.listId)?.[item.url];
      const message: ListCaptureMessage = { type: 'postproof/list-capture', listId: item.listId, index: item.index, url: item.url, target: this.api.targetOf?.(item.url) ?? 'post', ...(linkedFrom ? { linkedFrom } : {}) };
      const reply = await this.ask(tabId, message);
      if (!reply.ok) return { ...item, outcome: 'error', message: reply.message, finishedAt: this.now().toISOString() };
      const stored = reply.value.outcome === 'already-saved' && reply.value.postKey ? await this.api.findPost(reply.value.postKey) : undefined;
      return settleFromReply(item, reply.value, stored, resumed, this.now());
    } catch (error) {
      return { ...item, outcome: 'error', message: `PostProof could not open this URL: ${errorMessage(error)}`, finishedAt: this.now().toISOString() };
    } finally {
      if (tabId !== undefined) await this.api.tabs.close(tabId).catch(() => undefined);
    }
  }

  /** Sends the capture request until the page's script is there to take it, and waits for its answer, within bounds. */
  private async ask(tabId: number, message: ListCaptureMessage): Promise<{ ok: true; value: ListCaptureReply } | { ok: false; message: string }> {
    const { scriptMs, replyMs } = this.timeouts;
    const started = Date.now();
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), replyMs)));
      try {
        const answer = await Promise.race([this.api.tabs.send(tabId, message), timeout]);
        if (answer === 'timeout') return { ok: false, message: `The page did not answer within ${Math.round(replyMs / 1000)} s: nothing was recorded for it.` };
        if (!answer || typeof answer !== 'object' || typeof (answer as ListCaptureReply).outcome !== 'string') {
          return { ok: false, message: 'The page gave no answer PostProof understands (is PostProof running on this site?).' };
        }
        return { ok: true, value: answer as ListCaptureReply };
      } catch (error) {
        if (!NO_RECEIVER.test(errorMessage(error)) || Date.now() - started > scriptMs) {
          return { ok: false, message: `The page could not be read (it did not load, or PostProof is not running on it): ${errorMessage(error)}` };
        }
        await this.sleep(250);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
