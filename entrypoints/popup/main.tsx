// Popup: the page in front, recent captures with an export, the key fingerprint, and the way to the dashboard.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { openSidePanel } from '../../utils/extension/side-panel';
import '../../components/pages.css';
import { CaptureList } from '../../components/capture-list';
import { extensionLocalStorage, extensionSessionStorage } from '../../components/extension-storage';
import { InterruptedExports } from '../../components/interrupted-exports';
import { ExportControl } from '../../components/export-control';
import { extensionExport } from '../../components/extension-export';
import { KeyFingerprint } from '../../components/key-fingerprint';
import { KeyCardDownload } from '../../components/key-card';
import { PageStatusLine, readPageStatus, type PageStatus } from '../../components/page-status';
import { QuietModeNote, useQuietMode } from '../../components/quiet-mode-note';
import type { QuietModeStorage } from '../../utils/extension/quiet-mode';
import { ScreenshotPermission } from '../../components/screenshot-permission';
import { BatchPanel, type BatchPanelApi } from '../../components/batch-panel';
import { PreservePage } from '../../components/preserve-page';
import { GridPanel, storedBatchSettings, type GridPanelApi } from '../../components/grid-panel';
import { PreserveProfile } from '../../components/preserve-profile';
import { PreserveThread } from '../../components/preserve-thread';
import { SiteActions, type SiteActionsApi } from '../../components/site-actions';
import { structuralDetectors } from '../../utils/platforms/hosts';
import { storedSiteOrigins } from '../../utils/extension/site-access';
import { useCaptureStore } from '../../components/use-capture-store';
import { useSelection } from '../../components/selection';
import { ActiveCasePicker } from '../../components/active-case-picker';
import type { KeyValueStorage } from '../../utils/extension/active-case';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { EmptyState } from '../../components/ui/empty-state';
import { ExtensionSetupStatus } from '../../components/extension-setup-status';

const RECENT_LIMIT = 20;
/** Opened as a page (`?tab=<id>`, for automation) rather than as the toolbar popup: it must not close itself. */
const OPENED_AS_PAGE = new URLSearchParams(location.search).has('tab');
const STRUCTURAL_DETECTORS = structuralDetectors();
const siteActionsApi: SiteActionsApi = {
  executeScript: (injection) => browser.scripting.executeScript(injection as Parameters<typeof browser.scripting.executeScript>[0]),
  permissions: browser.permissions,
  sendToBackground: (message) => browser.runtime.sendMessage(message),
  storedOrigins: () => storedSiteOrigins({ storage: browser.storage.local }),
};

const quietModeStorage = browser.storage as unknown as QuietModeStorage;

const batchApi: BatchPanelApi = {
  send: (message) => browser.runtime.sendMessage(message),
  storage: { get: (key) => browser.storage.local.get(key), onChanged: browser.storage.onChanged },
};

const gridApi: GridPanelApi = {
  sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message),
  sendToBackground: (message) => browser.runtime.sendMessage(message),
  settings: storedBatchSettings((keys) => browser.storage.local.get(keys)),
  openDashboard: () => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') }),
};

/** Chrome's side panel or Firefox's sidebar, opened during the click (a user gesture); the popup then closes. */
async function showBesidePage(tabId: number): Promise<void> {
  await openSidePanel(tabId);
  if (!OPENED_AS_PAGE) window.close();
}

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
  const [structural, setStructural] = useState<string>();
  const [tabId, setTabId] = useState<number>();
  const [statusReads, setStatusReads] = useState(0);
  const runExport = useMemo(() => (store.db ? extensionExport(store.db) : undefined), [store.db]);
  const quiet = useQuietMode(quietModeStorage);

  useEffect(() => {
    targetTabId()
      .then((id) => {
        setTabId(id);
        return readPageStatus(id, (target, message) => browser.tabs.sendMessage(target, message));
      })
      .then(setPageStatus, () => setPageStatus({ state: 'unsupported' }));
  }, [statusReads]);

  function openDashboard() {
    void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
  }

  const onPage = pageStatus.state === 'posts' || pageStatus.state === 'no-posts';
  // A compact hierarchy, top to bottom: the page in front and what can be done on it, the recent captures and their
  // export, then the ways to the rest (dashboard, settings) and the key's fingerprint.
  return (
    <main>
      <header class="popup-header">
        <h1>PostProof</h1>
      </header>
      <ExtensionSetupStatus />
      <section aria-label={t('ui_popup_page_label')}>
        {/* On a page with a platform's structure but no content script yet (a Mastodon instance), say so, not "unsupported". */}
        <PageStatusLine status={pageStatus.state === 'unsupported' && structural ? { state: 'not-running', platform: structural } : pageStatus} quiet={quiet} />
        <QuietModeNote quiet={quiet} />
        <ScreenshotPermission permissions={browser.permissions} />
        <div class="popup-actions">
          <ActiveCasePicker db={store.db} storage={browser.storage.local as unknown as KeyValueStorage} />
          <SiteActions
            tabId={tabId}
            status={pageStatus}
            detectors={STRUCTURAL_DETECTORS}
            api={siteActionsApi}
            onInjected={() => setStatusReads((n) => n + 1)}
            onPicking={() => (OPENED_AS_PAGE ? undefined : window.close())}
            onProbed={setStructural}
          />
          {onPage ? <BatchPanel tabId={tabId} api={batchApi} /> : null}
          {onPage ? <GridPanel tabId={tabId} api={gridApi} /> : null}
          {onPage ? <PreservePage tabId={tabId} sendToTab={(target, message) => browser.tabs.sendMessage(target, message)} /> : null}
          {onPage ? <PreserveProfile tabId={tabId} sendToTab={(target, message) => browser.tabs.sendMessage(target, message)} /> : null}
          {onPage ? <PreserveThread tabId={tabId} sendToTab={(target, message) => browser.tabs.sendMessage(target, message)} /> : null}
          {tabId !== undefined ? (
            <button type="button" data-testid="open-sidepanel" onClick={() => void showBesidePage(tabId)}>
              {t('open_sidepanel')}
            </button>
          ) : null}
        </div>
      </section>
      <section class="popup-section" aria-labelledby="popup-recent-heading">
        <h2 id="popup-recent-heading">{t('recent_captures')}</h2>
        {store.error ? <p class="error" role="alert">{store.error}</p> : null}
        {!store.loading && !store.error && recent.length === 0 ? (
          <EmptyState title={t('ui_popup_empty_title')} testId="empty-state">
            <p>{t('popup_empty')}</p>
          </EmptyState>
        ) : null}
        {store.captures.length > RECENT_LIMIT ? (
          <p class="count">{t('popup_newest_of', [RECENT_LIMIT, store.captures.length])}</p>
        ) : null}
        {recent.length > 0 ? (
          <CaptureList captures={recent} selected={selection.selected} onToggle={selection.toggle} previewChars={90} stamps={store.stamps} />
        ) : null}
        <InterruptedExports storage={extensionLocalStorage()} session={extensionSessionStorage()} />
        <ExportControl
          selectedIds={selection.selectedIds}
          runExport={runExport}
          unavailable={store.error ? t('storage_unavailable') : undefined}
        />
      </section>
      <footer class="popup-footer">
        <button type="button" data-testid="open-dashboard" onClick={openDashboard} aria-describedby="open-dashboard-hint">
          {t('open_dashboard')}
        </button>
        <button type="button" class="link-button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('ui_popup_settings')}
        </button>
        <span class="hint" id="open-dashboard-hint">{t('open_dashboard_hint')}</span>
        <KeyFingerprint keyId={store.keyId} />
        <KeyCardDownload db={store.db} />
      </footer>
    </main>
  );
}

applyUiLocale();
document.title = t('extension_name');
render(<Popup />, document.getElementById('app')!);
