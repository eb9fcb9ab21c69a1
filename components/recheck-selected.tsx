// "Check selected again": the platform's record of each selected capture's post asked for anew, one at a time at a
// person's pace (the worker paces them), with a count of what was found.
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { MAX_RECHECKS_PER_MESSAGE } from '../utils/witness/recheck-messages';
import type { WitnessActions } from './witness-panel';

export interface RecheckSelectedProps {
  selectedIds: readonly string[];
  actions: WitnessActions;
  onDone: () => void;
}

export function RecheckSelected({ selectedIds, actions, onDone }: RecheckSelectedProps) {
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setStatus({ text: t('witness_rechecking') });
    const counts = { unchanged: 0, changed: 0, gone: 0, failed: 0 };
    try {
      for (let at = 0; at < selectedIds.length; at += MAX_RECHECKS_PER_MESSAGE) {
        if (at > 0) setStatus({ text: t('witness_rechecking_progress', [at, selectedIds.length]) });
        for (const result of await actions.recheck([...selectedIds.slice(at, at + MAX_RECHECKS_PER_MESSAGE)])) {
          if (!result.ok || result.recheck.outcome === 'unavailable') counts.failed++;
          else if (result.recheck.outcome === 'changed') counts.changed++;
          else if (result.recheck.outcome === 'not-served') counts.gone++;
          else counts.unchanged++;
        }
      }
      setStatus({ text: t('witness_recheck_selected_done', [selectedIds.length, counts.unchanged, counts.changed, counts.gone, counts.failed]) });
    } catch (error) {
      setStatus({ text: t('witness_recheck_failed', errorMessage(error)), error: true });
    } finally {
      setBusy(false);
      onDone();
    }
  }

  return (
    <div class="toolbar">
      <button type="button" data-testid="witness-recheck-selected" disabled={busy || selectedIds.length === 0} onClick={() => void run()}>
        {t('witness_recheck_selected')}
      </button>
      {status ? <span class={status.error ? 'error' : 'status'} role="status" data-testid="witness-recheck-selected-status">{status.text}</span> : null}
    </div>
  );
}
