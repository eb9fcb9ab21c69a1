// The WARC record layout and the CDXJ index, written and parsed by the same code the writer and the verifier use.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { cdxjLine, cdxjTimestamp, formatCdxj, parseCdxj, surt, type CdxjEntry } from './cdxj';
import { parseWarc, serializeWarcRecord, warcDigestProblems, warcRecordHead } from './warc-record';

describe('WARC record writer', () => {
  it('writes the WARC 1.1 byte layout: fields, CRLFs, Content-Length, digests, closing CRLF CRLF', async () => {
    const block = utf8('<p>hi</p>');
    const hex = await sha256Hex(block);
    const record = await serializeWarcRecord({
      type: 'resource',
      recordId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      date: '2026-01-02T03:04:05.000Z',
      targetUri: 'https://social.example/alice/status/123',
      contentType: 'text/html',
      block,
      fields: [['WARC-Page-ID', 'p1']],
    });
    expect(new TextDecoder().decode(record.bytes)).toBe(
      'WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n' +
        'WARC-Date: 2026-01-02T03:04:05.000Z\r\nWARC-Target-URI: https://social.example/alice/status/123\r\nContent-Type: text/html\r\n' +
        `WARC-Page-ID: p1\r\nWARC-Payload-Digest: sha256:${hex}\r\nWARC-Block-Digest: sha256:${hex}\r\nContent-Length: 9\r\n\r\n<p>hi</p>\r\n\r\n`,
    );
    expect(record.blockDigest).toBe(`sha256:${hex}`);
    expect(record.recordDigest).toBe(`sha256:${await sha256Hex(record.bytes)}`);
    // The verifier's expected header is the writer's, byte for byte, and the parser finds where it ends.
    const [parsed] = parseWarc(record.bytes).records;
    const head = warcRecordHead({ type: 'resource', recordId: 'urn:uuid:00000000-0000-4000-8000-000000000001', date: '2026-01-02T03:04:05.000Z', targetUri: 'https://social.example/alice/status/123', contentType: 'text/html', fields: [['WARC-Page-ID', 'p1']] }, `sha256:${hex}`, 9);
    expect(parsed!.headLength).toBe(head.length);
    expect(record.bytes.subarray(0, head.length)).toEqual(head);
  });

  it('puts no payload digest on metadata records, refuses header injection, and parses back what it wrote', async () => {
    const meta = await serializeWarcRecord({ type: 'metadata', recordId: 'urn:x:1', date: '2026-01-02T03:04:05Z', targetUri: 'metadata://postproof/a', contentType: 'application/json', block: utf8('{}\r\n\r\n') });
    expect(new TextDecoder().decode(meta.bytes)).not.toContain('WARC-Payload-Digest');
    await expect(serializeWarcRecord({ type: 'resource', recordId: 'urn:x:2', date: 'd', targetUri: 'https://a/\r\nWARC-Type: x', contentType: 'text/html', block: utf8('') })).rejects.toThrow(/line break/);
    const info = await serializeWarcRecord({ type: 'warcinfo', recordId: 'urn:x:3', date: 'd', contentType: 'application/warc-fields', block: utf8('software: x\r\n') });
    const joined = new Uint8Array([...info.bytes, ...meta.bytes]);
    const parsed = parseWarc(joined);
    expect(parsed.problem).toBeUndefined();
    expect(parsed.records.map((r) => [r.offset, r.length, r.fields.get('warc-type')])).toEqual([
      [0, info.bytes.length, 'warcinfo'],
      [info.bytes.length, meta.bytes.length, 'metadata'],
    ]);
    // A block holding CRLF CRLF is read by its Content-Length, not cut at the blank line.
    expect(new TextDecoder().decode(parsed.records[1]!.block)).toBe('{}\r\n\r\n');
    expect(await warcDigestProblems(parsed.records[1]!)).toEqual([]);
    const lying = new TextDecoder().decode(joined).replace('Content-Length: 6', 'Content-Length: 5');
    expect(parseWarc(utf8(lying)).problem).toMatch(/not followed by CRLF CRLF/);
    const changed = joined.slice();
    changed[changed.length - 6] = 0x5d;
    expect(await warcDigestProblems(parseWarc(changed).records[1]!)).toEqual(['its WARC-Block-Digest does not match its block']);
  });
});

describe('CDXJ index', () => {
  const entry = (url: string, date: string, offset: number): CdxjEntry => ({ url, date, digest: 'sha256:ab', mime: 'text/html', offset, length: 10, recordDigest: 'sha256:cd', status: 200, filename: 'data.warc' });

  it('keys by SURT and a 17-digit timestamp', () => {
    expect(surt('https://www.X.com/UaSmart/status/1?b=2&a=1')).toBe('com,x)/uasmart/status/1?a=1&b=2');
    expect(surt('https://pbs.twimg.com:8443/media/A')).toBe('com,twimg,pbs:8443)/media/a');
    expect(surt('metadata://postproof/abc')).toBe('metadata://postproof/abc');
    expect(cdxjTimestamp('2026-01-02T03:04:05.006Z')).toBe('20260102030405006');
    expect(cdxjLine(entry('https://x.com/a', '2026-01-02T03:04:05.006Z', 0))).toBe(
      'com,x)/a 20260102030405006 {"url":"https://x.com/a","digest":"sha256:ab","mime":"text/html","offset":0,"length":10,"recordDigest":"sha256:cd","status":200,"filename":"data.warc"}\n',
    );
  });

  it('sorts lines in byte order (LC_ALL=C sort) and the parser agrees', () => {
    const text = formatCdxj([entry('urn:postproof:z/screenshot.png', '2026-01-02T00:00:00Z', 30), entry('https://x.com/b', '2026-01-02T00:00:00Z', 20), entry('https://pbs.twimg.com/m', '2026-01-02T00:00:00Z', 10), entry('https://x.com/a', '2026-01-02T00:00:00Z', 0)]);
    const keys = text.trim().split('\n').map((line) => line.split(' ')[0]);
    expect(keys).toEqual(['com,twimg,pbs)/m', 'com,x)/a', 'com,x)/b', 'urn:postproof:z/screenshot.png']);
    const sorted = spawnSync('sort', [], { input: text, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout;
    expect(sorted).toBe(text);
    expect(parseCdxj(text)).toMatchObject({ problems: [], sorted: true });
    expect(parseCdxj(text.split('\n').reverse().join('\n')).sorted).toBe(false);
  });
});
