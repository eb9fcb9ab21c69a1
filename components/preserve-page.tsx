// "Preserve page" in the popup: the whole page of the tab as one capture (a full-page screenshot and page.mhtml),
// done by the content script there (utils/capture/page/preserve-page.ts).
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import type { CaptureReply } from '../utils/capture/protocol';
import { PRESERVE_PAGE } from '../utils/capture/protocol';
import { errorMessage } from '../utils/error-message';

export interface PreservePageProps {
  tabId: number | undefined;
  /** browser.tabs.sendMessage */
  sendToTab(tabId: number, message: unknown): Promise<unknown>;
}

type State = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; captureId: string; missing: string[] } | { state: 'error'; message: string };

export function PreservePage({ tabId, sendToTab }: PreservePageProps) {
  const [status, setStatus] = useState<State>({ state: 'idle' });

  function preserve() {
    if (tabId === undefined) return;
    setStatus({ state: 'saving' });
    sendToTab(tabId, { type: PRESERVE_PAGE }).then(
      (reply) => {
        const answer = reply as CaptureReply | undefined;
        if (!answer) setStatus({ state: 'error', message: t('preserve_page_no_answer') });
        else if (answer.ok) setStatus({ state: 'saved', captureId: answer.captureId, missing: answer.missing.map((m) => m.role) });
        else setStatus({ state: 'error', message: answer.message });
      },
      (error: unknown) => setStatus({ state: 'error', message: errorMessage(error) }),
    );
  }

  const text =
    status.state === 'saving' ? t('preserve_page_saving')
    : status.state === 'saved' ? (status.missing.length ? t('preserve_page_saved_gaps', [...new Set(status.missing)].join(', ')) : t('preserve_page_saved'))
    : status.state === 'error' ? t('preserve_page_failed', status.message)
    : '';

  return (
    <div class="toolbar">
      <button type="button" data-testid="preserve-page" disabled={tabId === undefined || status.state === 'saving'} onClick={preserve} aria-describedby="preserve-page-why">
        {t('preserve_page')}
      </button>
      <span class="hint" id="preserve-page-why">{t('preserve_page_hint')}</span>
      <p
        class={status.state === 'error' ? 'error' : 'status'}
        role="status"
        data-testid="preserve-page-status"
        data-state={status.state}
        {...(status.state === 'saved' ? { 'data-capture-id': status.captureId } : {})}
      >
        {text}
      </p>
    </div>
  );
}
