// The settings form's "Also keep the whole page as MHTML" box: ticking it asks for the optional `pageCapture`
// permission (permission-setting.tsx); refused or unavailable (Firefox), captures name the page copy as missing.
import { PermissionSetting, type OptionalPermission, type PermissionState } from './permission-setting';

export type PageCopyPermission = OptionalPermission;
export type PageCopyPermissionState = PermissionState;

export interface PageCopySettingProps {
  checked: boolean;
  onChange(checked: boolean): void;
  permission?: PageCopyPermission;
}

const TEXT = {
  legend: 'settings_page_mhtml_legend',
  label: 'settings_page_mhtml_label',
  hint: 'settings_page_mhtml_hint',
  granted: 'settings_page_mhtml_granted',
  refused: 'settings_page_mhtml_refused',
  unsupported: 'settings_page_mhtml_unsupported',
  promptFailed: 'settings_page_mhtml_prompt_failed',
} as const;

export function PageCopySetting(props: PageCopySettingProps) {
  return <PermissionSetting {...props} text={TEXT} testId="page-mhtml" />;
}
