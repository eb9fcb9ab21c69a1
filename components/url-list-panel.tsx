// Capture from a list, in the dashboard: paste or import URLs (TXT or CSV), start, follow the progress, pause,
// resume, cancel, read each URL's outcome and export them as CSV. The queue runs in the background
// (utils/lists/list-background.ts); this page reads the lists from the store and polls them while one runs.
// Up to ROWS_RENDERED_WHOLE rows are all in the page (each one findable); a longer list shows a window of rows as it
// scrolls, and a filter by outcome brings any outcome's rows together.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, tCount } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { LIST_MAX_URLS, parseUrlList, type ParsedList } from '../utils/lists/parse';
import { countOutcomes, LIST_OUTCOMES, listPercent, MAX_LIST_CONCURRENCY, outcomesCsv, type ListOutcome } from '../utils/lists/state';
import type { ListCommandMessage } from '../utils/lists/messages';
import type { StoredList, StoredListItem } from '../utils/store/rows';
import { ProgressBar } from './progress-bar';
import { downloadBytes } from './download';
import { visibleRange } from './virtual-list';
import './url-list.css';

/** Rows rendered all at once up to this many (after the filter); beyond, only those in view. */
export const ROWS_RENDERED_WHOLE = 1_000;
export const LIST_ROW_HEIGHT = 44;
const VIEW_HEIGHT = 440;
const POLL_MS = 1_000;

export interface UrlListApi {
  /** Every list, newest first. */
  lists(): Promise<StoredList[]>;
  items(listId: string): Promise<StoredListItem[]>;
  /** browser.runtime.sendMessage. */
  send(message: ListCommandMessage | { type: 'postproof/list-wake' }): Promise<unknown>;
}

type Reply = { ok: true; listId?: string; list?: StoredList } | { ok: false; message: string };

const OUTCOME_KEYS: Record<ListOutcome, Parameters<typeof t>[0]> = {
  saved: 'list_outcome_saved',
  'already-saved': 'list_outcome_already_saved',
  'no-post': 'list_outcome_no_post',
  'not-served': 'list_outcome_not_served',
  'login-wall': 'list_outcome_login_wall',
  unsupported: 'list_outcome_unsupported',
  error: 'list_outcome_error',
  pending: 'list_outcome_pending',
};
const STATUS_KEYS: Record<StoredList['status'], Parameters<typeof t>[0]> = {
  running: 'list_status_running',
  paused: 'list_status_paused',
  cancelled: 'list_status_cancelled',
  done: 'list_status_done',
  interrupted: 'list_status_interrupted',
};

export function outcomeLabel(outcome: ListOutcome): string {
  return t(OUTCOME_KEYS[outcome]);
}

function parseSummary(parsed: ParsedList): string {
  if (parsed.tooMany) return t('list_too_many', [parsed.tooMany.count.toLocaleString(), parsed.tooMany.max.toLocaleString()]);
  const valid = parsed.entries.filter((e) => e.valid).length;
  const invalid = parsed.entries.length - valid;
  const read = tCount('list_read_count', valid, [parsed.format === 'csv' ? t('list_format_csv', parsed.column ?? '1') : t('list_format_txt')]);
  return invalid > 0 ? `${read} ${tCount('list_invalid_count', invalid)}` : read;
}

/** The lists and the chosen one's items, read from the store, again every second while it runs. */
function useLists(api: UrlListApi, chosen: string | undefined) {
  const [lists, setLists] = useState<StoredList[]>([]);
  const [items, setItems] = useState<StoredListItem[]>([]);
  const [error, setError] = useState('');
  const seen = useRef<{ id?: string; updatedAt?: string; status?: string }>({});
  const [tick, setTick] = useState(0);
  const current = lists.find((l) => l.id === chosen) ?? lists[0];

  useEffect(() => {
    let stopped = false;
    let lastChange = Date.now();
    const read = async () => {
      try {
        const all = (await api.lists()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        if (stopped) return;
        setLists(all);
        const list = all.find((l) => l.id === chosen) ?? all[0];
        if (!list) return;
        if (seen.current.id !== list.id || seen.current.updatedAt !== list.updatedAt || seen.current.status !== list.status) {
          const rows = await api.items(list.id);
          if (stopped) return;
          seen.current = { id: list.id, updatedAt: list.updatedAt, status: list.status };
          setItems(rows.sort((a, b) => a.index - b.index));
          lastChange = Date.now();
        } else if (list.status === 'running' && Date.now() - lastChange > 10_000) {
          // Nothing moved for a while: the background may have been stopped; a message starts it again.
          lastChange = Date.now();
          void api.send({ type: 'postproof/list-wake' }).catch(() => undefined);
        }
        setError('');
      } catch (failure) {
        if (!stopped) setError(errorMessage(failure));
      }
    };
    void read();
    void api.send({ type: 'postproof/list-wake' }).catch(() => undefined);
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, chosen, tick]);
  return { lists, current, items: current && items[0]?.listId === current.id ? items : [], error, reload: () => setTick((n) => n + 1) };
}

export function UrlListPanel({ api }: { api: UrlListApi }) {
  const [text, setText] = useState('');
  const [concurrency, setConcurrency] = useState(1);
  const [chosen, setChosen] = useState<string>();
  const [filter, setFilter] = useState<ListOutcome | 'all'>('all');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const { lists, current, items, error, reload } = useLists(api, chosen);
  const parsed = useMemo(() => (text.trim() ? parseUrlList(text) : undefined), [text]);
  const counts = useMemo(() => countOutcomes(items), [items]);
  const shown = useMemo(() => (filter === 'all' ? items : items.filter((item) => item.outcome === filter)), [items, filter]);

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      setText(await file.text());
      setMessage('');
    } catch (failure) {
      setMessage(t('list_import_failed', errorMessage(failure)));
    }
  }

  async function start() {
    if (!parsed || parsed.entries.length === 0) {
      setMessage(t('list_empty'));
      return;
    }
    if (parsed.tooMany) {
      setMessage(parseSummary(parsed));
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      const reply = (await api.send({ type: 'postproof/list-create', name: '', urls: parsed.entries.map((e) => e.text), concurrency })) as Reply | undefined;
      if (!reply?.ok) setMessage(reply?.message ?? t('list_no_answer'));
      else {
        setText('');
        setChosen(reply.listId);
        setFilter('all');
        reload();
      }
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function steer(action: 'pause' | 'resume' | 'cancel') {
    if (!current) return;
    try {
      const reply = (await api.send({ type: 'postproof/list-control', listId: current.id, action })) as Reply | undefined;
      if (reply && !reply.ok) setMessage(reply.message);
      reload();
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  }

  function exportCsv() {
    if (!current) return;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    downloadBytes(new TextEncoder().encode(outcomesCsv(items)), `postproof-list-${stamp}.csv`, 'text/csv');
  }

  const active = current?.status === 'running' || current?.status === 'paused' || current?.status === 'interrupted';
  const done = current ? current.total - counts.pending : 0;
  return (
    <section class="url-list pp-card" aria-labelledby="url-list-title" data-testid="url-list">
      <h2 id="url-list-title">{t('list_title')}</h2>
      <p class="hint">{t('list_hint', LIST_MAX_URLS.toLocaleString())}</p>
      <div class="url-list-form">
        <label for="url-list-input">{t('list_input_label')}</label>
        <textarea id="url-list-input" data-testid="url-list-input" rows={6} dir="ltr" spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby="url-list-parsed" />
        <p id="url-list-parsed" class="hint" aria-live="polite" data-testid="url-list-parsed">
          {parsed ? parseSummary(parsed) : ''}
        </p>
        <div class="url-list-controls">
          <label>
            {t('list_import_label')}{' '}
            <input type="file" data-testid="url-list-file" accept=".txt,.csv,.tsv,text/plain,text/csv" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
          </label>
          <label>
            {t('list_concurrency_label')}{' '}
            <select data-testid="url-list-concurrency" value={String(concurrency)} onChange={(e) => setConcurrency(Number(e.currentTarget.value))}>
              {Array.from({ length: MAX_LIST_CONCURRENCY }, (_, i) => (
                <option value={String(i + 1)}>{i + 1}</option>
              ))}
            </select>
          </label>
          <button type="button" class="primary" data-testid="url-list-start" disabled={busy} onClick={() => void start()}>
            {t('list_start')}
          </button>
        </div>
        {message ? <p class="error" role="alert" data-testid="url-list-message">{message}</p> : null}
        {error ? <p class="error" role="alert">{error}</p> : null}
      </div>

      {current ? (
        <div class="url-list-run" data-testid="url-list-run" data-status={current.status} data-list-id={current.id}>
          {lists.length > 1 ? (
            <label>
              {t('list_choose_label')}{' '}
              <select data-testid="url-list-choose" value={current.id} onChange={(e) => setChosen(e.currentTarget.value)}>
                {lists.map((l) => (
                  <option value={l.id}>{`${l.name} (${l.total})`}</option>
                ))}
              </select>
            </label>
          ) : null}
          <p class="status" role="status" data-testid="url-list-status">
            {t(STATUS_KEYS[current.status])} {t('list_summary', [done, current.total, counts.saved, counts['already-saved'], counts['no-post'] + counts['not-served'], counts['login-wall'], counts.unsupported, counts.error])}
            {current.message ? ` ${current.message}` : ''}
          </p>
          <ProgressBar percent={listPercent(counts, current.total)} label={t('list_progress_label')} testId="url-list-progress" />
          <div class="url-list-controls">
            {current.status === 'running' ? (
              <button type="button" data-testid="url-list-pause" onClick={() => void steer('pause')}>
                {t('list_pause')}
              </button>
            ) : null}
            {current.status === 'paused' || current.status === 'interrupted' ? (
              <button type="button" data-testid="url-list-resume" onClick={() => void steer('resume')}>
                {t('list_resume')}
              </button>
            ) : null}
            {active ? (
              <button type="button" class="danger" data-testid="url-list-cancel" onClick={() => void steer('cancel')}>
                {t('list_cancel')}
              </button>
            ) : null}
            <button type="button" data-testid="url-list-export" disabled={items.length === 0} onClick={exportCsv}>
              {t('list_export')}
            </button>
            <label>
              {t('list_filter_label')}{' '}
              <select data-testid="url-list-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as ListOutcome | 'all')}>
                <option value="all">{t('list_filter_all')}</option>
                {LIST_OUTCOMES.map((o) => (
                  <option value={o}>{`${outcomeLabel(o)} (${counts[o]})`}</option>
                ))}
              </select>
            </label>
          </div>
          <UrlRows items={shown} />
        </div>
      ) : (
        <p class="hint" data-testid="url-list-none">{t('list_none')}</p>
      )}
    </section>
  );
}

function Row({ item }: { item: StoredListItem }) {
  return (
    <li class="url-list-row" data-testid="url-list-row" data-url={item.url} data-outcome={item.outcome} data-index={item.index} {...(item.captureId ? { 'data-capture-id': item.captureId } : {})}>
      <span class="url-list-index">{item.index + 1}</span>
      <span class={`url-list-outcome url-list-outcome-${item.outcome}`}>{outcomeLabel(item.outcome)}</span>
      <span class="url-list-url" dir="ltr" title={item.url}>
        {item.url}
      </span>
      <span class="url-list-note" dir="auto" title={item.message}>
        {item.message ?? ''}
        {item.captureId ? (
          <>
            {' '}
            <a href={`viewer.html?capture=${encodeURIComponent(item.captureId)}`} target="_blank" rel="noopener" data-testid="url-list-capture-link">
              {t('list_open_capture')}
            </a>
          </>
        ) : null}
      </span>
    </li>
  );
}

/** Every row up to ROWS_RENDERED_WHOLE; beyond, the rows in view of a scrolling box of fixed-height rows. */
export function UrlRows({ items }: { items: readonly StoredListItem[] }) {
  const [scrollTop, setScrollTop] = useState(0);
  if (items.length <= ROWS_RENDERED_WHOLE) {
    return (
      <ol class="url-list-rows" aria-label={t('list_rows_label')} data-testid="url-list-rows">
        {items.map((item) => (
          <Row key={item.index} item={item} />
        ))}
      </ol>
    );
  }
  const [from, to] = visibleRange(scrollTop, VIEW_HEIGHT, LIST_ROW_HEIGHT, items.length);
  return (
    <div class="url-list-scroll" style={{ blockSize: `${VIEW_HEIGHT}px` }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0} role="region" aria-label={t('list_rows_label')}>
      <p class="hint">{t('list_long_hint', items.length.toLocaleString())}</p>
      <ol class="url-list-rows url-list-rows-windowed" data-testid="url-list-rows" style={{ paddingBlockStart: `${from * LIST_ROW_HEIGHT}px`, paddingBlockEnd: `${(items.length - to) * LIST_ROW_HEIGHT}px` }} start={from + 1}>
        {items.slice(from, to).map((item) => (
          <Row key={item.index} item={item} />
        ))}
      </ol>
    </div>
  );
}
