// "Preserve thread" in the popup: the thread of the page's focal post (the post whose permalink is the page's URL,
// else the first post), preserved by the content script there (utils/threads/page/). The answer comes once the
// thread record is kept; closing the popup does not stop it (the page's Thread button shows the progress).
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { THREAD_PRESERVE, type ThreadPreserveReply } from '../utils/threads/page/messages';
import { errorMessage } from '../utils/error-message';

export interface PreserveThreadProps {
  tabId: number | undefined;
  /** browser.tabs.sendMessage */
  sendToTab(tabId: number, message: unknown): Promise<unknown>;
}

type State = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; reply: Extract<ThreadPreserveReply, { ok: true }> } | { state: 'error'; message: string };

export function PreserveThread({ tabId, sendToTab }: PreserveThreadProps) {
  const [status, setStatus] = useState<State>({ state: 'idle' });

  function preserve() {
    if (tabId === undefined) return;
    setStatus({ state: 'saving' });
    sendToTab(tabId, { type: THREAD_PRESERVE }).then(
      (reply) => {
        const answer = reply as ThreadPreserveReply | undefined;
        if (!answer) setStatus({ state: 'error', message: t('thread_no_answer') });
        else if (answer.ok) setStatus({ state: 'saved', reply: answer });
        else setStatus({ state: 'error', message: answer.message });
      },
      (error: unknown) => setStatus({ state: 'error', message: errorMessage(error) }),
    );
  }

  const text =
    status.state === 'saving' ? t('thread_popup_saving')
    : status.state === 'saved'
      ? t('thread_popup_saved', [
          status.reply.members,
          status.reply.counts.repliesShown,
          status.reply.counts.repliesCaptured,
          status.reply.counts.repliesCounted === null ? '–' : status.reply.counts.repliesCounted,
        ])
    : status.state === 'error' ? t('thread_popup_failed', status.message)
    : '';

  return (
    <div class="toolbar">
      <button type="button" data-testid="preserve-thread" disabled={tabId === undefined || status.state === 'saving'} onClick={preserve} aria-describedby="preserve-thread-why">
        {t('thread_popup_button')}
      </button>
      <span class="hint" id="preserve-thread-why">{t('thread_popup_hint')}</span>
      <p
        class={status.state === 'error' ? 'error' : 'status'}
        role="status"
        data-testid="preserve-thread-status"
        data-state={status.state}
        {...(status.state === 'saved' ? { 'data-thread-id': status.reply.threadId } : {})}
      >
        {text}
      </p>
    </div>
  );
}
