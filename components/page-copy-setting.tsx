// The settings form's "Also keep the whole page as MHTML" box. Turning it on asks, in that click (a user gesture),
// for the optional `pageCapture` permission; refused or unavailable (Firefox), captures go on and name the page copy
// as missing. The setting itself is saved with the rest of the form.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';

/** The parts of browser.permissions this needs, passed in so the component runs without an extension. */
export interface PageCopyPermission {
  /** False where the browser has no page-capture API (the Firefox build does not declare the permission). */
  available: boolean;
  contains(): Promise<boolean>;
  request(): Promise<boolean>;
}

/** `data-state` of the permission line: what captures made now will do. */
export type PageCopyPermissionState = 'unknown' | 'asking' | 'granted' | 'refused' | 'unsupported' | 'error';

export interface PageCopySettingProps {
  checked: boolean;
  onChange(checked: boolean): void;
  permission?: PageCopyPermission;
}

export function PageCopySetting({ checked, onChange, permission }: PageCopySettingProps) {
  const [state, setState] = useState<PageCopyPermissionState>('unknown');
  const [detail, setDetail] = useState('');

  useEffect(() => {
    if (!permission) return;
    if (!permission.available) return setState('unsupported');
    permission.contains().then((ok) => setState(ok ? 'granted' : 'refused'), () => setState('unknown'));
  }, [permission]);

  function toggle(on: boolean) {
    onChange(on);
    if (!on || !permission || !permission.available || state === 'granted') return;
    // Straight from the click: browsers show the permission prompt only during a user gesture.
    setState('asking');
    permission.request().then(
      (ok) => setState(ok ? 'granted' : 'refused'),
      (error: unknown) => {
        setDetail(errorMessage(error));
        setState('error');
      },
    );
  }

  const note =
    state === 'unsupported' ? t('settings_page_mhtml_unsupported')
    : !checked ? ''
    : state === 'granted' ? t('settings_page_mhtml_granted')
    : state === 'refused' ? t('settings_page_mhtml_refused')
    : state === 'error' ? t('settings_page_mhtml_prompt_failed', detail)
    : '';

  return (
    <fieldset>
      <legend>{t('settings_page_mhtml_legend')}</legend>
      <label>
        <input type="checkbox" data-testid="page-mhtml-enabled" checked={checked} onChange={(e) => toggle(e.currentTarget.checked)} />{' '}
        {t('settings_page_mhtml_label')}
      </label>
      <p class="hint" id="page-mhtml-why">{t('settings_page_mhtml_hint')}</p>
      <p class="hint" role="status" data-testid="page-mhtml-permission" data-state={state}>{note}</p>
    </fieldset>
  );
}
