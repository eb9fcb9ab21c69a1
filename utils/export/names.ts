// The one name an export's file gets: one bundle built in memory, a WACZ, or a streamed bundle (a volume of a set),
// all dated in UTC.
import type { ExportFormat } from './types';

export interface ExportName {
  format: ExportFormat;
  now: Date;
  captures: number;
  /** A streamed bundle: which volume of how many, and the case the export is for. */
  volume?: { n: number; of: number; caseName?: string };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A case name as a file-name part: letters and digits of any script, the rest as single dashes. */
export function caseSlug(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 48).toLowerCase();
}

/**
 * `postproof-bundle-YYYYMMDD-HHMMSS-<n>captures.zip` (one bundle), `postproof-YYYYMMDD-HHMMSS-<n>captures.wacz`, or
 * `postproof-<case>-YYYYMMDD-HHMM-vol1of3.zip` (a streamed bundle: the case part when one is chosen, the volume part
 * when there are several).
 */
export function exportFileName({ format, now, captures, volume }: ExportName): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const minute = `${date}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
  if (format === 'wacz') return `postproof-${minute}${pad(now.getUTCSeconds())}-${captures}captures.wacz`;
  if (!volume) return `postproof-bundle-${minute}${pad(now.getUTCSeconds())}-${captures}captures.zip`;
  const slug = volume.caseName ? caseSlug(volume.caseName) : '';
  return `postproof-${slug ? `${slug}-` : ''}${minute}${volume.of > 1 ? `-vol${volume.n}of${volume.of}` : ''}.zip`;
}
