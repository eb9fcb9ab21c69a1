import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../evidence/capture-summary';
import { capturesCsv, csvCell } from './captures-csv';

describe('csvCell', () => {
  it('quotes cells with commas, quotes or line breaks (RFC 4180), doubling inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('defuses a formula-looking cell %j with a leading quote', (value) => {
    expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
  });

  it('defuses and quotes at once', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
  });
});

describe('capturesCsv', () => {
  it('writes a header and one CRLF-terminated row per capture', () => {
    const summary: CaptureSummary = {
      id: 'id-1',
      sequence: 3,
      capturedAt: '2026-01-01T00:00:00.000Z',
      platform: 'x',
      authorName: '=cmd',
      authorHandle: 'h',
      text: 'hello, "world"\nnext',
      pageUrl: 'https://x.com/h/status/1',
      captureSha256: 'a'.repeat(64),
      keyId: 'k',
      artifacts: [{ path: 'post.html', role: 'dom-snapshot', mediaType: 'text/html', bytes: 1, sha256: 'b'.repeat(64) }],
      missing: [{ role: 'media', reason: 'HTTP 403' }],
      serverDate: 'Thu, 01 Jan 2026 00:00:01 GMT',
      timestamps: [{ tsaId: 'freetsa', tsa: 'FreeTSA', signer: 'CN=FreeTSA', genTime: '2026-01-01T00:00:03Z', file: 'capture.json.tsr', root: null }],
      custody: [],
    };
    const csv = capturesCsv([summary]);
    const [header, row, rest] = csv.split('\r\n');
    expect(header).toBe('id,sequence,captured_at,platform,author,author_handle,permalink,posted_at,text,page_url,capture_sha256,artifacts,missing,server_date,tsa_times,cases,tags,note,witness,witness_differs');
    expect(row).toBe(`id-1,3,2026-01-01T00:00:00.000Z,x,'=cmd (@h),h,,,"hello, ""world""\nnext",https://x.com/h/status/1,${'a'.repeat(64)},post.html,media: HTTP 403,"Thu, 01 Jan 2026 00:00:01 GMT",FreeTSA: 2026-01-01T00:00:03Z,,,,,`);
    expect(rest).toBe('');
  });

  it('names the witness status and the fields that differ, and a re-check by what it found', () => {
    const base = { sequence: 1, capturedAt: 'now', platform: 'x' as const, pageUrl: 'u', captureSha256: 'a', keyId: 'k', artifacts: [], timestamps: [], custody: [] };
    const corroboration = {
      source: 'x-syndication',
      fetchedAt: 'now',
      status: 'differs' as const,
      files: [],
      fields: [
        { field: 'text' as const, verdict: 'differs' as const, page: 'a', witness: 'b' },
        { field: 'postId' as const, verdict: 'agrees' as const, page: '1', witness: '1' },
        { field: 'mediaCount' as const, verdict: 'differs' as const, page: '1', witness: '2' },
      ],
    };
    const rows = capturesCsv([
      { ...base, id: 'c1', missing: [], corroboration },
      { ...base, id: 'c2', missing: [], corroboration: { ...corroboration, status: 'not-served', fields: [] }, recheck: { of: 'c1', ofSha256: 'a', outcome: 'not-served', changed: [] } },
      { ...base, id: 'c3', missing: [{ role: 'second-witness', reason: 'off' }] },
    ]).split('\r\n');
    expect(rows[1]!.endsWith(',differs,text mediaCount')).toBe(true);
    expect(rows[2]!.endsWith(',recheck of c1: not-served,')).toBe(true);
    expect(rows[3]!.endsWith(',none,')).toBe(true);
  });
});
