// The capture detail's second witness: what the platform's own record said beside the page, field by field, the
// re-checks made since (newest first), "Check again", and "Watch" (a daily re-check; notifications if allowed).
import { useEffect, useState } from 'preact/hooks';
import type { CaptureRecord } from '../utils/model';
import type { CaptureListing } from '../utils/store/rows';
import type { RecheckResult } from '../utils/witness/recheck-messages';
import { recheckWords } from '../utils/witness/recheck';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { formatLocalTime } from './format';
import { WITNESS_LABELS } from './listing-row';

/** What the panel asks of the extension: passed in, so the component runs without one. */
export interface WitnessActions {
  recheck(captureIds: string[]): Promise<RecheckResult[]>;
  watched(): Promise<Record<string, unknown>>;
  /** Ticking asks for the notifications permission first (the click is the user gesture). */
  setWatched(captureId: string, watched: boolean): Promise<void>;
}

const VERDICTS: Record<string, MessageKey> = {
  agrees: 'witness_agrees',
  differs: 'witness_differs',
  'not-in-witness': 'witness_none',
  'not-on-page': 'witness_none',
};

export interface WitnessPanelProps {
  record: CaptureRecord;
  /** This capture's re-checks, from the listing rows (recheckOf), newest first. */
  rechecks: readonly CaptureListing[];
  actions?: WitnessActions;
  /** A re-check was committed: the list reloads. */
  onRechecked: () => void;
}

export function WitnessPanel({ record, rechecks, actions, onRechecked }: WitnessPanelProps) {
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [watched, setWatchedState] = useState(false);
  const block = record.corroboration;
  const about = record.recheck?.of ?? record.id;

  useEffect(() => {
    actions?.watched().then((all) => setWatchedState(about in all), () => undefined);
  }, [actions, about]);

  async function recheck() {
    if (!actions) return;
    setBusy(true);
    setStatus({ text: t('witness_rechecking') });
    try {
      const [result] = await actions.recheck([about]);
      if (!result) throw new Error('no answer');
      setStatus(result.ok ? { text: t('witness_recheck_done', recheckWords(result.recheck)) } : { text: t('witness_recheck_failed', result.message), error: true });
      if (result.ok) onRechecked();
    } catch (error) {
      setStatus({ text: t('witness_recheck_failed', errorMessage(error)), error: true });
    } finally {
      setBusy(false);
    }
  }

  function watch(on: boolean) {
    setWatchedState(on);
    actions?.setWatched(about, on).catch((error: unknown) => setStatus({ text: errorMessage(error), error: true }));
  }

  const missing = record.missing.find((m) => m.role === 'second-witness');
  return (
    <section class="witness-panel" data-testid="witness-panel" data-status={block?.status ?? 'none'} aria-labelledby="witness-heading">
      <h3 id="witness-heading">{t('witness_heading')}</h3>
      {record.recheck ? <p data-testid="witness-recheck-outcome" data-outcome={record.recheck.outcome}>{recheckWords(record.recheck)}</p> : null}
      {block ? (
        <>
          <p>
            <strong data-testid="witness-status">{t(WITNESS_LABELS[block.status])}</strong>
            {block.reason ? <span dir="auto"> — {block.reason}</span> : null}{' '}
            <span class="hint" dir="ltr">({block.source}, <time dateTime={block.fetchedAt}>{formatLocalTime(block.fetchedAt)}</time>)</span>
          </p>
          {block.proof ? <p class={block.proof.verified ? 'hint' : 'error'} dir="auto">{block.proof.detail}</p> : null}
          {block.fields.length > 0 ? (
            <table class="witness-fields">
              <thead>
                <tr><th scope="col">{t('witness_field')}</th><th scope="col">{t('witness_verdict')}</th><th scope="col">{t('witness_on_page')}</th><th scope="col">{t('witness_in_record')}</th></tr>
              </thead>
              <tbody>
                {block.fields.map((f) => (
                  <tr key={f.field} data-field={f.field} data-verdict={f.verdict} class={`verdict-${f.verdict}`}>
                    <th scope="row"><code dir="ltr">{f.field}</code></th>
                    <td>{f.verdict === 'differs' || f.verdict === 'agrees' ? t(VERDICTS[f.verdict]!) : f.verdict}</td>
                    <td dir="auto">{f.page ?? '—'}</td>
                    <td dir="auto">{f.witness ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : (
        <p class="hint" dir="auto">{t('witness_none_kept', missing?.reason ?? '—')}</p>
      )}
      {rechecks.length > 0 ? (
        <ol class="witness-rechecks" data-testid="witness-rechecks" reversed>
          {rechecks.map((row) => (
            <li key={row.id} data-capture-id={row.id} data-state={row.witness ?? 'none'}>
              <time dateTime={row.capturedAt}>{formatLocalTime(row.capturedAt)}</time>: {t(WITNESS_LABELS[row.witness ?? 'none'])}
            </li>
          ))}
        </ol>
      ) : null}
      {actions && !record.recheck ? (
        <div class="toolbar">
          <button type="button" data-testid="witness-recheck" disabled={busy} onClick={() => void recheck()}>{t('witness_recheck')}</button>
          <label>
            <input type="checkbox" data-testid="witness-watch" checked={watched} onChange={(e) => watch(e.currentTarget.checked)} /> {t('witness_watch')}
          </label>
        </div>
      ) : null}
      {status ? <p class={status.error ? 'error' : 'status'} role="status" data-testid="witness-recheck-status">{status.text}</p> : null}
    </section>
  );
}
