// Options page: trusted-timestamp authorities, the whole-page copy and the collector's identity (saved in the
// extension's store), quiet mode, the limits of media, batches and export volumes (both in storage.local), and the
// install key's fingerprint with its key card to publish, and the evidence locker (its own storage.local key).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser, { type Permissions } from 'webextension-polyfill';
import '../../components/pages.css';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { LimitsForm, type LimitsStorage } from '../../components/limits-form';
import { LockerSettings } from '../../components/locker-settings';
import { extensionLockerSettings } from '../../components/extension-locker';
import { KeyCardDownload } from '../../components/key-card';
import { KeyFingerprint } from '../../components/key-fingerprint';
import { SettingsForm, type PageOptions } from '../../components/settings-form';
import type { PageCopyPermission } from '../../components/page-copy-setting';
import { PAGE_MHTML_PERMISSION } from '../../utils/capture/worker/page-copy';
import type { OptionalPermission } from '../../components/permission-setting';
import { ALL_WITNESS_HOST_PATTERNS } from '../../utils/witness/sources/index';
import type { Settings } from '../../utils/model';
import { originPermission } from '../../utils/provenance/tsa-presets';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import { openPostProofDb, type PostProofDb } from '../../utils/store/db';
import { readSettings, writeSettings } from '../../utils/store/settings';
import { readQuietMode, writeQuietMode } from '../../utils/extension/quiet-mode';

const db = openPostProofDb();

// The optional pageCapture permission (whole page as MHTML); the Firefox build does not declare it, as Firefox has no such API.
// (The polyfill's types list Firefox's permissions only, hence the cast.)
const PAGE_CAPTURE = { permissions: [PAGE_MHTML_PERMISSION] } as unknown as Permissions.Permissions;
const pageCopyPermission: PageCopyPermission = {
  available: [...(browser.runtime.getManifest().permissions ?? []), ...(browser.runtime.getManifest().optional_permissions ?? [])].includes(PAGE_MHTML_PERMISSION),
  contains: () => browser.permissions.contains(PAGE_CAPTURE),
  request: () => browser.permissions.request(PAGE_CAPTURE),
};

// The platforms' public record endpoints (second witness): optional host permissions, asked for when ticked.
const WITNESS_HOSTS = { origins: [...ALL_WITNESS_HOST_PATTERNS] };
const witnessPermission: OptionalPermission = {
  available: true,
  contains: () => browser.permissions.contains(WITNESS_HOSTS),
  request: () => browser.permissions.request(WITNESS_HOSTS),
};

async function save(settings: Settings, pageOptions: PageOptions): Promise<string> {
  const url = settings.timestamping.customUrl;
  // Asked first, while the click still counts as a user gesture.
  if (url && !(await browser.permissions.request({ origins: [originPermission(url)] }))) {
    throw new Error(t('options_tsa_denied', new URL(url).host));
  }
  await writeSettings(await db, settings);
  // Open pages follow it at once (storage.onChanged in their content scripts).
  await writeQuietMode(browser.storage, pageOptions.quietMode);
  return settings.timestamping.enabled ? t('options_saved_stamping') : t('options_saved_no_stamping');
}

/** The install key's fingerprint and its card: what a collector publishes so others can pin the key. */
function SigningKey() {
  const [key, setKey] = useState<{ db: PostProofDb; keyId: string }>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    db.then(async (opened) => ({ db: opened, keyId: (await getOrCreateInstallKey(opened)).keyId })).then(setKey, () => setFailed(true));
  }, []);
  return (
    <section class="settings" aria-labelledby="options-key-heading">
      <h2 id="options-key-heading">{t('options_key_heading')}</h2>
      <p class="hint">{t('ui_options_key_hint')}</p>
      <KeyFingerprint keyId={failed ? undefined : key?.keyId} />
      <KeyCardDownload db={key?.db} />
    </section>
  );
}

function Options() {
  const [settings, setSettings] = useState<{ settings: Settings; page: PageOptions }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    Promise.all([db.then(readSettings), readQuietMode(browser.storage)]).then(
      ([read, quietMode]) => setSettings({ settings: read, page: { quietMode } }),
      (e: unknown) => setError(t('options_read_failed', String(e))),
    );
  }, []);
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <p class="options-intro">{t('ui_options_intro')}</p>
      <p>
        <a href={browser.runtime.getURL('/onboarding.html')} data-testid="open-onboarding">
          {t('onboarding_options_link')}
        </a>
      </p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {/* Each form's fieldsets are drawn as cards (pages.css); each group of them under its own heading. */}
      <section aria-labelledby="options-capture-heading">
        <h2 id="options-capture-heading">{t('ui_options_capture_heading')}</h2>
        {settings ? <SettingsForm initial={settings.settings} initialPageOptions={settings.page} onSave={save} pageCopyPermission={pageCopyPermission} witnessPermission={witnessPermission} /> : null}
      </section>
      <section aria-labelledby="options-limits-heading">
        <h2 id="options-limits-heading">{t('ui_options_limits_heading')}</h2>
        <LimitsForm storage={browser.storage.local as LimitsStorage} />
      </section>
      <LockerSettings actions={extensionLockerSettings} />
      <SigningKey />
    </main>
  );
}

applyUiLocale();
document.title = t('options_title');
render(<Options />, document.getElementById('app')!);
