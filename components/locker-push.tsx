// "Push to locker": the selected captures go to the evidence locker's queue (the worker pushes them, locks each
// object and reads it back); the line says how many were queued, and the rows' chips follow the queue.
import { useState } from 'preact/hooks';
import { t, tCount } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { MAX_PUSH_IDS_PER_MESSAGE, type LockerPushAnswer } from '../utils/locker/locker-messages';
import type { LockerSummary } from './locker-state';

/** What the dashboard asks of the locker: passed in, so the component runs without an extension. */
export interface LockerActions {
  push(ids: string[]): Promise<LockerPushAnswer>;
  /** Each capture's locker state, by capture id (captures never queued may be absent). */
  summaries(): Promise<Map<string, LockerSummary>>;
  /** A locker is set up in Options (endpoint, bucket and keys saved). */
  configured(): Promise<boolean>;
  /** Wakes the worker's queue (the dashboard opened: a push a stopped worker left half done goes on). */
  wake?(): void;
}

export interface LockerPushProps {
  selected: readonly string[];
  actions: LockerActions;
  /** No locker set up yet: the button is off and says where to set one up. */
  configured: boolean;
  /** Captures were queued: the states are read again (and polled while any is queued). */
  onPushed?: () => void;
}

export function LockerPush({ selected, actions, configured, onPushed }: LockerPushProps) {
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  async function push() {
    setBusy(true);
    setStatus({ text: t('locker_pushing') });
    let queued = 0;
    try {
      // A large selection goes in several messages, each within what the worker accepts.
      for (let at = 0; at < selected.length; at += MAX_PUSH_IDS_PER_MESSAGE) {
        const answer = await actions.push(selected.slice(at, at + MAX_PUSH_IDS_PER_MESSAGE));
        if (!answer.ok) throw new Error(answer.message ?? t('locker_push_refused'));
        queued += answer.queued;
      }
      setStatus({ text: tCount('locker_queued', queued) });
    } catch (error) {
      setStatus({ text: t('locker_push_failed', errorMessage(error)), error: true });
    } finally {
      setBusy(false);
      if (queued > 0) onPushed?.();
    }
  }

  return (
    <div class="toolbar locker-push">
      <button
        type="button"
        data-testid="locker-push"
        disabled={!configured || busy || selected.length === 0}
        aria-describedby={configured ? undefined : 'locker-push-hint'}
        onClick={() => void push()}
      >
        {t('locker_push')}
      </button>
      {!configured ? <span class="hint" id="locker-push-hint" data-testid="locker-push-hint">{t('locker_not_configured')}</span> : null}
      <span class={status?.error ? 'error' : 'status'} role="status" aria-live="polite" data-testid="locker-push-status">{status?.text ?? ''}</span>
    </div>
  );
}
