// Dashboard: every capture, searchable, with select-all and the export of the chosen ones as an evidence bundle.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import '../../components/pages.css';
import { CaptureList } from '../../components/capture-list';
import { ExportControl } from '../../components/export-control';
import { extensionExport } from '../../components/extension-export';
import { countLabel } from '../../components/format';
import { KeyFingerprint } from '../../components/key-fingerprint';
import { useSelection } from '../../components/selection';
import { useCaptureStore } from '../../components/use-capture-store';
import { useDebounced } from '../../components/use-debounced';
import { matchesQuery } from '../../utils/store/captures';

const SEARCH_DELAY_MS = 150;

function Dashboard() {
  const store = useCaptureStore();
  const [query, setQuery] = useState('');
  const settledQuery = useDebounced(query, SEARCH_DELAY_MS);
  const visible = useMemo(() => store.captures.filter((c) => matchesQuery(c, settledQuery)), [store.captures, settledQuery]);
  const visibleIds = useMemo(() => visible.map((c) => c.id), [visible]);
  // Only ticked rows that are shown get exported: what you see is what leaves.
  const selection = useSelection(visibleIds);
  const runExport = useMemo(() => (store.db ? extensionExport(store.db) : undefined), [store.db]);
  const allShownSelected = visible.length > 0 && selection.selectedIds.length === visible.length;
  const someShownSelected = selection.selectedIds.length > 0 && !allShownSelected;

  useEffect(() => {
    // Captures made in other tabs appear when the dashboard comes back to the front.
    const onVisible = () => {
      if (document.visibilityState === 'visible') store.reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store.reload]);

  const countLine = settledQuery.trim()
    ? `${visible.length} of ${countLabel(store.captures.length, 'capture', 'captures')} match; ${selection.selectedIds.length} selected.`
    : `${countLabel(store.captures.length, 'capture', 'captures')}; ${selection.selectedIds.length} selected.`;

  return (
    <main>
      <h1>PostProof captures</h1>
      <p>
        <a href="verify.html">Verify a bundle</a>
        <span class="hint"> – check an exported ZIP, from this browser or anyone else's.</span>
      </p>
      {store.error ? <p class="error" role="alert">{store.error}</p> : null}
      <div class="toolbar">
        <label class="select-all">
          <input
            type="checkbox"
            data-testid="select-all"
            checked={allShownSelected}
            indeterminate={someShownSelected}
            disabled={visible.length === 0}
            onChange={(event) => selection.setMany(visibleIds, event.currentTarget.checked)}
          />{' '}
          Select all shown
        </label>
        <label for="search" class="visually-hidden">Search captures</label>
        <input
          id="search"
          type="search"
          data-testid="search"
          placeholder="Search author, handle, text, link or id"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
          dir="auto"
        />
      </div>
      <p class="count" data-testid="capture-count" aria-live="polite">{store.loading ? 'Loading captures…' : countLine}</p>
      {!store.loading && !store.error && store.captures.length === 0 ? (
        <p class="empty" data-testid="empty-state">
          No captures yet. Open a post on a supported site and click its Preserve button; it will be listed here.
        </p>
      ) : null}
      {!store.loading && store.captures.length > 0 && visible.length === 0 ? (
        <p class="empty" data-testid="empty-state">
          No capture matches “<span dir="auto">{settledQuery.trim()}</span>”.
        </p>
      ) : null}
      <CaptureList captures={visible} selected={selection.selected} onToggle={selection.toggle} stamps={store.stamps} />
      <div class="toolbar">
        <label>
          Format{' '}
          <select data-testid="export-format">
            <option value="zip">Evidence bundle (ZIP)</option>
            <option value="wacz" disabled>
              WACZ (coming)
            </option>
          </select>
        </label>
      </div>
      <ExportControl
        selectedIds={selection.selectedIds}
        runExport={runExport}
        unavailable={store.error ? 'Storage is not available.' : undefined}
      />
      <KeyFingerprint keyId={store.keyId} />
    </main>
  );
}

render(<Dashboard />, document.getElementById('app')!);
