// The HTTP head of a witness response, rebuilt from its signed entry alone (witness-response.ts), and the WARC
// response record that holds it (warc-record.ts): the layout, the fixed reason phrases, and what is refused.
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { indexEntry } from './cdxj';
import { reasonPhrase } from './http-reasons';
import { serializeWarcRecord } from './warc-record';
import { witnessIndex, witnessResponseBlock, witnessResponseHead, type WitnessArtifact } from './witness-response';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const body = utf8('{"ok":true}');
const artifact = (change: Partial<WitnessArtifact> = {}): WitnessArtifact => ({
  path: 'witness/1-status.json',
  bytes: body.length,
  sha256: 'ab'.repeat(32),
  mediaType: 'application/json',
  httpStatus: 200,
  httpHeaders: { 'content-type': 'application/json; charset=utf-8', date: 'Fri, 02 Jan 2026 03:04:07 GMT' },
  ...change,
});

describe('witnessResponseHead', () => {
  it('writes the status line with the fixed reason phrase, the kept headers in a fixed order, then Content-Length', () => {
    const head = witnessResponseHead(artifact({ httpHeaders: { 'last-modified': 'Thu, 01 Jan 2026 12:00:00 GMT', 'content-type': 'text/html', etag: '"e1"', date: 'Fri, 02 Jan 2026 03:04:07 GMT' } }));
    expect(text(head)).toBe('HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:07 GMT\r\nETag: "e1"\r\nLast-Modified: Thu, 01 Jan 2026 12:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n');
    expect(text(witnessResponseHead(artifact({ httpStatus: 410, httpHeaders: undefined })))).toBe('HTTP/1.1 410 Gone\r\nContent-Length: 11\r\n\r\n');
  });

  it('gives an unregistered code an empty reason phrase, and writes no header the witness does not keep', () => {
    expect(reasonPhrase(299)).toBe('');
    expect(text(witnessResponseHead(artifact({ httpStatus: 299, httpHeaders: { 'set-cookie': 'a=1', location: 'https://evil.example/', 'content-type': 'text/plain' } })))).toBe(
      'HTTP/1.1 299 \r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n',
    );
  });

  it('refuses a line break in any kept header, a value that is not text, and a missing or impossible status', () => {
    for (const [key, name] of [['date', 'Date'], ['etag', 'ETag'], ['last-modified', 'Last-Modified'], ['content-type', 'Content-Type']] as const) {
      for (const bad of ['x\r\nSet-Cookie: a=1', 'x\nSet-Cookie: a=1', 'x\r']) {
        expect(() => witnessResponseHead(artifact({ httpHeaders: { [key]: bad } }))).toThrow(`The ${name} header of the witness file witness/1-status.json would hold a line break`);
      }
    }
    expect(() => witnessResponseHead(artifact({ httpHeaders: { etag: 7 } as unknown as Record<string, string> }))).toThrow('The etag header of the witness file witness/1-status.json is not text.');
    expect(() => witnessResponseHead(artifact({ httpStatus: undefined }))).toThrow('The witness file witness/1-status.json has no HTTP status code (none).');
    expect(() => witnessResponseHead(artifact({ httpStatus: 2000 }))).toThrow('has no HTTP status code (2000)');
  });
});

describe('the witness response record', () => {
  it('is the head then the exact body, refused when the body is not the signed length', () => {
    const block = witnessResponseBlock(artifact(), body);
    expect(text(block)).toBe('HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:07 GMT\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 11\r\n\r\n{"ok":true}');
    expect(() => witnessResponseBlock(artifact(), utf8('{"ok":false}'))).toThrow('The witness file witness/1-status.json has 12 bytes where its record signed 11.');
  });

  it('carries the body’s payload digest beside the block’s, needs a target URI, and is indexed with the answer’s status and type', async () => {
    const block = witnessResponseBlock(artifact(), body);
    const payloadDigest = `sha256:${await sha256Hex(body)}`;
    const input = { type: 'response' as const, recordId: 'urn:x:1', date: '2026-01-02T03:04:05.000Z', targetUri: 'https://a.example/s/1', contentType: 'application/http; msgtype=response', block, payloadDigest };
    const record = await serializeWarcRecord(input);
    expect(text(record.bytes)).toContain(`\r\nWARC-Payload-Digest: ${payloadDigest}\r\nWARC-Block-Digest: sha256:${await sha256Hex(block)}\r\nContent-Length: ${block.length}\r\n\r\nHTTP/1.1 200 OK\r\n`);
    await expect(serializeWarcRecord({ ...input, targetUri: undefined })).rejects.toThrow('A response record must have a WARC-Target-URI.');
    await expect(serializeWarcRecord({ ...input, type: 'resource' })).rejects.toThrow('A resource record has no payload digest of its own.');
    const entry = indexEntry(input, { offset: 0, length: record.bytes.length, blockDigest: record.blockDigest, recordDigest: record.recordDigest }, witnessIndex({ ...artifact(), sha256: payloadDigest.slice(7) }));
    expect(entry).toMatchObject({ status: 200, mime: 'application/json', digest: payloadDigest });
    expect(witnessIndex(artifact({ httpStatus: 404, httpHeaders: {}, mediaType: 'application/octet-stream' }))).toMatchObject({ status: 404, mime: 'application/octet-stream' });
  });
});
