// The popup's setup checklist: what still keeps captures from being evidence-grade (no screenshots, no trusted time,
// no collector), with the way to the first-run page; nothing at all once everything is set.
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { setupGaps, type SetupGap } from '../utils/extension/first-run';
import type { Settings } from '../utils/model';
import { SCREENSHOT_ORIGINS } from './screenshot-permission';

export interface SetupStatusApi {
  screenshotsAllowed(): Promise<boolean>;
  readSettings(): Promise<Settings>;
  /** Opens the first-run page (in a tab). */
  openFirstRun(): void;
}

const GAP_TEXT: Record<SetupGap, MessageKey> = {
  screenshots: 'setup_missing_screenshots',
  'trusted-time': 'setup_missing_time',
  collector: 'setup_missing_collector',
};

export function SetupStatus({ api }: { api: SetupStatusApi }) {
  const [gaps, setGaps] = useState<SetupGap[]>([]);
  useEffect(() => {
    Promise.all([api.screenshotsAllowed().catch(() => false), api.readSettings()]).then(
      ([screenshotsAllowed, settings]) => setGaps(setupGaps({ screenshotsAllowed, settings })),
      () => setGaps([]),
    );
  }, [api]);
  if (gaps.length === 0) return null;
  return (
    <section class="setup-status" data-testid="setup-status" aria-labelledby="setup-status-title">
      <h2 id="setup-status-title">{t('setup_title')}</h2>
      <ul>
        {gaps.map((gap) => (
          <li key={gap} data-testid="setup-missing" data-gap={gap}>
            {t(GAP_TEXT[gap])}
          </li>
        ))}
      </ul>
      <button type="button" data-testid="setup-open" onClick={() => api.openFirstRun()}>
        {t('setup_open')}
      </button>
    </section>
  );
}

/** The browser's side: the <all_urls> permission, the settings in the store, the first-run page in a new tab. */
export function extensionSetupApi(browser: {
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  tabs: { create(p: { url: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
}, readSettings: () => Promise<Settings>): SetupStatusApi {
  return {
    screenshotsAllowed: () => browser.permissions.contains({ origins: SCREENSHOT_ORIGINS }),
    readSettings,
    openFirstRun: () => void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') }),
  };
}
