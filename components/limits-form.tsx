// The limits a user may want to change, kept in the extension's storage.local (read by the background at each use):
// the media a capture may download, the size and pace of a batch, and the size of an export volume. Each field is
// checked before anything is saved, and says what it is for; an empty field means the default.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_BATCH_SETTINGS, batchSettingsFrom } from '../utils/batch/state';
import { DEFAULT_MAX_MEDIA_BYTES } from '../utils/capture/worker/video';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import { DEFAULT_THREAD_REPLY_LIMIT, MAX_THREAD_REPLY_LIMIT, THREAD_REPLY_LIMIT_KEY } from '../utils/threads/page/settings';

/** The parts of browser.storage.local this needs, passed in so the form runs without an extension. */
export interface LimitsStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const MB = 1024 * 1024;
/** Default volume size (utils/export/volumes.ts DEFAULT_VOLUME_BYTES), repeated so the options page does not load the writer. */
export const DEFAULT_VOLUME_MB = 2048;
/** A volume must stay under the 4 GiB a ZIP without ZIP64 can hold, with room for its listing. */
const MAX_VOLUME_MB = 3072;

interface Limit {
  key: 'maxMediaMb' | 'batchLimit' | 'paceMinS' | 'paceMaxS' | 'threadReplyLimit' | 'volumeMb';
  label: MessageKey;
  /** Says what the limit is for; $1 is the default. */
  hint: MessageKey;
  min: number;
  max: number;
  step: number | 'any';
  fallback: number;
}

const LIMITS: readonly Limit[] = [
  { key: 'maxMediaMb', label: 'limits_media_mb', hint: 'limits_media_mb_hint', min: 1, max: 4096, step: 1, fallback: DEFAULT_MAX_MEDIA_BYTES / MB },
  { key: 'batchLimit', label: 'limits_batch_limit', hint: 'limits_batch_limit_hint', min: 1, max: 10_000, step: 1, fallback: DEFAULT_BATCH_SETTINGS.limit },
  { key: 'paceMinS', label: 'limits_pace_min', hint: 'limits_pace_min_hint', min: 0.5, max: 120, step: 'any', fallback: DEFAULT_BATCH_SETTINGS.paceMs[0] / 1000 },
  { key: 'paceMaxS', label: 'limits_pace_max', hint: 'limits_pace_max_hint', min: 0.5, max: 120, step: 'any', fallback: DEFAULT_BATCH_SETTINGS.paceMs[1] / 1000 },
  // Preserve thread's replies, beside the batch limits it shares its pace with; 0 keeps the author's own posts only.
  { key: 'threadReplyLimit', label: 'thread_limit_label', hint: 'thread_limit_hint', min: 0, max: MAX_THREAD_REPLY_LIMIT, step: 1, fallback: DEFAULT_THREAD_REPLY_LIMIT },
  { key: 'volumeMb', label: 'limits_volume_mb', hint: 'limits_volume_mb_hint', min: 16, max: MAX_VOLUME_MB, step: 1, fallback: DEFAULT_VOLUME_MB },
];

type Values = Record<Limit['key'], string>;

/** What storage holds, as the form shows it: megabytes and seconds, blank where the default applies. */
export function valuesFromStorage(stored: Record<string, unknown>): Values {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
  const pace = batchSettingsFrom(stored).paceMs;
  const paceStored = Array.isArray(stored.batchPaceMs);
  const show = (value: number | undefined) => (value === undefined ? '' : String(Math.round(value * 10) / 10));
  return {
    maxMediaMb: show(number(stored.maxMediaBytes) && number(stored.maxMediaBytes)! / MB),
    batchLimit: show(number(stored.batchLimit)),
    paceMinS: paceStored ? show(pace[0] / 1000) : '',
    paceMaxS: paceStored ? show(pace[1] / 1000) : '',
    threadReplyLimit: typeof stored[THREAD_REPLY_LIMIT_KEY] === 'number' && Number.isInteger(stored[THREAD_REPLY_LIMIT_KEY]) && (stored[THREAD_REPLY_LIMIT_KEY] as number) >= 0 ? String(stored[THREAD_REPLY_LIMIT_KEY]) : '',
    volumeMb: show(number(stored.exportVolumeBytes) && number(stored.exportVolumeBytes)! / MB),
  };
}

/** The storage items for the form's values, the keys to clear (blank fields), or the first problem in words. */
export function storageFromValues(values: Values): { set: Record<string, unknown>; remove: string[] } | { problem: string } {
  const parsed = {} as Record<Limit['key'], number | undefined>;
  for (const limit of LIMITS) {
    const text = values[limit.key].trim();
    if (text === '') {
      parsed[limit.key] = undefined;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < limit.min || value > limit.max) {
      return { problem: t('limits_out_of_range', [t(limit.label), limit.min, limit.max]) };
    }
    parsed[limit.key] = value;
  }
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  const put = (key: string, value: unknown) => (value === undefined ? remove.push(key) : (set[key] = value));
  put('maxMediaBytes', parsed.maxMediaMb === undefined ? undefined : Math.round(parsed.maxMediaMb * MB));
  put('batchLimit', parsed.batchLimit === undefined ? undefined : Math.floor(parsed.batchLimit));
  put(THREAD_REPLY_LIMIT_KEY, parsed.threadReplyLimit === undefined ? undefined : Math.floor(parsed.threadReplyLimit));
  put('exportVolumeBytes', parsed.volumeMb === undefined ? undefined : Math.round(parsed.volumeMb * MB));
  const { paceMinS, paceMaxS } = parsed;
  if ((paceMinS === undefined) !== (paceMaxS === undefined)) return { problem: t('limits_pace_both') };
  if (paceMinS !== undefined && paceMaxS !== undefined && paceMinS > paceMaxS) return { problem: t('limits_pace_order') };
  put('batchPaceMs', paceMinS === undefined ? undefined : [Math.round(paceMinS * 1000), Math.round(paceMaxS! * 1000)]);
  return { set, remove };
}

export function LimitsForm({ storage }: { storage: LimitsStorage }) {
  const [values, setValues] = useState<Values>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });

  useEffect(() => {
    storage.get(['maxMediaBytes', 'batchLimit', 'batchPaceMs', THREAD_REPLY_LIMIT_KEY, 'exportVolumeBytes']).then(
      (stored) => setValues(valuesFromStorage(stored)),
      (error: unknown) => setStatus({ text: t('limits_read_failed', String(error)), error: true }),
    );
  }, [storage]);

  if (!values) return status.text ? <p class="error" role="alert">{status.text}</p> : null;

  function save(event: Event) {
    event.preventDefault();
    const result = storageFromValues(values!);
    if ('problem' in result) return setStatus({ text: result.problem, error: true });
    setStatus({ text: t('limits_saving') });
    Promise.all([storage.set(result.set), result.remove.length ? storage.remove(result.remove) : undefined]).then(
      () => setStatus({ text: t('limits_saved') }),
      (error: unknown) => setStatus({ text: t('limits_save_failed', errorMessage(error)), error: true }),
    );
  }

  const field = (limit: Limit) => (
    // The hint sits in the label (one line on the page) but is the field's description, not part of its name.
    <label key={limit.key}>
      <span id={`limit-${limit.key}-label`}>{t(limit.label)}</span>{' '}
      <input
        aria-labelledby={`limit-${limit.key}-label`}
        aria-describedby={`limit-${limit.key}-hint`}
        type="number"
        inputMode="decimal"
        data-testid={`limit-${limit.key}`}
        min={limit.min}
        max={limit.max}
        step={limit.step}
        placeholder={String(limit.fallback)}
        value={values[limit.key]}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setValues((current) => current && { ...current, [limit.key]: text });
        }}
      />
      <span class="hint" id={`limit-${limit.key}-hint`}> {t(limit.hint, String(limit.fallback))}</span>
    </label>
  );

  return (
    // noValidate: our own check names the field and the range in the user's language, and saves nothing on error.
    <form class="settings" onSubmit={save} data-testid="limits-form" noValidate>
      <fieldset>
        <legend>{t('limits_legend')}</legend>
        <p class="hint">{t('limits_intro')}</p>
        {LIMITS.map(field)}
      </fieldset>
      <button type="submit" data-testid="limits-save">{t('limits_save')}</button>
      <p class={status.error ? 'error' : 'status'} role="status" data-testid="limits-status">{status.text}</p>
    </form>
  );
}
