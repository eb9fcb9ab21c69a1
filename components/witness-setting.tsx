// The settings form's "Second witness" box: ticking it asks for the optional host permissions of the platforms'
// public record endpoints (utils/witness/sources/); refused, captures name the witness as missing.
import { PermissionSetting, type OptionalPermission } from './permission-setting';

export interface WitnessSettingProps {
  checked: boolean;
  onChange(checked: boolean): void;
  permission?: OptionalPermission;
}

const TEXT = {
  legend: 'settings_witness_legend',
  label: 'settings_witness_label',
  hint: 'settings_witness_hint',
  granted: 'settings_witness_granted',
  refused: 'settings_witness_refused',
  unsupported: 'settings_witness_refused',
  promptFailed: 'settings_page_mhtml_prompt_failed',
} as const;

export function WitnessSetting(props: WitnessSettingProps) {
  return <PermissionSetting {...props} text={TEXT} testId="witness" />;
}
