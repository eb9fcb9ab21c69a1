// Options page: trusted-timestamp authorities and the collector's identity, saved in the extension's store.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import { applyUiLocale, t } from '../../utils/i18n';
import { SettingsForm } from '../../components/settings-form';
import type { Settings } from '../../utils/model';
import { originPermission } from '../../utils/provenance/tsa-presets';
import { openPostProofDb } from '../../utils/store/db';
import { readSettings, writeSettings } from '../../utils/store/settings';

const db = openPostProofDb();

async function save(settings: Settings): Promise<string> {
  const url = settings.timestamping.customUrl;
  // Asked first, while the click still counts as a user gesture.
  if (url && !(await browser.permissions.request({ origins: [originPermission(url)] }))) {
    throw new Error(`PostProof was not allowed to reach ${new URL(url).host}, so it cannot ask that authority for timestamps. Nothing was saved.`);
  }
  await writeSettings(await db, settings);
  return settings.timestamping.enabled ? 'Saved. New captures will be timestamped.' : 'Saved. Timestamping is off.';
}

function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    db.then(readSettings).then(setSettings, (e: unknown) => setError(`The settings could not be read: ${String(e)}`));
  }, []);
  return (
    <main>
      <h1>{t('options_title')}</h1>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {settings ? <SettingsForm initial={settings} onSave={save} /> : null}
    </main>
  );
}

applyUiLocale();
render(<Options />, document.getElementById('app')!);
