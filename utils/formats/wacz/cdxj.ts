// The CDXJ index (webrecorder cdxj/0.1.0, FORMATS.md §1.5): one `<surt> <timestamp> <json>` line per record,
// sorted in plain byte order (LC_ALL=C sort). Written and parsed here, so the writer and the verifier agree.

import { utf8 } from '../../provenance/hash';
import { WARC_NAME } from './layout';

export interface CdxjEntry {
  url: string;
  /** RFC 3339 time of the capture; written as 17 digits (YYYYMMDDhhmmss + milliseconds). */
  date: string;
  /** `sha256:<hex>` of the payload. */
  digest: string;
  mime: string;
  /** Byte range of the whole record inside the WARC as stored (FORMATS.md T7: the ZIP entry is STORED). */
  offset: number;
  length: number;
  /** `sha256:<hex>` of the record's exact bytes [offset, offset + length). */
  recordDigest: string;
  status: number;
  /** The WARC's name relative to archive/. */
  filename: string;
}

/** What the index says of a response record, from its signed entry: not the WARC block's type and digest, the HTTP answer's. */
export interface ResponseIndex {
  status: number;
  /** The media type of the response's Content-Type. */
  mime: string;
  /** `sha256:<hex>` of the HTTP body (the record's WARC-Payload-Digest). */
  payloadDigest: string;
}

/**
 * The index line of one record (every record but warcinfo), as the writer makes it and the verifier makes it again:
 * a resource or metadata record is served with status 200 and its block's type and digest; a response record with
 * its own status, body type and body digest (`response`).
 */
export function indexEntry(
  head: { targetUri?: string; date: string; contentType: string },
  at: { offset: number; length: number; blockDigest: string; recordDigest: string },
  response?: ResponseIndex,
): CdxjEntry {
  return {
    url: head.targetUri ?? '',
    date: head.date,
    digest: response?.payloadDigest ?? at.blockDigest,
    mime: response?.mime ?? head.contentType,
    offset: at.offset,
    length: at.length,
    recordDigest: at.recordDigest,
    status: response?.status ?? 200,
    filename: WARC_NAME,
  };
}

/**
 * The searchable key, following warcio.js `getSurt` (which pywb follows): lower case, no scheme, a leading `www\d*.`
 * dropped, host labels reversed and joined by commas, `:port`, `)`, then path and sorted query. Anything that is
 * not http(s) (urn:, metadata://) stays as it is.
 */
export function surt(url: string): string {
  if (!/^https?:/i.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^(https?:\/\/)www\d*\./i, '$1').toLowerCase());
  } catch {
    return url;
  }
  let key = `${parsed.hostname.split('.').reverse().join(',')}${parsed.port ? `:${parsed.port}` : ''})${parsed.pathname}`;
  if (parsed.search) {
    parsed.searchParams.sort();
    key += `?${parsed.searchParams.toString()}`;
  }
  return key;
}

/** `2026-11-27T11:59:30.123Z` → `20261127115930123`. */
export function cdxjTimestamp(date: string): string {
  const iso = new Date(date).toISOString();
  return iso.replace(/[-:T.Z]/g, '');
}

export function cdxjLine(entry: CdxjEntry): string {
  const { url, digest, mime, offset, length, recordDigest, status, filename } = entry;
  const json = JSON.stringify({ url, digest, mime, offset, length, recordDigest, status, filename });
  return `${surt(url)} ${cdxjTimestamp(entry.date)} ${json}\n`;
}

/** Byte order of the UTF-8 lines, as `LC_ALL=C sort` orders them (JS string order differs above U+FFFF). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function formatCdxj(entries: readonly CdxjEntry[]): string {
  const lines = entries.map((entry) => {
    const line = cdxjLine(entry);
    return { line, bytes: utf8(line.slice(0, -1)) };
  });
  lines.sort((a, b) => compareBytes(a.bytes, b.bytes));
  return lines.map((l) => l.line).join('');
}

export interface ParsedCdxjLine {
  lineNumber: number;
  key: string;
  timestamp: string;
  json: Record<string, unknown>;
}

/** Parses index text; lines that are not `<key> <timestamp> <json>` come back as problems naming the line. */
export function parseCdxj(text: string): { lines: ParsedCdxjLine[]; problems: string[]; sorted: boolean } {
  const lines: ParsedCdxjLine[] = [];
  const problems: string[] = [];
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  for (const [index, line] of raw.entries()) {
    const match = /^(\S+) (\d{14,17}) (\{.*\})$/.exec(line);
    let json: unknown;
    try {
      json = match ? JSON.parse(match[3]!) : undefined;
    } catch {
      json = undefined;
    }
    if (!match || typeof json !== 'object' || json === null || Array.isArray(json)) {
      problems.push(`Line ${index + 1} is not a CDXJ line ("<key> <timestamp> <json>").`);
      continue;
    }
    lines.push({ lineNumber: index + 1, key: match[1]!, timestamp: match[2]!, json: json as Record<string, unknown> });
  }
  const encoded = raw.map((line) => utf8(line));
  const sorted = encoded.every((line, i) => i === 0 || compareBytes(encoded[i - 1]!, line) <= 0);
  return { lines, problems, sorted };
}
