// The popup's setup checklist (setup-status.tsx) wired to the extension: the permission, the settings, a new tab.
import { useMemo } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { SetupStatus, extensionSetupApi } from './setup-status';
import { openPostProofDb } from '../utils/store/db';
import { readSettings } from '../utils/store/settings';

export function ExtensionSetupStatus() {
  const api = useMemo(() => extensionSetupApi(browser, () => openPostProofDb().then(readSettings)), []);
  return <SetupStatus api={api} />;
}
