// "Preserve all posts on this page": starts a batch in the tab, shows its progress and steers it. The popup and
// the side panel both show it; the state lives in the background's storage, so either may close and open again.
import { useEffect, useState } from 'preact/hooks';
import { BATCH_STATE_KEY, batchPercent, batchSummary, isActive, type BatchCommandMessage, type BatchReply, type BatchState } from '../utils/batch/state';
import { t } from '../utils/i18n/i18n';
import { ProgressBar } from './progress-bar';
import { errorMessage } from '../utils/error-message';

export interface BatchPanelApi {
  send(message: BatchCommandMessage): Promise<unknown>;
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    onChanged: {
      addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
      removeListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    };
  };
}

export function useBatchState(api: BatchPanelApi): BatchState | undefined {
  const [state, setState] = useState<BatchState>();
  useEffect(() => {
    void api.storage.get(BATCH_STATE_KEY).then((items) => setState(items[BATCH_STATE_KEY] as BatchState | undefined), () => undefined);
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && BATCH_STATE_KEY in changes) setState(changes[BATCH_STATE_KEY]!.newValue as BatchState | undefined);
    };
    api.storage.onChanged.addListener(listener);
    return () => api.storage.onChanged.removeListener(listener);
  }, [api]);
  return state;
}

export function BatchPanel({ tabId, api, canStart = true }: { tabId: number | undefined; api: BatchPanelApi; canStart?: boolean }) {
  const state = useBatchState(api);
  const [error, setError] = useState('');
  const active = isActive(state);
  const here = state !== undefined && state.tabId === tabId;

  function send(message: BatchCommandMessage) {
    setError('');
    api
      .send(message)
      .then((reply) => {
        const answer = reply as BatchReply | undefined;
        if (answer && !answer.ok) setError(answer.message);
      })
      .catch((failure: unknown) => setError(t('batch_no_answer', errorMessage(failure))));
  }

  return (
    <section class="batch" aria-label={t('batch_region_label')}>
      {canStart ? (
        <button
          type="button"
          data-testid="preserve-all"
          disabled={tabId === undefined || active}
          title={t('batch_preserve_all_hint')}
          onClick={() => tabId !== undefined && send({ type: 'postproof/batch-start', tabId })}
        >
          {t('batch_preserve_all')}
        </button>
      ) : null}
      {state ? (
        <div class="batch-state" data-testid="batch-state" data-status={state.status} data-captured={state.captured} data-skipped={state.skipped} data-failed={state.failed}>
          <ProgressBar testId="batch-progress" label={t('batch_progress_label')} percent={batchPercent(state)} />
          <p class="status" role="status" aria-live="polite" data-testid="batch-status">
            {here || !canStart ? '' : `${t('batch_other_tab')} `}
            {batchSummary(state)}
          </p>
          <div class="toolbar">
            {state.status === 'running' ? (
              <button type="button" data-testid="batch-pause" onClick={() => send({ type: 'postproof/batch-control', action: 'pause' })}>{t('batch_pause')}</button>
            ) : null}
            {state.status === 'paused' || state.status === 'interrupted' ? (
              <button type="button" data-testid="batch-resume" onClick={() => send({ type: 'postproof/batch-control', action: 'resume' })}>{t('batch_resume')}</button>
            ) : null}
            {active ? (
              <button type="button" data-testid="batch-cancel" onClick={() => send({ type: 'postproof/batch-control', action: 'cancel' })}>{t('batch_cancel')}</button>
            ) : null}
          </div>
          {state.recent.length > 0 ? (
            <ul class="batch-recent" data-testid="batch-recent">
              {state.recent.map((item) => (
                <li key={item.captureId} data-capture-id={item.captureId} dir="auto">{item.label}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
    </section>
  );
}
