// On a profile grid (Instagram, TikTok, X's media tab), where each tile only links to its post: "Preserve all posts on
// this page" collects the tiles' post links (scrolling at the batch pace) and sends them to the list queue, which
// preserves each post from its own page; "Keep the tiles only" keeps each tile as it is shown, labelled as a tile.
import { useEffect, useState } from 'preact/hooks';
import { batchSettingsFrom, type BatchSettings } from '../utils/batch/state';
import { errorMessage } from '../utils/error-message';
import {
  GRID_COLLECT,
  GRID_KEEP_TILES,
  GRID_PROBE,
  gridListCreate,
  type GridCollectReply,
  type GridKeepTilesReply,
  type GridProbeReply,
} from '../utils/grids/messages';
import { t, tCount } from '../utils/i18n/i18n';
import type { GridOwner } from '../utils/platforms/grids';
import './grid-panel.css';

export interface GridPanelApi {
  /** browser.tabs.sendMessage */
  sendToTab(tabId: number, message: unknown): Promise<unknown>;
  /** browser.runtime.sendMessage */
  sendToBackground(message: unknown): Promise<unknown>;
  /** The batch's settings: its pace and limit are the grid's too. */
  settings(): Promise<BatchSettings>;
  openDashboard(): void;
  now?(): Date;
}

type Status =
  | { state: 'idle' }
  | { state: 'collecting' }
  | { state: 'queued'; name: string; count: number; reason: 'end' | 'limit'; limit: number }
  | { state: 'not-queued'; message: string; urls: string[] }
  | { state: 'keeping' }
  | { state: 'kept'; captured: number; failed: number; message?: string }
  | { state: 'error'; message: string };

/** Reads the batch settings from extension storage (the options page writes them). */
export function storedBatchSettings(get: (keys: string[]) => Promise<Record<string, unknown>>): () => Promise<BatchSettings> {
  return async () => batchSettingsFrom(await get(['batchLimit', 'batchPaceMs']));
}

function platformName(owner: GridOwner): string {
  return owner.platform === 'instagram' ? 'Instagram' : owner.platform === 'tiktok' ? 'TikTok' : 'X';
}

export function GridPanel({ tabId, api }: { tabId: number | undefined; api: GridPanelApi }) {
  const [probe, setProbe] = useState<Extract<GridProbeReply, { grid: true }>>();
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  useEffect(() => {
    if (tabId === undefined) return;
    api.sendToTab(tabId, { type: GRID_PROBE }).then(
      (reply) => {
        const answer = reply as GridProbeReply | undefined;
        setProbe(answer?.grid ? answer : undefined);
      },
      () => setProbe(undefined),
    );
  }, [tabId, api]);

  if (!probe || tabId === undefined) return null;
  const busy = status.state === 'collecting' || status.state === 'keeping';
  // An X profile's timeline: its posts go to the list queue too, but it has no tiles to keep.
  const timeline = probe.kind === 'timeline';

  async function preserveAll() {
    setStatus({ state: 'collecting' });
    try {
      const settings = await api.settings();
      const reply = (await api.sendToTab(tabId!, { type: GRID_COLLECT, limit: settings.limit, paceMs: settings.paceMs })) as GridCollectReply | undefined;
      if (!reply) return setStatus({ state: 'error', message: t('grid_no_answer') });
      if (!reply.ok) return setStatus({ state: 'error', message: reply.message });
      if (reply.urls.length === 0) return setStatus({ state: 'error', message: t('grid_no_links') });
      const message = gridListCreate(reply.owner, reply.urls, api.now?.() ?? new Date());
      try {
        const answer = (await api.sendToBackground(message)) as { ok?: boolean; message?: string } | undefined;
        // The collected links are never lost: where the queue refuses them, they are shown to be pasted into a list.
        // No answer at all means no queue took them: saying "queued" then would be false.
        if (!answer || answer.ok === false) return setStatus({ state: 'not-queued', message: answer?.message ?? t('grid_queue_no_answer'), urls: message.urls });
        setStatus({ state: 'queued', name: message.name, count: message.urls.length, reason: reply.reason, limit: settings.limit });
      } catch (error) {
        setStatus({ state: 'not-queued', message: errorMessage(error), urls: message.urls });
      }
    } catch (error) {
      setStatus({ state: 'error', message: errorMessage(error) });
    }
  }

  async function keepTiles() {
    setStatus({ state: 'keeping' });
    try {
      const settings = await api.settings();
      const reply = (await api.sendToTab(tabId!, { type: GRID_KEEP_TILES, limit: settings.limit, paceMs: settings.paceMs })) as GridKeepTilesReply | undefined;
      if (!reply) return setStatus({ state: 'error', message: t('grid_no_answer') });
      if (!reply.ok) return setStatus({ state: 'error', message: reply.message });
      setStatus({ state: 'kept', captured: reply.captured, failed: reply.failed, message: reply.message });
    } catch (error) {
      setStatus({ state: 'error', message: errorMessage(error) });
    }
  }

  const text =
    status.state === 'collecting' ? t('grid_collecting')
    : status.state === 'queued' ? `${tCount('grid_queued', status.count, [status.name])}${status.reason === 'limit' ? ` ${t('grid_stopped_at_limit', status.limit)}` : ''}`
    : status.state === 'not-queued' ? t('grid_not_queued', status.message)
    : status.state === 'keeping' ? t('grid_keeping')
    : status.state === 'kept' ? `${tCount('grid_kept', status.captured)}${status.failed ? ` ${tCount('grid_kept_failed', status.failed)}` : ''}${status.message ? ` ${status.message}` : ''}`
    : status.state === 'error' ? t('grid_failed', status.message)
    : '';

  return (
    <section class="grid-panel" aria-labelledby="grid-panel-heading" data-testid="grid-panel" data-platform={probe.owner.platform} data-kind={probe.kind}>
      <h2 id="grid-panel-heading" class="grid-panel-heading">
        {t(timeline ? 'grid_timeline_heading' : 'grid_heading', platformName(probe.owner))} <bdi dir="ltr">@{probe.owner.handle}</bdi>
      </h2>
      <p class="hint">{timeline ? tCount('grid_timeline_posts_shown', probe.tiles) : tCount('grid_tiles_shown', probe.tiles)}</p>
      <div class="grid-panel-actions">
        <button type="button" data-testid="grid-preserve-all" disabled={busy} onClick={() => void preserveAll()} aria-describedby="grid-preserve-all-why">
          {t(timeline ? 'grid_timeline_preserve_all' : 'grid_preserve_all')}
        </button>
        <span class="hint" id="grid-preserve-all-why">{t(timeline ? 'grid_timeline_preserve_all_hint' : 'grid_preserve_all_hint')}</span>
        {timeline ? null : (
          <>
            <button type="button" class="grid-secondary" data-testid="grid-keep-tiles" disabled={busy} onClick={() => void keepTiles()} aria-describedby="grid-keep-tiles-why">
              {t('grid_keep_tiles')}
            </button>
            <span class="hint" id="grid-keep-tiles-why">{t('grid_keep_tiles_hint')}</span>
          </>
        )}
      </div>
      <p
        class={status.state === 'error' || status.state === 'not-queued' ? 'error' : 'status'}
        role="status"
        aria-live="polite"
        data-testid="grid-status"
        data-state={status.state}
      >
        {text}
      </p>
      {status.state === 'queued' ? (
        <button type="button" class="link-button" data-testid="grid-open-lists" onClick={() => api.openDashboard()}>
          {t('grid_open_lists')}
        </button>
      ) : null}
      {status.state === 'not-queued' ? (
        <label class="grid-links">
          {t('grid_links_label')}
          <textarea readOnly rows={4} dir="ltr" data-testid="grid-links" value={status.urls.join('\n')} />
        </label>
      ) : null}
    </section>
  );
}
