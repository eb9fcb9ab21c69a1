// captures.csv for researchers: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are defused.

import { authorLabel, type CaptureSummary } from '../../evidence/capture-summary';

const COLUMNS = [
  'id',
  'sequence',
  'captured_at',
  'platform',
  'author',
  'author_handle',
  'permalink',
  'posted_at',
  'text',
  'page_url',
  'capture_sha256',
  'artifacts',
  'missing',
  'server_date',
  'tsa_times',
  'cases',
  'tags',
  'note',
  'witness',
  'witness_differs',
] as const;

/** The second witness in one cell: its status (a re-check: what it found of which capture), or why there is none. */
function witnessCell(s: CaptureSummary): string | undefined {
  const block = s.corroboration;
  if (!block) return s.missing.some((m) => m.role === 'second-witness') ? 'none' : undefined;
  return s.recheck ? `recheck of ${s.recheck.of}: ${s.recheck.outcome}` : block.status;
}

/** One CSV cell. Post text is hostile input: a leading = + - @ (or tab/CR) would make Excel or Sheets run a formula. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function capturesCsv(summaries: readonly CaptureSummary[]): string {
  const rows = summaries.map((s) =>
    [
      s.id,
      s.sequence,
      s.capturedAt,
      s.platform,
      authorLabel(s.authorName, s.authorHandle),
      s.authorHandle,
      s.permalink,
      s.postedAt,
      s.text,
      s.pageUrl,
      s.captureSha256,
      s.artifacts.map((a) => a.path).join(' '),
      s.missing.map((m) => `${m.role}: ${m.reason}`).join('; '),
      s.serverDate,
      s.timestamps.map((t) => `${t.tsa}: ${t.genTime}`).join('; '),
      s.notes?.cases?.join('; '),
      s.notes?.tags?.join('; '),
      s.notes?.note,
      witnessCell(s),
      s.corroboration?.fields.filter((f) => f.verdict === 'differs').map((f) => f.field).join(' '),
    ].map(csvCell),
  );
  // RFC 4180 line ends are CRLF.
  return [COLUMNS.join(','), ...rows.map((row) => row.join(','))].map((line) => `${line}\r\n`).join('');
}
