// The public timestamp authorities offered as presets, and which authorities a capture is stamped by. No ASN.1 here:
// the options page and the popup use this module without loading the RFC 3161 code.
import type { Settings, TsaEndpoint } from '../model';

/** Public RFC 3161 services. They only ever receive a SHA-256, so their hosts are declared in the manifest. */
export const TSA_PRESETS: readonly TsaEndpoint[] = [
  { id: 'freetsa', name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
  { id: 'digicert', name: 'DigiCert', url: 'http://timestamp.digicert.com' },
  { id: 'sectigo', name: 'Sectigo', url: 'http://timestamp.sectigo.com' },
];

/** Host permission patterns for the presets (wxt.config.ts), so the background may POST to them. */
export const TSA_PRESET_HOST_PERMISSIONS: string[] = TSA_PRESETS.map((preset) => `${new URL(preset.url).origin}/*`);

export const DEFAULT_SETTINGS: Settings = { timestamping: { enabled: false, presets: [] } };

/** Why `url` cannot be a TSA address, or null when it can. */
export function customTsaUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This is not a web address; it should look like https://tsa.example.org/tsr.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'A timestamp authority is reached over https:// or http://.';
  if (parsed.username || parsed.password) return 'Leave the user name and password out of the address.';
  return null;
}

/** The host permission a custom TSA needs (asked for when the user saves it). */
export function originPermission(url: string): string {
  return `${new URL(url).origin}/*`;
}

/** A custom TSA's id: its host, made safe for a file name (tsa/<id>.pem). */
export function customTsaEndpoint(url: string): TsaEndpoint {
  const host = new URL(url).host.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return { id: `custom-${host}`, name: new URL(url).host, url };
}

/** Every authority a new capture is stamped by; none while timestamping is off. */
export function chosenAuthorities(settings: Settings): TsaEndpoint[] {
  const { timestamping } = settings;
  if (!timestamping.enabled) return [];
  const chosen = TSA_PRESETS.filter((preset) => timestamping.presets.includes(preset.id));
  if (timestamping.customUrl && customTsaUrlProblem(timestamping.customUrl) === null) chosen.push(customTsaEndpoint(timestamping.customUrl));
  return chosen;
}
