// The settings form's quiet-mode box (utils/extension/quiet-mode.ts): PostProof adds nothing to the pages the user visits, and
// posts are preserved from the keyboard command, the context menu and the toolbar. Saved with the rest of the form.
import { t } from '../utils/i18n/i18n';

export function QuietModeSetting({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <fieldset>
      <legend>{t('settings_quiet_legend')}</legend>
      <label>
        <input type="checkbox" data-testid="quiet-mode" checked={checked} aria-describedby="quiet-mode-why" onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
        {t('settings_quiet_label')}
      </label>
      <p class="hint" id="quiet-mode-why">{t('settings_quiet_hint')}</p>
    </fieldset>
  );
}
