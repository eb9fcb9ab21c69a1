// Which entry names a PostProof ZIP may hold: relative paths of plain ASCII segments (letters, digits and . _ ~ + -),
// so unzip writes every file inside its folder, under the same name on every system, and the shell commands of the
// stock recipe (sha256sum, find, jq) read them literally.

const SEGMENT = /^[A-Za-z0-9._~+-]+$/;

/** Why `name` is not a safe entry name, or null when it is. A trailing `/` (a folder entry) is allowed here. */
export function unsafeEntryNameReason(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (/[^\x20-\x7e]/.test(name)) return 'the name holds control or non-ASCII characters';
  if (name.includes('\\')) return 'the name holds a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'the name is an absolute path';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((segment) => segment === '..')) return 'the name climbs out of the folder with ".."';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'the name has an empty or "." segment';
  if (segments.some((segment) => !SEGMENT.test(segment))) return 'the name holds a character other than letters, digits and . _ ~ + -';
  // Windows drops a trailing dot: "a." and "a" would land on one file.
  if (segments.some((segment) => segment.endsWith('.'))) return 'a part of the name ends in a dot';
  return null;
}

/** A single path segment safe to use as a folder name (capture ids). */
export function isSafeSegment(segment: string): boolean {
  return !segment.includes('/') && unsafeEntryNameReason(segment) === null;
}

/** How two names collide on a system that ignores case (macOS, Windows): one key per file unzip would write. */
export function foldedName(name: string): string {
  return name.toLowerCase();
}
