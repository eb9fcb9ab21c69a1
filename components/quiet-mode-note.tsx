// The popup's word on quiet mode (utils/extension/quiet-mode.ts): while it is on, posts carry no Preserve button, and this says
// why and how to preserve instead. Follows the setting while the popup is open.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { followQuietMode, type QuietModeStorage } from '../utils/extension/quiet-mode';

/** Quiet mode as stored: false until read (so nothing is said before it is known), then each change. */
export function useQuietMode(storage: QuietModeStorage): boolean {
  const [quiet, setQuiet] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    followQuietMode(storage, setQuiet, controller.signal);
    return () => controller.abort();
  }, [storage]);
  return quiet;
}

export function QuietModeNote({ quiet }: { quiet: boolean }) {
  return quiet ? (
    <p class="hint" role="note" data-testid="quiet-mode-note">
      {t('popup_quiet_mode')}
    </p>
  ) : null;
}
