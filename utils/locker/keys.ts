// Object keys in the locker: `<prefix>/<case>/<capture id>/<path in the bundle>`. The case folder is the case's
// name (so every member's captures of one case meet in one folder), made safe as one key segment.

import { CHECKSUMS_SIGNATURE_FILE } from '../evidence/checksum-checks';

export const NO_CASE = 'no-case';

/** The folder's closing file, pushed last: a folder without it is a push that did not finish. */
export const CLOSING_FILE = CHECKSUMS_SIGNATURE_FILE;

/** A case name as one key segment: letters and digits of any script kept, anything else a hyphen. */
export function caseSegment(name: string | undefined): string {
  const segment = (name ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return segment || NO_CASE;
}

/** The prefix as written in the settings: no leading or trailing slashes, no empty or dot segments. */
export function normalPrefix(prefix: string): string {
  return prefix
    .split('/')
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .join('/');
}

/** The key prefix under which the locker's captures lie, ending with a slash ('' for the bucket's root). */
export function lockerRoot(prefix: string): string {
  const clean = normalPrefix(prefix);
  return clean ? `${clean}/` : '';
}

export function folderKey(prefix: string, caseName: string | undefined, captureId: string): string {
  return `${lockerRoot(prefix)}${caseSegment(caseName)}/${captureId}/`;
}

/** `<root><case>/<id>/<rest>` → its case segment and capture id; null for a key outside that shape. */
export function parseFolderKey(root: string, key: string): { caseName: string; captureId: string; folder: string; path: string } | null {
  if (!key.startsWith(root)) return null;
  const parts = key.slice(root.length).split('/');
  if (parts.length < 3 || !parts[0] || !parts[1] || parts.slice(2).some((p) => p === '')) return null;
  return { caseName: parts[0], captureId: parts[1], folder: `${root}${parts[0]}/${parts[1]}/`, path: parts.slice(2).join('/') };
}
