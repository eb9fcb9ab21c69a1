// Offers the optional <all_urls> host permission that screenshots of posts need, with the reason in one sentence.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';

export const SCREENSHOT_ORIGINS = ['<all_urls>'];

/** The parts of browser.permissions this needs, passed in so the component runs without an extension. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
}

export function ScreenshotPermission({ permissions }: { permissions: PermissionsApi }) {
  const [granted, setGranted] = useState<boolean>();
  const [message, setMessage] = useState('');

  useEffect(() => {
    permissions.contains({ origins: SCREENSHOT_ORIGINS }).then(setGranted, () => setGranted(false));
  }, [permissions]);

  if (granted !== false) return null;

  function ask() {
    // Must run straight from the click: browsers only show the prompt during a user gesture.
    permissions.request({ origins: SCREENSHOT_ORIGINS }).then(
      (ok) => {
        setGranted(ok);
        if (!ok) setMessage(t('screenshots_declined'));
      },
      (error: unknown) => setMessage(t('screenshots_prompt_failed', errorMessage(error))),
    );
  }

  return (
    <div class="permission">
      <p id="screenshot-why">{t('screenshots_why')}</p>
      <button type="button" data-testid="grant-screenshots" aria-describedby="screenshot-why" onClick={ask}>
        {t('screenshots_allow')}
      </button>
      {/* The live region stays in the page; only its words change, so screen readers announce them. */}
      <div role="status">{message ? <p class="hint">{message}</p> : null}</div>
    </div>
  );
}
