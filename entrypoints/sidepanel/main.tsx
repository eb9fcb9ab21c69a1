// Side panel: the running batch beside the page, with pause, resume and cancel, and the newest captures.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import { BatchPanel, useBatchState, type BatchPanelApi } from '../../components/batch-panel';
import { CaptureList } from '../../components/capture-list';
import { useCaptureStore } from '../../components/use-capture-store';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { EmptyState } from '../../components/ui/empty-state';

const RECENT_LIMIT = 20;
const NOTHING_SELECTED: ReadonlySet<string> = new Set();
const batchApi: BatchPanelApi = {
  send: (message) => browser.runtime.sendMessage(message),
  storage: { get: (key) => browser.storage.local.get(key), onChanged: browser.storage.onChanged },
};

function SidePanel() {
  const store = useCaptureStore();
  const batch = useBatchState(batchApi);
  const [tabId, setTabId] = useState<number>();
  const recent = useMemo(() => store.captures.slice(0, RECENT_LIMIT), [store.captures]);

  useEffect(() => {
    const read = () => void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
    read();
    browser.tabs.onActivated.addListener(read);
    return () => browser.tabs.onActivated.removeListener(read);
  }, []);
  // Each capture of the batch shows up in the list as it is saved.
  useEffect(() => store.reload(), [batch?.captured]);

  return (
    <main class="sidepanel">
      <h1>PostProof</h1>
      <BatchPanel tabId={tabId} api={batchApi} />
      <h2>{t('recent_captures')}</h2>
      {store.error ? <p class="error" role="alert">{store.error}</p> : null}
      {!store.loading && !store.error && recent.length === 0 ? (
        <EmptyState title={t('ui_popup_empty_title')} testId="empty-state">
          <p>{t('ui_sidepanel_empty')}</p>
        </EmptyState>
      ) : (
        <CaptureList captures={recent} selected={NOTHING_SELECTED} onToggle={() => undefined} previewChars={90} stamps={store.stamps} />
      )}
    </main>
  );
}

applyUiLocale();
document.title = t('extension_name');
render(<SidePanel />, document.getElementById('app')!);
