// Dashboard: every capture (virtualized list, index search, filters, detail view, annotations), select-all, and
// the export of the chosen ones, the push of the chosen ones to the evidence locker, and the team's captures in it.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import { CaptureBrowser, ROW_HEIGHT, useCaptureBrowser } from '../../components/capture-browser';
import { extensionLocalStorage, extensionSessionStorage } from '../../components/extension-storage';
import { InterruptedExports } from '../../components/interrupted-exports';
import { ExportControl, type RunExport } from '../../components/export-control';
import { ImportBundles } from '../../components/import-bundles';
import { extensionWitness } from '../../components/extension-witness';
import { RecheckSelected } from '../../components/recheck-selected';
import { extensionLocker, extensionTeam } from '../../components/extension-locker';
import { LockerPush } from '../../components/locker-push';
import { TeamCaptures } from '../../components/team-captures';
import { useLockerStates } from '../../components/use-locker-states';
import { KeyFingerprint } from '../../components/key-fingerprint';
import { UrlListPanel, type UrlListApi } from '../../components/url-list-panel';
import { listRange } from '../../utils/lists/list-store';
import { useSelection } from '../../components/selection';
import { readFirstRows, useDashboardData } from '../../components/use-dashboard-data';
import { visibleRange } from '../../components/virtual-list';
import type { ExportFormat } from '../../utils/export/export';
import type { PostProofDb } from '../../utils/store/db';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { REPLAY_NOTICE } from '../../utils/formats/wacz/verify-guide';

const VERSION = browser.runtime.getManifest().version;
/** The export code (the export session, both format writers) loads on the first export, not before the list paints. */
const lazyExport = (db: PostProofDb, format: ExportFormat): RunExport => async (ids, onProgress, signal) =>
  (await import('../../components/extension-export')).extensionExport(db, { format })(ids, onProgress, signal);
/** The verifier (RFC 3161, certificate parsing) loads only when a capture is verified: first render stays light. */
const verifyCapture: Parameters<typeof CaptureBrowser>[0]['verify'] = async (db, id, version) => (await import('../../utils/export/verify-capture')).verifyStoredCapture(db, id, version);

/** The list's height in the window as it is now. */
const listHeight = () => Math.max(320, window.innerHeight - 330);
/**
 * The store opens and the rows the list shows at its top are read while the page's shell renders and paints. Each
 * row is three requests, answered one by one on the page's busy main thread: 13 rows at a 900 px window, where a
 * fixed 40 made the first list about 100 ms later on a 2-core machine.
 */
/** Capture from a list: lists read from the store, commands to the background (utils/lists/). */
const urlListApi = (db: PostProofDb): UrlListApi => ({
  lists: () => db.getAll('lists'),
  items: (listId) => db.getAll('listItems', listRange(listId)),
  send: (message) => browser.runtime.sendMessage(message),
});
const firstRead = readFirstRows(visibleRange(0, listHeight(), ROW_HEIGHT, Number.MAX_SAFE_INTEGER)[1]);

function Dashboard() {
  const store = useDashboardData(firstRead);
  // Each capture's place in the evidence locker (polled while any is queued) and whether a locker is set up.
  const locker = useLockerStates(extensionLocker);
  const captureBrowser = useCaptureBrowser(store, locker.states);
  // Only ticked rows that are shown get exported: what you see is what leaves.
  const selection = useSelection(captureBrowser.visibleIds);
  const [format, setFormat] = useState<ExportFormat>('zip');
  const listApi = useMemo(() => (store.db ? urlListApi(store.db) : undefined), [store.db]);
  const runExport = useMemo(() => (store.db ? lazyExport(store.db, format) : undefined), [store.db, format]);

  useEffect(() => {
    // Captures made in other tabs appear when the dashboard comes back to the front.
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        store.reload();
        void locker.refresh();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store.reload, locker.refresh]);

  return (
    <main class="dashboard">
      <header class="dashboard-header">
        <h1>{t('dashboard_title')}</h1>
        <p>
          <a href="verify.html">{t('verify_link')}</a>
          <span class="hint"> – {t('verify_link_hint')}</span>
        </p>
      </header>
      {store.error ? <p class="error" role="alert">{store.error}</p> : null}
      <CaptureBrowser data={store} browser={captureBrowser} selection={selection} version={VERSION} verify={verifyCapture} listHeight={listHeight()} witness={extensionWitness} />
      <section class="dashboard-actions" aria-label={t('ui_dashboard_actions_label')}>
        <RecheckSelected selectedIds={selection.selectedIds} actions={extensionWitness} onDone={store.reload} />
        <LockerPush selected={selection.selectedIds} actions={extensionLocker} configured={locker.configured} onPushed={() => void locker.refresh()} />
        <div class="toolbar">
          <label>
            {t('export_format_label')}{' '}
            <select data-testid="export-format" value={format} onChange={(event) => setFormat(event.currentTarget.value === 'wacz' ? 'wacz' : 'zip')}>
              <option value="zip">{t('export_format_zip')}</option>
              <option value="wacz">{t('export_format_wacz')}</option>
            </select>
          </label>
          {format === 'wacz' ? <p class="hint" data-testid="export-format-hint">{REPLAY_NOTICE}</p> : null}
        </div>
        <InterruptedExports storage={extensionLocalStorage()} session={extensionSessionStorage()} />
        <ExportControl
          selectedIds={selection.selectedIds}
          runExport={runExport}
          unavailable={store.error ? t('storage_unavailable') : undefined}
        />
      </section>
      {listApi ? <UrlListPanel api={listApi} /> : null}
      <ImportBundles db={store.db} onImported={store.reload} />
      <TeamCaptures actions={extensionTeam} onImported={store.reload} />
      <KeyFingerprint keyId={store.keyId} />
    </main>
  );
}

applyUiLocale();
document.title = t('dashboard_page_title');
render(<Dashboard />, document.getElementById('app')!);
