// Reading a list of URLs as a person pastes or imports it: one URL a line (TXT), or a spreadsheet saved as CSV with a
// URL column (a header named url/link/permalink/post, else the first column that holds http(s) URLs). Pure: no
// browser API. Nothing is dropped silently: a line that holds no web address is kept as an entry and shown as an
// error of its own; a list longer than the limit is refused whole, with the count, never cut.

/** Most URLs in one list. */
export const LIST_MAX_URLS = 10_000;

/** Header names of the URL column, compared lower case with spaces, dashes and underscores removed. */
const URL_HEADERS = ['url', 'link', 'permalink', 'post', 'posturl', 'postlink', 'urls', 'links'];

export interface ListEntry {
  /** 1-based line (or CSV record) of the input it came from. */
  line: number;
  /** The cell or line, trimmed. */
  text: string;
  /** True when it is an http(s) URL. */
  valid: boolean;
}

export interface ParsedList {
  format: 'txt' | 'csv';
  /** The CSV column the URLs were read from (its header, or its number from 1). */
  column?: string;
  entries: ListEntry[];
  /** Set when the input holds more entries than LIST_MAX_URLS: the list is refused, not cut. */
  tooMany?: { count: number; max: number };
}

/** An http(s) URL with a host, or undefined. */
export function webUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return undefined;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold the delimiter, "" and line breaks). */
export function csvRecords(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

const normalHeader = (cell: string) => cell.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** The delimiter of a CSV: the first of tab, comma, semicolon found outside quotes in its first record. */
function delimiterOf(firstLine: string): string | undefined {
  const outside = firstLine.replace(/"[^"]*"/g, '');
  return ['\t', ',', ';'].find((d) => outside.includes(d));
}

function limited(parsed: Omit<ParsedList, 'tooMany'>): ParsedList {
  return parsed.entries.length > LIST_MAX_URLS ? { ...parsed, tooMany: { count: parsed.entries.length, max: LIST_MAX_URLS } } : parsed;
}

/** Reads pasted text or an imported file's text (TXT or CSV, with or without a byte order mark). */
export function parseUrlList(input: string): ParsedList {
  const text = input.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  const nonEmpty = lines.map((raw, i) => ({ line: i + 1, text: raw.trim() })).filter((l) => l.text !== '');
  // One URL a line: every line that is not blank is a URL (or a note that is not one) with no delimiter outside it.
  const firstLine = nonEmpty[0]?.text ?? '';
  const delimiter = delimiterOf(firstLine);
  // A URL may hold a comma: lines that are all whole URLs are TXT unless every one of them holds the delimiter too.
  const looksTxt = !delimiter || (nonEmpty.every((l) => webUrl(l.text) !== undefined) && !nonEmpty.every((l) => l.text.replace(/"[^"]*"/g, '').includes(delimiter)));
  if (looksTxt) return limited({ format: 'txt', entries: nonEmpty.map((l) => ({ line: l.line, text: l.text, valid: webUrl(l.text) !== undefined })) });

  const records = csvRecords(text, delimiter).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records[0]?.fields ?? [];
  let column = header.findIndex((cell) => URL_HEADERS.includes(normalHeader(cell)));
  let rows = records;
  let columnName: string | undefined;
  if (column >= 0) {
    columnName = header[column]!.trim();
    rows = records.slice(1);
  } else {
    // No named column: the first column in which some record holds an http(s) URL.
    const width = Math.max(0, ...records.map((r) => r.fields.length));
    column = Array.from({ length: width }, (_, i) => i).find((i) => records.some((r) => webUrl((r.fields[i] ?? '').trim()) !== undefined)) ?? 0;
    columnName = String(column + 1);
    // A first record with no URL in that column, followed by ones with URLs, is a header of other names.
    if (records.length > 1 && !webUrl((records[0]!.fields[column] ?? '').trim())) rows = records.slice(1);
  }
  const entries = rows
    .map((r) => ({ line: r.line, text: (r.fields[column] ?? '').trim() }))
    .filter((e) => e.text !== '')
    .map((e) => ({ ...e, valid: webUrl(e.text) !== undefined }));
  return limited({ format: 'csv', column: columnName, entries });
}

// ---------------------------------------------------------------- duplicates

const HOST_ALIASES: Record<string, string> = {
  'twitter.com': 'x.com',
  'mobile.x.com': 'x.com',
  'mobile.twitter.com': 'x.com',
  'm.facebook.com': 'facebook.com',
  'web.facebook.com': 'facebook.com',
  'mbasic.facebook.com': 'facebook.com',
  'old.reddit.com': 'reddit.com',
  'new.reddit.com': 'reddit.com',
  'm.youtube.com': 'youtube.com',
  'telegram.me': 't.me',
};

/** Query parameters that only say where a link was shared from: two URLs that differ only in them are the same. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|igshid|igsh|si|s|t|ref|ref_src|ref_url|feature|share_id|_rdr|mibextid)$/i;
/** Hosts whose paths are case-insensitive (handles, numeric ids). */
const CASELESS_PATHS = new Set(['x.com', 'bsky.app', 't.me', 'reddit.com']);

/**
 * A key equal for two URLs of the same page: scheme, `www.`, host aliases (twitter.com → x.com), the fragment, a
 * trailing slash, tracking parameters, Telegram's `/s/` view, youtu.be links and the order of parameters removed.
 */
export function duplicateKey(text: string): string {
  const url = webUrl(text.trim());
  if (!url) return text.trim();
  let host = url.hostname.toLowerCase().replace(/\.$/, '');
  host = HOST_ALIASES[host] ?? host;
  host = host.replace(/^www\./, '');
  let path = url.pathname.replace(/\/+$/, '') || '/';
  const params = [...url.searchParams.entries()].filter(([name]) => !TRACKING.test(name));
  if (host === 'youtu.be') {
    host = 'youtube.com';
    params.push(['v', path.slice(1)]);
    path = '/watch';
  }
  if (host === 't.me' && path.startsWith('/s/')) path = path.slice(2);
  if (CASELESS_PATHS.has(host)) path = path.toLowerCase();
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  return `${host}${path}${query}`;
}
