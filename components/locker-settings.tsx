// The options page's "Evidence locker": where captures are pushed (an S3-compatible bucket under Object Lock), the
// keys it is written with, how long each object is locked, and a connection test. The browser parts (storage, the
// endpoint's host permission, the S3 calls) come in as actions, so the section runs and is tested without an extension.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import type { LockerConfig, LockMode } from '../utils/locker/s3-api';
import { formFromConfig, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, validateLockerForm, type LockerField, type LockerFormValues } from './locker-config-form';

export interface LockerTestCheck {
  check: string;
  ok: boolean;
  message: string;
}

export interface LockerSettingsActions {
  load(): Promise<LockerConfig | undefined>;
  /** Asks for the endpoint's host permission in the click, then stores. */
  save(config: LockerConfig): Promise<{ ok: boolean; message?: string }>;
  test(config: LockerConfig): Promise<{ ok: boolean; checks: LockerTestCheck[] }>;
}

export interface LockerSettingsProps {
  actions: LockerSettingsActions;
}

type TextField = Exclude<keyof LockerFormValues, 'mode' | 'legalHold' | 'autoPush' | 'auth'>;

interface FieldSpec {
  field: TextField & LockerField;
  testId: string;
  label: MessageKey;
  hint?: MessageKey;
  type: string;
  /** Shown only for this way of signing. */
  auth?: LockerFormValues['auth'];
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'endpoint', testId: 'locker-endpoint', label: 'locker_endpoint', hint: 'locker_endpoint_hint', type: 'url' },
  { field: 'region', testId: 'locker-region', label: 'locker_region', type: 'text' },
  { field: 'bucket', testId: 'locker-bucket', label: 'locker_bucket', type: 'text' },
  { field: 'prefix', testId: 'locker-prefix', label: 'locker_prefix', hint: 'locker_prefix_hint', type: 'text' },
  { field: 'accessKeyId', testId: 'locker-access-key', label: 'locker_access_key', type: 'text', auth: 'key' },
  { field: 'secretAccessKey', testId: 'locker-secret', label: 'locker_secret', type: 'password', auth: 'key' },
  { field: 'presignUrl', testId: 'locker-presign-url', label: 'locker_presign_url', hint: 'locker_presign_url_hint', type: 'url', auth: 'presign' },
  { field: 'presignToken', testId: 'locker-presign-token', label: 'locker_presign_token', type: 'password', auth: 'presign' },
];

export function LockerSettings({ actions }: LockerSettingsProps) {
  const [values, setValues] = useState<LockerFormValues>(formFromConfig(undefined));
  const [errors, setErrors] = useState<Partial<Record<LockerField, MessageKey>>>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; checks: LockerTestCheck[] }>();
  // Typed before the saved settings arrived: what was typed stays.
  const edited = useRef(false);

  useEffect(() => {
    actions.load().then(
      (config) => {
        if (config && !edited.current) setValues(formFromConfig(config));
      },
      (error: unknown) => setStatus({ text: t('locker_load_failed', errorMessage(error)), error: true }),
    );
  }, [actions]);

  const set = (change: Partial<LockerFormValues>) => {
    edited.current = true;
    setValues((current) => ({ ...current, ...change }));
  };

  /** The config if every field holds; otherwise the problems are shown beside their fields. */
  function checked(): LockerConfig | undefined {
    const check = validateLockerForm(values);
    setErrors(check.errors);
    if (!check.config) setStatus({ text: t('locker_fix_fields'), error: true });
    return check.config;
  }

  function save(event: Event) {
    event.preventDefault();
    const config = checked();
    if (!config) return;
    setBusy(true);
    setStatus({ text: t('settings_saving') });
    // Called straight from the click: the host permission prompt needs the user gesture.
    actions.save(config).then(
      (answer) => setStatus(answer.ok ? { text: answer.message ?? t('locker_saved') } : { text: answer.message ?? t('locker_save_refused'), error: true }),
      (error: unknown) => setStatus({ text: t('locker_save_failed', errorMessage(error)), error: true }),
    ).finally(() => setBusy(false));
  }

  function test() {
    const config = checked();
    if (!config) return;
    setBusy(true);
    setResult(undefined);
    setStatus({ text: t('locker_testing') });
    actions.test(config).then(
      (answer) => {
        setResult(answer);
        setStatus(undefined);
      },
      (error: unknown) => {
        setResult({ ok: false, checks: [{ check: 'connection', ok: false, message: errorMessage(error) }] });
        setStatus(undefined);
      },
    ).finally(() => setBusy(false));
  }

  const endpointLocal = values.endpoint.trim().startsWith('http:');
  const fieldError = (field: LockerField) =>
    errors[field] ? (
      <span class="error field-error" id={`locker-${field}-error`} data-testid={`locker-error-${field}`}>
        {t(errors[field]!)}
      </span>
    ) : null;

  const retentionError = fieldError('retentionDays');

  return (
    <form class="settings locker-settings" onSubmit={save} noValidate data-testid="locker-settings">
      <h2>{t('locker_heading')}</h2>
      <p class="hint">{t('locker_intro')}</p>
      <fieldset>
        <legend>{t('locker_where_legend')}</legend>
        <label>
          {t('locker_auth')}{' '}
          <select data-testid="locker-auth" value={values.auth} onChange={(e) => set({ auth: e.currentTarget.value as LockerFormValues['auth'] })}>
            <option value="key">{t('locker_auth_key')}</option>
            <option value="presign">{t('locker_auth_presign')}</option>
          </select>
        </label>
        {FIELDS.filter((spec) => !spec.auth || spec.auth === values.auth).map(({ field, testId, label, hint, type }) => (
          // Hints and errors sit in the label (one block on the page) but describe the field; only the label names it.
          <label key={field}>
            <span id={`locker-${field}-label`}>{t(label)}</span>{' '}
            <input
              type={type}
              data-testid={testId}
              dir="ltr"
              autoComplete="off"
              spellcheck={false}
              value={values[field]}
              aria-invalid={errors[field] ? 'true' : undefined}
              aria-labelledby={`locker-${field}-label`}
              aria-describedby={
                [
                  errors[field] ? `locker-${field}-error` : '',
                  hint ? `locker-${field}-hint` : '',
                  field === 'endpoint' && endpointLocal && !errors.endpoint ? 'locker-http-note' : '',
                ].filter(Boolean).join(' ') || undefined
              }
              onInput={(e) => set({ [field]: e.currentTarget.value })}
            />
            {hint ? <span class="hint" id={`locker-${field}-hint`}> {t(hint)}</span> : null}
            {field === 'endpoint' && endpointLocal && !errors.endpoint ? <span class="hint locker-note" id="locker-http-note" data-testid="locker-http-note"> {t('locker_endpoint_http_note')}</span> : null}
            {fieldError(field)}
          </label>
        ))}
        <p class="hint" data-testid="locker-key-storage">{t('locker_key_storage')}</p>
        <p class="hint" data-testid="locker-leak-note">{t('locker_leak_note')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('locker_lock_legend')}</legend>
        <label>
          <span id="locker-retentionDays-label">{t('locker_retention_days')}</span>{' '}
          <input
            type="number"
            aria-labelledby="locker-retentionDays-label"
            data-testid="locker-retention-days"
            min={MIN_RETENTION_DAYS}
            max={MAX_RETENTION_DAYS}
            step={1}
            value={values.retentionDays}
            aria-invalid={errors.retentionDays ? 'true' : undefined}
            aria-describedby={errors.retentionDays ? 'locker-retentionDays-error' : undefined}
            onInput={(e) => set({ retentionDays: e.currentTarget.value })}
          />
          {retentionError}
        </label>
        <label>
          {t('locker_mode')}{' '}
          <select data-testid="locker-mode" value={values.mode} aria-describedby="locker-mode-hint" onChange={(e) => set({ mode: e.currentTarget.value as LockMode })}>
            <option value="COMPLIANCE">{t('locker_mode_compliance')}</option>
            <option value="GOVERNANCE">{t('locker_mode_governance')}</option>
          </select>
        </label>
        <p class="hint" id="locker-mode-hint" data-testid="locker-mode-hint">
          {values.mode === 'COMPLIANCE' ? t('locker_mode_compliance_hint') : t('locker_mode_governance_hint')}
        </p>
        <label>
          <input type="checkbox" data-testid="locker-legal-hold" checked={values.legalHold} onChange={(e) => set({ legalHold: e.currentTarget.checked })} /> {t('locker_legal_hold')}
        </label>
        <label>
          <input type="checkbox" data-testid="locker-auto-push" checked={values.autoPush} onChange={(e) => set({ autoPush: e.currentTarget.checked })} /> {t('locker_auto_push')}
        </label>
      </fieldset>
      <div class="toolbar">
        <button type="submit" class="primary" data-testid="locker-save" disabled={busy}>{t('locker_save')}</button>
        <button type="button" data-testid="locker-test" disabled={busy} onClick={test}>{t('locker_test')}</button>
      </div>
      <p class={status?.error ? 'error' : 'status'} role="status" aria-live="polite" data-testid="locker-status">{status?.text ?? ''}</p>
      {result ? (
        <div class={`locker-test-result ${result.ok ? 'is-ok' : 'is-failed'}`} data-testid="locker-test-result" data-ok={String(result.ok)} aria-live="polite">
          <strong>{result.ok ? t('locker_test_ok') : t('locker_test_failed')}</strong>
          <ul>
            {result.checks.map((check, index) => (
              <li key={`${check.check}-${index}`} data-check={check.check} data-ok={String(check.ok)} class={check.ok ? 'check-passed' : 'check-failed'}>
                <span class="check-state">{check.ok ? t('check_passed') : t('check_failed')}</span>{' '}
                <span class="check-name">({check.check})</span> <span dir="auto">{check.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
