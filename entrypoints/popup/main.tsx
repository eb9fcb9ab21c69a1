// Popup: the page in front, recent captures with an export, the key fingerprint, and the way to the dashboard.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import { CaptureList } from '../../components/capture-list';
import { ExportControl } from '../../components/export-control';
import { extensionExport } from '../../components/extension-export';
import { KeyFingerprint } from '../../components/key-fingerprint';
import { PageStatusLine, readPageStatus, type PageStatus } from '../../components/page-status';
import { ScreenshotPermission } from '../../components/screenshot-permission';
import { useCaptureStore } from '../../components/use-capture-store';
import { useSelection } from '../../components/selection';

const RECENT_LIMIT = 20;

/** The tab the popup speaks about: `?tab=<id>` when given (a popup opened as a page), else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tab') ?? Number.NaN);
  if (Number.isInteger(fromUrl) && fromUrl >= 0) return fromUrl;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

function Popup() {
  const store = useCaptureStore();
  const recent = useMemo(() => store.captures.slice(0, RECENT_LIMIT), [store.captures]);
  const selection = useSelection(useMemo(() => recent.map((c) => c.id), [recent]));
  const [pageStatus, setPageStatus] = useState<PageStatus>({ state: 'checking' });
  const runExport = useMemo(() => (store.db ? extensionExport(store.db) : undefined), [store.db]);

  useEffect(() => {
    targetTabId()
      .then((tabId) => readPageStatus(tabId, (id, message) => browser.tabs.sendMessage(id, message)))
      .then(setPageStatus, () => setPageStatus({ state: 'unsupported' }));
  }, []);

  function openDashboard() {
    void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
  }

  return (
    <main>
      <h1>PostProof</h1>
      <PageStatusLine status={pageStatus} />
      <ScreenshotPermission permissions={browser.permissions} />
      <h2>Recent captures</h2>
      {store.error ? <p class="error" role="alert">{store.error}</p> : null}
      {!store.loading && !store.error && recent.length === 0 ? (
        <p class="empty" data-testid="empty-state">No captures yet. On a supported site, click a post's Preserve button.</p>
      ) : null}
      {store.captures.length > RECENT_LIMIT ? (
        <p class="count">The newest {RECENT_LIMIT} of {store.captures.length} captures; the dashboard lists them all.</p>
      ) : null}
      <CaptureList captures={recent} selected={selection.selected} onToggle={selection.toggle} previewChars={90} />
      <ExportControl
        selectedIds={selection.selectedIds}
        runExport={runExport}
        unavailable={store.error ? 'Storage is not available.' : undefined}
      />
      <div class="toolbar">
        <button type="button" data-testid="open-dashboard" onClick={openDashboard}>
          Open dashboard
        </button>
        <span class="hint">All captures, search and verification.</span>
      </div>
      <KeyFingerprint keyId={store.keyId} />
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
