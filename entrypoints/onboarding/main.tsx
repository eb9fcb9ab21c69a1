// The first run: opened in a tab on install (entrypoints/background.ts), and again from the options page and the
// popup's checklist. Six steps, each skippable and each showing whether it is done: what PostProof does and keeps on
// this machine, screenshots, the collector, trusted time, the install key with a backup, a practice capture.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import './onboarding.css';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { Onboarding, type OnboardingApi } from '../../components/onboarding';
import { openPostProofDb } from '../../utils/store/db';
import { readSettings, writeSettings } from '../../utils/store/settings';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import type { CaptureResponse } from '../../utils/model';

const db = openPostProofDb();

const api: OnboardingApi = {
  permissions: browser.permissions,
  readSettings: () => db.then(readSettings),
  writeSettings: async (settings) => writeSettings(await db, settings),
  db: () => db,
  keyId: async () => (await getOrCreateInstallKey(await db)).keyId,
  storage: { get: (key) => browser.storage.local.get(key), set: (items) => browser.storage.local.set(items) },
  practice: (request) => browser.runtime.sendMessage({ type: 'postproof/practice-capture', request }) as Promise<CaptureResponse>,
  dashboardUrl: browser.runtime.getURL('/dashboard.html'),
  optionsUrl: browser.runtime.getURL('/options.html'),
};

applyUiLocale();
document.title = t('onboarding_title');
render(<Onboarding api={api} />, document.getElementById('app')!);
