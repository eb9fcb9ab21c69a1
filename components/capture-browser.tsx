// The dashboard's capture browser: search through the full-text index, filters, sort, the virtualized list with
// keyboard access (arrows or j/k move, Enter opens), and the detail view of one capture with previous/next through
// the list as shown; Escape returns to the list with the focus on the row of the capture last open. Selection and
// export stay with the page.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlatformName } from '../utils/model';
import type { CaptureListing, CaptureStampState, WitnessListingState } from '../utils/store/rows';
import type { VerifyReport } from '../utils/formats/bundle/types';
import { t, tCount } from '../utils/i18n/i18n';
import { searchCaptures } from '../utils/store/search';
import type { PostProofDb } from '../utils/store/db';
import { CaptureDetail } from './capture-detail';
import type { WitnessActions } from './witness-panel';
import { currentWitnessStates, filterChoices, filterListings, type DashboardFilter, type SortKey } from './dashboard-filter';
import { ListingRow, STAMP_LABELS, WITNESS_FILTER_STATES, WITNESS_LABELS } from './listing-row';
import { LOCKER_FILTER_STATES, LOCKER_LABELS, type LockerSummaries } from './locker-state';
import type { LockerRowState } from '../utils/locker/queue-types';
import { scrollQuiet } from './scroll-quiet';
import type { Selection } from './selection';
import type { DashboardData } from './use-dashboard-data';
import { useIndexSearch } from './use-index-search';
import { VirtualList } from './virtual-list';

/** A row's thumbnail is read once the row is shown and the list has been still this long. */
const THUMBNAIL_QUIET_MS = 120;
export const ROW_HEIGHT = 84;
/** Performance entries the bench reads (npm run bench): time to the first list, and each search. */
export const RENDERED_MARK = 'postproof-dashboard-rendered';
/** The next frame after the first list was painted: what the bench times, measured in the page itself. */
export const PAINTED_MARK = 'postproof-dashboard-painted';
export const SEARCH_MEASURE = 'postproof-search';

const SORT_LABELS: Record<SortKey, Parameters<typeof t>[0]> = {
  'captured-desc': 'sort_captured_desc',
  'captured-asc': 'sort_captured_asc',
  'posted-desc': 'sort_posted_desc',
  'posted-asc': 'sort_posted_asc',
  author: 'sort_author',
};

const NO_LOCKER_STATES: LockerSummaries = new Map();

/** Search and filters over the listing rows: what the list shows, in order. `lockerStates`: each capture's place in the locker. */
export function useCaptureBrowser(data: DashboardData, lockerStates: LockerSummaries = NO_LOCKER_STATES) {
  const [query, setTypedQuery] = useState('');
  const [filter, setFilter] = useState<DashboardFilter>({ sort: 'captured-desc' });
  // When each query was typed: a search is timed from the key to the painted list.
  const typedAt = useRef(new Map<string, number>());
  const search = useMemo(() => (data.db ? (words: string) => searchCaptures(data.db!, words) : undefined), [data.db]);
  // A reload (new captures) searches again.
  const found = useIndexSearch(search, query, data.listings);
  const settledQuery = found.query;

  const setQuery = (value: string) => {
    typedAt.current.set(value, performance.now());
    setTypedQuery(value);
  };

  const witnessStates = useMemo(() => currentWitnessStates(data.listings), [data.listings]);
  const visible = useMemo(
    () => filterListings(data.listings, filter, { annotations: data.annotations, stampStates: data.stampStates, searchHits: found.hits, witnessStates, lockerStates }),
    [data.listings, data.annotations, data.stampStates, filter, found.hits, witnessStates, lockerStates],
  );
  const visibleIds = useMemo(() => visible.map((row) => row.id), [visible]);

  useEffect(() => {
    // Effects run after the frame that shows the answer has been painted.
    const started = typedAt.current.get(settledQuery);
    if (started === undefined) return;
    typedAt.current.clear();
    performance.measure(SEARCH_MEASURE, { start: started, end: performance.now(), detail: { query: settledQuery } });
  }, [found]);

  return { query, setQuery, settledQuery, searchError: found.error, filter, setFilter, visible, visibleIds, witnessStates, lockerStates };
}

export type CaptureBrowserState = ReturnType<typeof useCaptureBrowser>;

/** The capture a row is about: a re-check's checked capture, else the row itself. */
function openRecheckOf(rows: readonly CaptureListing[], id: string): string | undefined {
  return rows.find((row) => row.id === id)?.recheckOf;
}

export interface CaptureBrowserProps {
  data: DashboardData;
  browser: CaptureBrowserState;
  selection: Selection;
  version: string;
  verify: (db: PostProofDb, captureId: string, version: string) => Promise<VerifyReport>;
  listHeight?: number;
  /** "Check again" and "Watch" (the background does them); absent, the detail only shows the witness. */
  witness?: WitnessActions;
}

function FilterSelect<V extends string>({ testId, label, value, options, onChange }: { testId: string; label: string; value: V | undefined; options: readonly { value: V; label: string }[]; onChange: (value: V | undefined) => void }) {
  return (
    <label class="filter">
      <span class="filter-label">{label}</span>
      <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange((e.currentTarget.value || undefined) as V | undefined)}>
        <option value="">{t('filter_any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

export function CaptureBrowser({ data, browser, selection, version, verify, listHeight = 560, witness }: CaptureBrowserProps) {
  const { visible, visibleIds, filter, setFilter } = browser;
  const [focusedIndex, setFocusedIndex] = useState(0);
  const [openId, setOpenId] = useState<string>();
  const listBox = useRef<HTMLDivElement>(null);
  // Set when the detail closes: the row to give the focus back to, once the list is shown again.
  const [returnTo, setReturnTo] = useState<number>();
  const choices = useMemo(() => filterChoices(data.listings, data.annotations), [data.listings, data.annotations]);
  const cases = useMemo(() => new Map(data.cases.map((c) => [c.id, c])), [data.cases]);
  const marked = useRef(false);
  const thumbnails = useMemo(() => scrollQuiet(THUMBNAIL_QUIET_MS), []);
  const allShownSelected = visible.length > 0 && selection.selectedIds.length === visible.length;
  const someShownSelected = selection.selectedIds.length > 0 && !allShownSelected;
  const set = (change: Partial<DashboardFilter>) => {
    setFilter({ ...filter, ...change });
    setFocusedIndex(0);
  };

  useEffect(() => {
    if (!data.loading && !marked.current) {
      marked.current = true;
      performance.mark(RENDERED_MARK, { detail: { captures: data.listings.length } });
      requestAnimationFrame(() => performance.mark(PAINTED_MARK));
    }
  }, [data.loading]);

  function close() {
    const id = openId;
    setOpenId(undefined);
    // Back in the list, on the row that was open.
    const index = id ? visibleIds.indexOf(id) : -1;
    if (index >= 0) {
      setFocusedIndex(index);
      setReturnTo(index);
    }
  }

  /** Opens the capture at `index` in the list as shown (previous/next in the detail); the list's focus follows. */
  function openAt(index: number) {
    const id = visibleIds[index];
    if (id === undefined) return;
    setOpenId(id);
    setFocusedIndex(index);
  }

  useLayoutEffect(() => {
    if (returnTo === undefined || openId !== undefined) return undefined;
    const viewport = listBox.current?.querySelector<HTMLElement>('.virtual-viewport');
    if (!viewport) return undefined;
    // The list was hidden while the detail was open (its scroll offset may be gone): bring the row into view, tell
    // the list where it is scrolled (it renders only the rows in view), then focus the row once it is rendered.
    const top = returnTo * ROW_HEIGHT;
    if (top < viewport.scrollTop || top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = Math.max(0, top - ROW_HEIGHT);
    viewport.dispatchEvent(new Event('scroll'));
    let frame = 0;
    let tries = 0;
    const focusRow = () => {
      const row = viewport.querySelector<HTMLElement>(`[data-row-index="${returnTo}"]`);
      if (row) {
        row.focus({ preventScroll: true });
        setReturnTo(undefined);
      } else if (tries++ < 10) {
        frame = requestAnimationFrame(focusRow);
      }
    };
    focusRow();
    return () => cancelAnimationFrame(frame);
  }, [returnTo, openId]);

  /** j and k in the list are ArrowDown and ArrowUp: the list moves its focus (and scrolls) as for the arrows. */
  function vimKeys(event: KeyboardEvent) {
    if ((event.key !== 'j' && event.key !== 'k') || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.closest('a, textarea, select, input:not([type="checkbox"])')) return;
    event.preventDefault();
    target.dispatchEvent(new KeyboardEvent('keydown', { key: event.key === 'j' ? 'ArrowDown' : 'ArrowUp', bubbles: true, cancelable: true }));
  }

  const openIndex = openId ? visibleIds.indexOf(openId) : -1;

  const total = tCount('count_captures', Math.max(data.total, data.listings.length));
  const selected = tCount('count_selected', selection.selectedIds.length);
  const filtered = browser.settledQuery.trim() !== '' || Object.keys(filter).some((k) => k !== 'sort' && filter[k as keyof DashboardFilter] !== undefined);
  const countLine = filtered ? t('count_matching', [visible.length, total, selected]) : t('count_all', [total, selected]);

  return (
    <div class="capture-browser">
      <div class="toolbar">
        <label class="select-all">
          <input
            type="checkbox"
            data-testid="select-all"
            checked={allShownSelected}
            indeterminate={someShownSelected}
            // Until every row is read (just after the first paint), "all shown" would miss the rest.
            disabled={visible.length === 0 || !data.complete}
            onChange={(event) => selection.setMany(visibleIds, event.currentTarget.checked)}
          />{' '}
          {t('select_all_shown')}
        </label>
        <label for="search" class="visually-hidden">{t('search_label')}</label>
        <input
          id="search"
          type="search"
          data-testid="search"
          placeholder={t('search_placeholder')}
          value={browser.query}
          onInput={(event) => {
            browser.setQuery(event.currentTarget.value);
            setFocusedIndex(0);
          }}
          dir="auto"
        />
      </div>
      <div class="toolbar filters" role="group" aria-label={t('filters_label')}>
        <FilterSelect<PlatformName> testId="filter-platform" label={t('filter_platform')} value={filter.platform} options={choices.platforms.map((p) => ({ value: p, label: p }))} onChange={(platform) => set({ platform })} />
        <FilterSelect testId="filter-author" label={t('filter_author')} value={filter.author} options={choices.authors.map((a) => ({ value: a, label: a }))} onChange={(author) => set({ author })} />
        <FilterSelect testId="filter-case" label={t('filter_case')} value={filter.caseId} options={data.cases.map((c) => ({ value: c.id, label: c.name }))} onChange={(caseId) => set({ caseId })} />
        <FilterSelect testId="filter-tag" label={t('filter_tag')} value={filter.tag} options={choices.tags.map((tag) => ({ value: tag, label: tag }))} onChange={(tag) => set({ tag })} />
        <FilterSelect<CaptureStampState> testId="filter-stamp" label={t('filter_stamp')} value={filter.stamp} options={(['stamped', 'waiting', 'failed', 'off'] as const).map((s) => ({ value: s, label: t(STAMP_LABELS[s]) }))} onChange={(stamp) => set({ stamp })} />
        <FilterSelect<WitnessListingState> testId="filter-witness" label={t('filter_witness')} value={filter.witness} options={WITNESS_FILTER_STATES.map((s) => ({ value: s, label: t(WITNESS_LABELS[s]) }))} onChange={(witness) => set({ witness })} />
        <FilterSelect<LockerRowState> testId="filter-locker" label={t('filter_locker')} value={filter.locker} options={LOCKER_FILTER_STATES.map((s) => ({ value: s, label: t(LOCKER_LABELS[s]) }))} onChange={(locker) => set({ locker })} />
        <label class="filter">
          <span class="filter-label">{t('filter_from')}</span>
          <input type="date" data-testid="filter-from" value={filter.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        </label>
        <label class="filter">
          <span class="filter-label">{t('filter_to')}</span>
          <input type="date" data-testid="filter-to" value={filter.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        </label>
        <label class="filter">
          <span class="filter-label">{t('sort_label')}</span>
          <select data-testid="sort" value={filter.sort} onChange={(e) => set({ sort: e.currentTarget.value as SortKey })}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key}>{t(SORT_LABELS[key])}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="count" data-testid="capture-count" aria-live="polite">{data.loading ? t('loading_captures') : countLine}</p>
      {browser.searchError ? <p class="error" role="alert" data-testid="search-error">{t('error_search', browser.searchError)}</p> : null}
      {!data.loading && !data.error && data.listings.length === 0 ? <p class="empty" data-testid="empty-state">{t('empty_store')}</p> : null}
      {!data.loading && data.complete && data.listings.length > 0 && visible.length === 0 ? <p class="empty" data-testid="empty-state">{t('empty_filtered')}</p> : null}
      {openId && data.db ? (
        <CaptureDetail
          db={data.db}
          captureId={openId}
          cases={data.cases}
          keyId={data.keyId}
          version={version}
          verify={verify}
          onClose={close}
          onChanged={data.reload}
          rechecks={data.listings.filter((row) => row.recheckOf === (openRecheckOf(data.listings, openId) ?? openId))}
          {...(witness ? { witness } : {})}
          {...(openIndex >= 0 ? { position: { index: openIndex, count: visibleIds.length } } : {})}
          {...(openIndex > 0 ? { onPrevious: () => openAt(openIndex - 1) } : {})}
          {...(openIndex >= 0 && openIndex < visibleIds.length - 1 ? { onNext: () => openAt(openIndex + 1) } : {})}
          onSelectThread={(ids) => selection.setMany(ids, true)}
        />
      ) : null}
      <div hidden={openId !== undefined} ref={listBox} onKeyDown={vimKeys}>
        <p class="hint keyboard-hint">{t('detail_list_hint')}</p>
        <VirtualList<CaptureListing>
          items={visible}
          rowHeight={ROW_HEIGHT}
          height={listHeight}
          label={t('list_label')}
          testId="capture-list"
          itemKey={(row) => row.id}
          focusedIndex={focusedIndex}
          onFocusIndex={setFocusedIndex}
          onToggle={(row) => selection.toggle(row.id, !selection.selected.has(row.id))}
          onOpen={(row) => setOpenId(row.id)}
          onScrolled={thumbnails.moved}
          renderRow={(row) => (
            <ListingRow
              db={data.db}
              row={row}
              checked={selection.selected.has(row.id)}
              stamp={data.stampStates.get(row.id) ?? 'off'}
              witness={browser.witnessStates.get(row.id) ?? 'none'}
              annotation={data.annotations.get(row.id)}
              locker={browser.lockerStates.get(row.id)}
              cases={cases}
              thumbnailSchedule={thumbnails.whenStill}
              onToggle={selection.toggle}
              onOpen={setOpenId}
            />
          )}
        />
      </div>
    </div>
  );
}
