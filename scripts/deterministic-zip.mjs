// ZIP files that come out byte for byte the same from the same input, for the store packages (scripts/zip.mjs):
// entries sorted by name, one fixed date, fixed permissions, no folder entries, no extra fields, no comment.
// jszip writes the DOS date in UTC, adds an extra field only for a non-ASCII name (refused here) and compresses with
// pako, a pure-JS zlib pinned in package-lock.json, so the same input gives the same bytes on any machine.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

/** 1980-01-01 00:00:00 UTC, the first date a ZIP entry can hold: no clock, commit or time zone in the bytes. */
export const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
export const FILE_MODE = 0o644;
export const EXECUTABLE_MODE = 0o755;

/**
 * The ZIP of these entries ({ name, bytes, executable? }), as a Buffer. Refuses duplicate, absolute, non-ASCII or
 * `..` names: each would make the package unpack differently from what was listed.
 */
export async function deterministicZip(entries) {
  const zip = new JSZip();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let previous;
  for (const entry of sorted) {
    const problem = entryNameProblem(entry.name);
    if (problem) throw new Error(`cannot zip ${JSON.stringify(entry.name)}: ${problem}`);
    if (entry.name === previous) throw new Error(`cannot zip ${entry.name}: listed twice`);
    previous = entry.name;
    zip.file(entry.name, entry.bytes, {
      date: ZIP_DATE,
      unixPermissions: entry.executable ? EXECUTABLE_MODE : FILE_MODE,
      createFolders: false,
      binary: true,
    });
  }
  return zip.generateAsync({
    type: 'nodebuffer',
    platform: 'UNIX',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    streamFiles: false,
  });
}

/** Why a name cannot go into a package, or undefined. */
export function entryNameProblem(name) {
  if (name === '' || name.endsWith('/')) return 'not a file name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return 'a relative or empty path segment';
  if (name.includes('\\')) return 'a backslash';
  // eslint-disable-next-line no-control-regex
  if (!/^[\x20-\x7e]+$/.test(name)) return 'not printable ASCII (jszip would add an extra field)';
  return undefined;
}

/** Every file under a folder, as entries named by their path inside it ('/' separated), regular files only. */
export function folderEntries(folder) {
  const entries = [];
  const walk = (relative) => {
    for (const item of readdirSync(join(folder, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${item.name}` : item.name;
      if (item.isDirectory()) walk(name);
      else if (item.isFile()) entries.push({ name, bytes: readFileSync(join(folder, name)) });
      else throw new Error(`${join(folder, name)} is neither a file nor a folder: a package holds files only`);
    }
  };
  walk('');
  return entries;
}

/** The entries of a ZIP: name, uncompressed size, bytes; folders as entries with `dir: true`. */
export async function readZip(bytes) {
  const zip = await JSZip.loadAsync(bytes);
  const entries = [];
  for (const file of Object.values(zip.files)) {
    const content = file.dir ? Buffer.alloc(0) : await file.async('nodebuffer');
    entries.push({ name: file.name, dir: file.dir, size: content.length, bytes: content });
  }
  return entries;
}

export function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}
