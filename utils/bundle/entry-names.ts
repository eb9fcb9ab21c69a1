// Which ZIP entry names are safe: relative, ASCII, no `..`, no backslashes, so unzip cannot write outside its folder.

/** Why `name` is not a safe entry name, or null when it is. A trailing `/` (a folder entry) is allowed. */
export function unsafeEntryNameReason(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (/[^\x20-\x7e]/.test(name)) return 'the name holds control or non-ASCII characters';
  if (name.includes('\\')) return 'the name holds a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'the name is an absolute path';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((segment) => segment === '..')) return 'the name climbs out of the folder with ".."';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'the name has an empty or "." segment';
  return null;
}

/** A single path segment safe to use as a folder name (capture ids). */
export function isSafeSegment(segment: string): boolean {
  return !segment.includes('/') && unsafeEntryNameReason(segment) === null;
}
