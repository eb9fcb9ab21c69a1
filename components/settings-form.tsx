// The settings form: trusted timestamps (off until turned on; presets and a custom authority), the whole-page copy
// (page-copy-setting.tsx), the second witness (witness-setting.tsx), quiet mode (quiet-mode-setting.tsx) and the collector.
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n/i18n';
import type { Settings } from '../utils/model';
import { customTsaUrlProblem, TSA_PRESETS } from '../utils/provenance/tsa-presets';
import { PageCopySetting, type PageCopyPermission } from './page-copy-setting';
import { QuietModeSetting } from './quiet-mode-setting';
import { WitnessSetting } from './witness-setting';
import type { OptionalPermission } from './permission-setting';
import { errorMessage } from '../utils/error-message';

/** What the form saves beside `Settings`: quiet mode lives in storage.local, where content scripts read it. */
export interface PageOptions {
  quietMode: boolean;
}

export interface SettingsFormProps {
  initial: Settings;
  initialPageOptions?: PageOptions;
  /** Saves; resolves to a message for the status line. `customUrl` is asked for as a permission first. */
  onSave(settings: Settings, pageOptions: PageOptions): Promise<string>;
  /** The optional `pageCapture` permission, asked for when "Also keep the whole page as MHTML" is ticked. */
  pageCopyPermission?: PageCopyPermission;
  /** The witness hosts as optional host permissions, asked for when "Second witness" is ticked. */
  witnessPermission?: OptionalPermission;
}

export function SettingsForm({ initial, initialPageOptions, onSave, pageCopyPermission, witnessPermission }: SettingsFormProps) {
  const [enabled, setEnabled] = useState(initial.timestamping.enabled);
  const [presets, setPresets] = useState<string[]>(initial.timestamping.presets);
  const [customUrl, setCustomUrl] = useState(initial.timestamping.customUrl ?? '');
  const [collector, setCollector] = useState({ name: '', organization: '', persona: '', ...initial.collector });
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });
  const [pageMhtml, setPageMhtml] = useState(initial.pageMhtml === true);
  const [witness, setWitness] = useState(initial.witness === true);
  const [quietMode, setQuietMode] = useState(initialPageOptions?.quietMode === true);

  function save(event: Event) {
    event.preventDefault();
    const url = customUrl.trim();
    const problem = url ? customTsaUrlProblem(url) : null;
    if (problem) {
      setStatus({ text: problem, error: true });
      return;
    }
    const who = Object.fromEntries(Object.entries(collector).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
    const settings: Settings = {
      timestamping: { enabled, presets, ...(url ? { customUrl: url } : {}) },
      ...(Object.keys(who).length ? { collector: who } : {}),
      ...(pageMhtml ? { pageMhtml: true } : {}),
      ...(witness ? { witness: true } : {}),
    };
    setStatus({ text: t('settings_saving') });
    onSave(settings, { quietMode }).then(
      (text) => setStatus({ text }),
      (error: unknown) => setStatus({ text: errorMessage(error), error: true }),
    );
  }

  const field = (key: keyof typeof collector, label: MessageKey, hint: MessageKey) => (
    // The hint sits in the label (one line on the page) but is the field's description, not part of its name.
    <label>
      <span id={`collector-${key}-label`}>{t(label)}</span>{' '}
      <input
        type="text"
        data-testid={`collector-${key}`}
        value={collector[key]}
        onInput={(e) => setCollector({ ...collector, [key]: e.currentTarget.value })}
        dir="auto"
        aria-labelledby={`collector-${key}-label`}
        aria-describedby={`collector-${key}-hint`}
      />
      <span class="hint" id={`collector-${key}-hint`}> {t(hint)}</span>
    </label>
  );

  return (
    <form class="settings" onSubmit={save}>
      <fieldset>
        <legend>{t('settings_tsa_legend')}</legend>
        <p class="hint" id="tsa-intro">{t('settings_tsa_intro')}</p>
        <label>
          <input type="checkbox" aria-describedby="tsa-intro" data-testid="tsa-enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> {t('settings_tsa_enabled')}
        </label>
        <label>
          {t('settings_tsa_presets')}
          <select
            multiple
            data-testid="tsa-preset"
            size={TSA_PRESETS.length}
            onChange={(e) => setPresets([...e.currentTarget.selectedOptions].map((o) => o.value))}
          >
            {TSA_PRESETS.map((preset) => (
              <option key={preset.id} value={preset.id} selected={presets.includes(preset.id)}>
                {preset.name} — {preset.url}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span id="tsa-custom-url-label">{t('settings_tsa_custom')}</span>{' '}
          <input
            type="url"
            data-testid="tsa-custom-url"
            aria-labelledby="tsa-custom-url-label"
            aria-describedby="tsa-custom-url-hint"
            placeholder="https://tsa.example.org/tsr"
            value={customUrl}
            onInput={(e) => setCustomUrl(e.currentTarget.value)}
          />
          <span class="hint" id="tsa-custom-url-hint"> {t('settings_tsa_custom_hint')}</span>
        </label>
      </fieldset>
      <PageCopySetting checked={pageMhtml} onChange={setPageMhtml} {...(pageCopyPermission ? { permission: pageCopyPermission } : {})} />
      <WitnessSetting checked={witness} onChange={setWitness} {...(witnessPermission ? { permission: witnessPermission } : {})} />
      <QuietModeSetting checked={quietMode} onChange={setQuietMode} />
      <fieldset>
        <legend>{t('settings_collector_legend')}</legend>
        {field('name', 'settings_collector_name', 'settings_collector_name_hint')}
        {field('organization', 'settings_collector_organization', 'settings_collector_organization_hint')}
        {field('persona', 'settings_collector_persona', 'settings_collector_persona_hint')}
      </fieldset>
      <button type="submit" class="primary" data-testid="settings-save">{t('settings_save')}</button>
      <p class={status.error ? 'error' : 'status'} role="status" data-testid="settings-status">{status.text}</p>
    </form>
  );
}
