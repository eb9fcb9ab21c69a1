// The background's side of batch capture: starts a batch in a tab, keeps its state in storage (so the popup and
// the side panel can close and open again, and a worker restart is noticed), steers it, and answers which posts
// the store holds already.
import { afterWorkerRestart, BATCH_STATE_KEY, batchSettingsFrom, RECENT_KEPT, type BatchCommandMessage, type BatchReply, type BatchReportMessage, type BatchState, type BatchTabMessage } from './state';

export interface BatchBackgroundApi {
  storage: {
    get(keys: string | string[]): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  sendToTab(tabId: number, message: BatchTabMessage): Promise<unknown>;
  /** Brings the tab to the front: screenshots are of the visible tab. */
  activateTab(tabId: number): Promise<unknown>;
  /** Which of these "platform:id" keys the store holds. */
  known(keys: string[]): Promise<string[]>;
  now?: () => Date;
  newId?: () => string;
}

export class BatchBackground {
  private readonly now: () => Date;
  /** Writes to storage one after another, so progress reports cannot overtake each other. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly api: BatchBackgroundApi) {
    this.now = api.now ?? (() => new Date());
  }

  async read(): Promise<BatchState | undefined> {
    return (await this.api.storage.get(BATCH_STATE_KEY))[BATCH_STATE_KEY] as BatchState | undefined;
  }

  private update(change: (state: BatchState | undefined) => BatchState | undefined): Promise<BatchState | undefined> {
    const next = this.writes.then(async () => {
      const state = change(await this.read());
      if (state) await this.api.storage.set({ [BATCH_STATE_KEY]: state });
      return state;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** At every worker start: a batch left running was cut off mid-way. */
  async recover(): Promise<BatchState | undefined> {
    const interrupted = await this.update((state) => afterWorkerRestart(state, this.now()));
    if (interrupted) await this.api.sendToTab(interrupted.tabId, { type: 'postproof/batch-steer', batchId: interrupted.id, action: 'interrupt' }).catch(() => undefined);
    return interrupted;
  }

  async handle(message: BatchCommandMessage | BatchReportMessage, senderTabId: number | undefined): Promise<BatchReply | { known: string[] }> {
    switch (message.type) {
      case 'postproof/batch-known':
        return { known: await this.api.known(message.keys) };
      case 'postproof/batch-progress': {
        const state = await this.update((current) => {
          if (!current || current.id !== message.batchId || current.tabId !== senderTabId) return undefined;
          // A batch the user cancelled stays cancelled, whatever report was on its way.
          if (current.status === 'cancelled' && message.status !== 'cancelled') return undefined;
          const recent = message.recent ? [message.recent, ...current.recent].slice(0, RECENT_KEPT) : current.recent;
          return { ...current, ...message.counts, status: message.status, message: message.message ?? (message.status === current.status ? current.message : ''), recent, updatedAt: this.now().toISOString() };
        });
        return { ok: true, ...(state ? { state } : {}) };
      }
      case 'postproof/batch-start':
        return this.start(message.tabId);
      case 'postproof/batch-control':
        return this.steer(message.action);
    }
  }

  private async settings() {
    return batchSettingsFrom(await this.api.storage.get(['batchLimit', 'batchPaceMs']));
  }

  private async start(tabId: number): Promise<BatchReply> {
    const current = await this.read();
    if (current && (current.status === 'running' || current.status === 'paused') && current.tabId !== tabId) {
      return { ok: false, message: 'Another tab is running a batch capture: finish or cancel it first (one batch at a time keeps the pace safe).' };
    }
    const settings = await this.settings();
    const at = this.now().toISOString();
    const state: BatchState = {
      id: (this.api.newId ?? (() => crypto.randomUUID()))(),
      tabId,
      status: 'running',
      limit: settings.limit,
      captured: 0,
      skipped: 0,
      failed: 0,
      startedAt: at,
      updatedAt: at,
      message: '',
      recent: [],
    };
    await this.update(() => state);
    return this.run(state, settings.paceMs);
  }

  private async run(state: BatchState, paceMs: [number, number]): Promise<BatchReply> {
    // tabs.update fails only for a tab that no longer exists (closed, or gone with a browser restart).
    const tabGone = await this.api.activateTab(state.tabId).then(
      () => false,
      () => true,
    );
    try {
      await this.api.sendToTab(state.tabId, {
        type: 'postproof/batch-run',
        batchId: state.id,
        limit: state.limit,
        paceMs,
        counts: { captured: state.captured, skipped: state.skipped, failed: state.failed },
      });
      return { ok: true, state };
    } catch {
      const message = tabGone
        ? `The tab of this batch is gone (closed, or the browser was restarted); ${state.captured} post(s) were saved. Open the page again and press “Preserve all posts”: posts already saved are skipped.`
        : 'PostProof is not running in that tab. Reload the page, then resume.';
      const failed = await this.update((s) => (s?.id === state.id ? { ...s, status: 'interrupted', message } : s));
      return { ok: false, message: failed?.message ?? 'PostProof is not running in that tab.' };
    }
  }

  private async steer(action: 'pause' | 'resume' | 'cancel'): Promise<BatchReply> {
    const current = await this.read();
    if (!current) return { ok: false, message: 'No batch capture to steer.' };
    if (action === 'resume' && current.status === 'interrupted') {
      const resumed = await this.update((s) => (s ? { ...s, status: 'running', message: '', updatedAt: this.now().toISOString() } : s));
      const settings = await this.settings();
      return this.run(resumed!, settings.paceMs);
    }
    if (current.status !== 'running' && current.status !== 'paused') return { ok: true, state: current };
    const status = action === 'pause' ? 'paused' : action === 'resume' ? 'running' : 'cancelled';
    const state = await this.update((s) => (s ? { ...s, status, updatedAt: this.now().toISOString() } : s));
    const reply = (await this.api.sendToTab(current.tabId, { type: 'postproof/batch-steer', batchId: current.id, action }).catch(() => undefined)) as { running?: boolean } | undefined;
    // The tab lost its batch (page reloaded, tab closed): resuming starts it again where the counts left off.
    if (action === 'resume' && !reply?.running) {
      const settings = await this.settings();
      return this.run(state!, settings.paceMs);
    }
    return { ok: true, ...(state ? { state } : {}) };
  }
}
