// What the strict reader refuses, as a code a program can match and a sentence a person can act on.

export type ZipProblemCode =
  /** Not a ZIP at all, or cut short before its end record. */
  | 'not-a-zip'
  /** Bytes after the end record, or a ZIP comment: unzip ignores them, a person may not see them. */
  | 'trailing-bytes'
  /** ZIP64 or a multi-disk archive: PostProof writes neither. */
  | 'unsupported'
  /** The central directory or a local header is damaged or lies about sizes and places. */
  | 'damaged'
  /** Bytes before the first entry, between entries, or between the last entry and the directory. */
  | 'hidden-bytes'
  /** A local header says something else than the central directory (name, sizes, method, flags). */
  | 'header-mismatch'
  /** A folder entry, a link, an encrypted or compressed entry, an extra field, an entry comment. */
  | 'entry-kind'
  /** A name that unzip could write outside its folder, or differently on another system. */
  | 'unsafe-name'
  /** Two entries that unzip would write to the same file (same name, or same name but for case). */
  | 'duplicate-name'
  /** An entry's bytes do not match the CRC-32 its headers give: unzip reports it as damaged. */
  | 'crc';

export interface ZipProblem {
  code: ZipProblemCode;
  /** The entry concerned, as the central directory names it (printable form), when there is one. */
  entry?: string;
  message: string;
}

/** A name as it may be shown: control and non-ASCII characters escaped, at most 200 characters. */
export function shownName(raw: string): string {
  const escaped = JSON.stringify(raw).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}
