// A settings box that needs an optional permission: ticking it asks, in that click (a user gesture), for the
// permission; refused or unavailable, captures go on and name what is missing. The setting itself is saved with the
// rest of the form. Used by the whole-page copy and the second witness.
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';

/** The parts of browser.permissions a setting needs, passed in so the component runs without an extension. */
export interface OptionalPermission {
  /** False where the browser cannot grant it (Firefox has no page-capture API). */
  available: boolean;
  contains(): Promise<boolean>;
  request(): Promise<boolean>;
}

/** `data-state` of the permission line: what captures made now will do. */
export type PermissionState = 'unknown' | 'asking' | 'granted' | 'refused' | 'unsupported' | 'error';

/** The words of one setting; `promptFailed` takes the browser's reason as $1. */
export interface PermissionSettingText {
  legend: MessageKey;
  label: MessageKey;
  hint: MessageKey;
  granted: MessageKey;
  refused: MessageKey;
  unsupported: MessageKey;
  promptFailed: MessageKey;
}

export interface PermissionSettingProps {
  checked: boolean;
  onChange(checked: boolean): void;
  permission?: OptionalPermission;
  text: PermissionSettingText;
  /** Test ids: `<testId>-enabled` on the box, `<testId>-permission` on the line saying what the browser allows. */
  testId: string;
}

export function PermissionSetting({ checked, onChange, permission, text, testId }: PermissionSettingProps) {
  const [state, setState] = useState<PermissionState>('unknown');
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
    state === 'unsupported' ? t(text.unsupported)
    : !checked ? ''
    : state === 'granted' ? t(text.granted)
    : state === 'refused' ? t(text.refused)
    : state === 'error' ? t(text.promptFailed, detail)
    : '';

  // Where the browser cannot grant it at all (Firefox has no page-capture API), the box is hidden: only why is said.
  if (permission && !permission.available) {
    return (
      <fieldset>
        <legend>{t(text.legend)}</legend>
        <p class="hint" role="status" data-testid={`${testId}-permission`} data-state="unsupported">{t(text.unsupported)}</p>
      </fieldset>
    );
  }

  return (
    <fieldset>
      <legend>{t(text.legend)}</legend>
      <label>
        <input type="checkbox" data-testid={`${testId}-enabled`} aria-describedby={`${testId}-why`} checked={checked} onChange={(e) => toggle(e.currentTarget.checked)} /> {t(text.label)}
      </label>
      <p class="hint" id={`${testId}-why`}>{t(text.hint)}</p>
      <p class="hint" role="status" data-testid={`${testId}-permission`} data-state={state}>{note}</p>
    </fieldset>
  );
}
