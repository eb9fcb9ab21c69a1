// The settings form: trusted timestamps (off until turned on; presets and a custom authority), the whole-page copy
// (page-copy-setting.tsx) and the collector.
import { useState } from 'preact/hooks';
import type { Settings } from '../utils/model';
import { customTsaUrlProblem, TSA_PRESETS } from '../utils/provenance/tsa-presets';
import { PageCopySetting, type PageCopyPermission } from './page-copy-setting';

export interface SettingsFormProps {
  initial: Settings;
  /** Saves; resolves to a message for the status line. `customUrl` is asked for as a permission first. */
  onSave(settings: Settings): Promise<string>;
  /** The optional `pageCapture` permission, asked for when "Also keep the whole page as MHTML" is ticked. */
  pageCopyPermission?: PageCopyPermission;
}

export function SettingsForm({ initial, onSave, pageCopyPermission }: SettingsFormProps) {
  const [enabled, setEnabled] = useState(initial.timestamping.enabled);
  const [presets, setPresets] = useState<string[]>(initial.timestamping.presets);
  const [customUrl, setCustomUrl] = useState(initial.timestamping.customUrl ?? '');
  const [collector, setCollector] = useState({ name: '', organization: '', persona: '', ...initial.collector });
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });
  const [pageMhtml, setPageMhtml] = useState(initial.pageMhtml === true);

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
    };
    setStatus({ text: 'Saving…' });
    onSave(settings).then(
      (text) => setStatus({ text }),
      (error: unknown) => setStatus({ text: error instanceof Error ? error.message : String(error), error: true }),
    );
  }

  const field = (key: keyof typeof collector, label: string, hint: string) => (
    <label>
      {label}{' '}
      <input
        type="text"
        data-testid={`collector-${key}`}
        value={collector[key]}
        onInput={(e) => setCollector({ ...collector, [key]: e.currentTarget.value })}
        dir="auto"
      />
      <span class="hint"> {hint}</span>
    </label>
  );

  return (
    <form class="settings" onSubmit={save}>
      <fieldset>
        <legend>Trusted timestamps (RFC 3161)</legend>
        <p class="hint">
          A timestamp authority signs the SHA-256 of each capture record right after the capture, proving it existed at
          that time. Only the 32-byte hash leaves this browser: never the post, the page or who you are.
        </p>
        <label>
          <input type="checkbox" data-testid="tsa-enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Timestamp each
          new capture
        </label>
        <label>
          Authorities (each capture is stamped by every one chosen; hold Ctrl or ⌘ to choose several)
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
          Your own authority (optional){' '}
          <input
            type="url"
            data-testid="tsa-custom-url"
            placeholder="https://tsa.example.org/tsr"
            value={customUrl}
            onInput={(e) => setCustomUrl(e.currentTarget.value)}
          />
          <span class="hint"> The browser asks you once to allow PostProof to reach it.</span>
        </label>
      </fieldset>
      <PageCopySetting checked={pageMhtml} onChange={setPageMhtml} {...(pageCopyPermission ? { permission: pageCopyPermission } : {})} />
      <fieldset>
        <legend>Collector (written into each new capture record)</legend>
        {field('name', 'Name', 'who collects')}
        {field('organization', 'Organization', 'for whom')}
        {field('persona', 'Account or persona used', 'which identity viewed the post')}
      </fieldset>
      <button type="submit" class="primary" data-testid="settings-save">Save</button>
      <p class={status.error ? 'error' : 'status'} role="status" data-testid="settings-status">{status.text}</p>
    </form>
  );
}
