// Reads a ZIP's end record and central directory and checks them against what PostProof writes (DESIGN.md §5): one
// end record, last, with no comment; STORED entries only, with no extra fields, comments, folders, links, encryption
// or data descriptors; safe, distinct names; and entries that follow one another from byte 0 to the directory with
// nothing between them. Pure: the bytes in, the entries or the problems out.

import { foldedName, unsafeEntryNameReason } from './entry-names';
import { shownName, type ZipProblem } from './zip-problem';

export const END_RECORD_SIZE = 22;
export const DIRECTORY_HEADER_SIZE = 46;
export const LOCAL_HEADER_SIZE = 30;
export const END_SIGNATURE = 0x06054b50;
export const DIRECTORY_SIGNATURE = 0x02014b50;
export const LOCAL_SIGNATURE = 0x04034b50;
/** The longest ZIP comment: how far back from the end an end record can sit. */
export const MAX_COMMENT = 0xffff;
/** A directory larger than this cannot come from PostProof (65,535 entries of short names). */
export const MAX_DIRECTORY_BYTES = 32 * 1024 * 1024;

/** "Version made by" PostProof's writers put in the directory: ZIP 2.0 on MS-DOS (jszip, utils/zip/stored-writer.ts). */
const MADE_BY = 20;
/** "Version needed": 1.0 (bundles written with jszip before the one writer) or 2.0 (stored-writer). */
const VERSIONS_NEEDED = new Set([10, 20]);
/** General-purpose flags: none, or bit 11 (UTF-8 names). Encryption, data descriptors and the rest are refused. */
const ALLOWED_FLAGS = new Set([0, 0x0800]);
const STORE = 0;

/** One entry as the central directory gives it; the local header must say the same (checked when it is read). */
export interface ZipEntry {
  name: string;
  /** Offset of the local header. */
  offset: number;
  /** Offset of the data: the local header, then the name, no extra field. */
  dataOffset: number;
  size: number;
  crc32: number;
  versionNeeded: number;
  flags: number;
  time: number;
  date: number;
  /** The name's raw bytes, compared with the local header's. */
  nameBytes: Uint8Array;
}

export interface ZipLayout {
  entries: ZipEntry[];
  directoryOffset: number;
  directorySize: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Finds the end record in the file's last bytes (`tail`, ending at the end of a file of `size` bytes). PostProof's
 * must be the very last 22 bytes; one further back means a comment or bytes appended after it.
 */
export function readEndRecord(tail: Uint8Array, size: number): { directoryOffset: number; directorySize: number; count: number } | ZipProblem {
  const notZip: ZipProblem = { code: 'not-a-zip', message: 'This file is not a ZIP archive (or it is cut short). Check that you chose the file PostProof exported.' };
  if (tail.length < END_RECORD_SIZE) return notZip;
  const data = view(tail);
  const last = tail.length - END_RECORD_SIZE;
  if (data.getUint32(last, true) !== END_SIGNATURE || data.getUint16(last + 20, true) !== 0) {
    for (let at = last - 1; at >= 0; at--) {
      if (data.getUint32(at, true) !== END_SIGNATURE) continue;
      const comment = data.getUint16(at + 20, true);
      return {
        code: 'trailing-bytes',
        message:
          comment === last - at
            ? 'This ZIP carries a comment after its last entry. unzip prints it; a PostProof bundle has none, so it was added after export.'
            : `This ZIP has ${tail.length - at - END_RECORD_SIZE} bytes after its end record. unzip ignores them; a PostProof bundle ends with its end record, so they were added after export.`,
      };
    }
    return notZip;
  }
  const at = last;
  const disk = data.getUint16(at + 4, true);
  const directoryDisk = data.getUint16(at + 6, true);
  const onDisk = data.getUint16(at + 8, true);
  const count = data.getUint16(at + 10, true);
  const directorySize = data.getUint32(at + 12, true);
  const directoryOffset = data.getUint32(at + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return { code: 'unsupported', message: 'This ZIP uses the ZIP64 extension (over 4 GiB or 65,535 files); PostProof bundles never do, so it was not made by PostProof or was re-packed.' };
  }
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) {
    return { code: 'unsupported', message: 'This ZIP says it is split over several disks; PostProof bundles never are, so it was not made by PostProof or was re-packed.' };
  }
  const endOffset = size - END_RECORD_SIZE;
  if (directoryOffset + directorySize > endOffset) {
    return { code: 'damaged', message: 'The ZIP’s file directory points outside the file: the download may be incomplete or the file was altered.' };
  }
  if (directoryOffset + directorySize !== endOffset) {
    return { code: 'hidden-bytes', message: `This ZIP has ${endOffset - directoryOffset - directorySize} bytes between its file directory and its end record that no entry accounts for; they were added after export.` };
  }
  return { directoryOffset, directorySize, count };
}

function entryKindProblem(name: string, fields: { madeBy: number; needed: number; flags: number; method: number; size: number; compressed: number; extra: number; comment: number; disk: number; internal: number; external: number }): string | null {
  if (name.endsWith('/')) return 'a folder entry; PostProof writes none, and a folder entry that carries data is a place to hide a second version of a file';
  if (fields.flags & 0x0041) return 'an encrypted entry';
  if (fields.flags & 0x0008) return 'an entry with a data descriptor after its data';
  if (!ALLOWED_FLAGS.has(fields.flags)) return `an entry with flags PostProof never sets (0x${fields.flags.toString(16)})`;
  if (fields.method !== STORE) return `a compressed entry (method ${fields.method}); PostProof stores every entry uncompressed, so this file was re-packed`;
  if (fields.compressed !== fields.size) return 'an uncompressed entry that declares two different sizes';
  if (fields.extra !== 0) return 'an entry with an extra field, which can carry a second name or size that some tools use instead of the directory’s';
  if (fields.comment !== 0) return 'an entry with a comment';
  if (fields.disk !== 0) return 'an entry said to start on another disk';
  if (fields.madeBy !== MADE_BY || !VERSIONS_NEEDED.has(fields.needed)) return `an entry made by another ZIP tool (version fields ${fields.madeBy}/${fields.needed})`;
  if (fields.internal !== 0 || fields.external !== 0) return 'an entry with file attributes (a link, a folder or permissions) that PostProof never writes';
  return null;
}

/** Parses the central directory (`bytes`, `count` entries) and checks each entry and the layout of all of them. */
export function readCentralDirectory(bytes: Uint8Array, count: number, directoryOffset: number): ZipLayout | ZipProblem[] {
  const data = view(bytes);
  const problems: ZipProblem[] = [];
  const entries: ZipEntry[] = [];
  const latin1 = new TextDecoder('latin1');
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + DIRECTORY_HEADER_SIZE > bytes.length || data.getUint32(at, true) !== DIRECTORY_SIGNATURE) {
      return [{ code: 'damaged', message: 'The ZIP’s file directory is damaged: the download may be incomplete or the file was altered.' }];
    }
    const nameLength = data.getUint16(at + 28, true);
    const extra = data.getUint16(at + 30, true);
    const comment = data.getUint16(at + 32, true);
    const end = at + DIRECTORY_HEADER_SIZE + nameLength + extra + comment;
    if (end > bytes.length) return [{ code: 'damaged', message: 'The ZIP’s file directory is damaged: an entry runs past its end.' }];
    const nameBytes = bytes.slice(at + DIRECTORY_HEADER_SIZE, at + DIRECTORY_HEADER_SIZE + nameLength);
    // Latin-1 maps each byte to one character: a non-ASCII byte stays visible (and refused) instead of being decoded.
    const name = latin1.decode(nameBytes);
    const size = data.getUint32(at + 24, true);
    const offset = data.getUint32(at + 42, true);
    const kind = entryKindProblem(name, {
      madeBy: data.getUint16(at + 4, true),
      needed: data.getUint16(at + 6, true),
      flags: data.getUint16(at + 8, true),
      method: data.getUint16(at + 10, true),
      size,
      compressed: data.getUint32(at + 20, true),
      extra,
      comment,
      disk: data.getUint16(at + 34, true),
      internal: data.getUint16(at + 36, true),
      external: data.getUint32(at + 38, true),
    });
    const unsafe = kind ? null : unsafeEntryNameReason(name);
    if (kind) problems.push({ code: 'entry-kind', entry: shownName(name), message: `This is ${kind}. A PostProof bundle never contains one.` });
    else if (unsafe) problems.push({ code: 'unsafe-name', entry: shownName(name), message: `Unsafe file name in the ZIP: ${unsafe}. A PostProof bundle never contains one; this ZIP was altered or made by something else.` });
    entries.push({
      name,
      offset,
      dataOffset: offset + LOCAL_HEADER_SIZE + nameLength,
      size,
      crc32: data.getUint32(at + 16, true),
      versionNeeded: data.getUint16(at + 6, true),
      flags: data.getUint16(at + 8, true),
      time: data.getUint16(at + 12, true),
      date: data.getUint16(at + 14, true),
      nameBytes,
    });
    at = end;
  }
  if (at !== bytes.length) {
    problems.push({ code: 'hidden-bytes', message: `The ZIP’s file directory holds ${bytes.length - at} bytes after its ${count} entries that belong to none of them.` });
  }
  problems.push(...nameCollisions(entries), ...layoutProblems(entries, directoryOffset));
  return problems.length > 0 ? problems : { entries, directoryOffset, directorySize: bytes.length };
}

/** Same name twice, the same but for case (one file on macOS and Windows), or a file where another entry needs a folder. */
function nameCollisions(entries: readonly ZipEntry[]): ZipProblem[] {
  const problems: ZipProblem[] = [];
  const seen = new Map<string, string>();
  for (const { name } of entries) {
    const key = foldedName(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        code: 'duplicate-name',
        entry: shownName(name),
        message: earlier === name
          ? 'The ZIP holds two files with this name; tools would disagree on which one is the evidence.'
          : `The ZIP holds this file and ${shownName(earlier)}, which differ only in upper and lower case: on macOS and Windows unzip writes one over the other.`,
      });
    } else {
      seen.set(key, name);
    }
  }
  for (const { name } of entries) {
    const parts = foldedName(name).split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const clash = seen.get(folder);
      if (clash !== undefined) {
        problems.push({ code: 'duplicate-name', entry: shownName(name), message: `The ZIP holds a file named ${shownName(clash)} where this entry needs a folder; unzip cannot write both.` });
        break;
      }
    }
  }
  return problems;
}

/** The entries, in file order, must start at byte 0 and follow one another up to the directory, with nothing between. */
function layoutProblems(entries: readonly ZipEntry[], directoryOffset: number): ZipProblem[] {
  const ordered = [...entries].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.offset < expected) {
      return [{ code: 'damaged', entry: shownName(entry.name), message: 'This entry overlaps the one before it in the file: two names for the same bytes, or a crafted archive.' }];
    }
    if (entry.offset > expected) {
      const where = expected === 0 ? 'before the first entry (a ZIP can be hidden behind another file, such as a web page)' : 'between two entries';
      return [{ code: 'hidden-bytes', entry: shownName(entry.name), message: `This ZIP holds ${entry.offset - expected} bytes ${where} that no entry accounts for; unzip skips them.` }];
    }
    expected = entry.dataOffset + entry.size;
  }
  if (expected > directoryOffset) return [{ code: 'damaged', message: 'The last entry runs into the file directory: the archive is damaged or crafted.' }];
  if (expected < directoryOffset) {
    return [{ code: 'hidden-bytes', message: `This ZIP holds ${directoryOffset - expected} bytes between its last entry and its file directory that no entry accounts for.` }];
  }
  return [];
}

/** Checks the local header of `entry` (30 bytes and the name, as read at the directory's offset) against the directory. */
export function localHeaderProblem(entry: ZipEntry, header: Uint8Array): ZipProblem | null {
  const data = view(header);
  const mismatch = (what: string): ZipProblem => ({
    code: 'header-mismatch',
    entry: shownName(entry.name),
    message: `This entry’s local header gives another ${what} than the ZIP’s file directory. unzip and other readers may then unpack different bytes than a verifier reads, so the archive cannot be trusted.`,
  });
  if (data.getUint32(0, true) !== LOCAL_SIGNATURE) return { code: 'damaged', entry: shownName(entry.name), message: 'The ZIP’s file directory points to something that is not an entry’s header: the archive is damaged or crafted.' };
  if (data.getUint16(26, true) !== entry.nameBytes.length || !header.subarray(LOCAL_HEADER_SIZE).every((byte, i) => byte === entry.nameBytes[i])) return mismatch('name');
  if (data.getUint16(28, true) !== 0) return mismatch('layout (an extra field)');
  if (data.getUint16(4, true) !== entry.versionNeeded || data.getUint16(6, true) !== entry.flags) return mismatch('version or flags');
  if (data.getUint16(8, true) !== STORE) return mismatch('compression method');
  if (data.getUint16(10, true) !== entry.time || data.getUint16(12, true) !== entry.date) return mismatch('date');
  if (data.getUint32(14, true) !== entry.crc32) return mismatch('CRC-32');
  if (data.getUint32(18, true) !== entry.size || data.getUint32(22, true) !== entry.size) return mismatch('size');
  return null;
}
