// Witness responses in a WACZ (issue 15, docs/wacz.md "Witness responses"): each second-witness file is a WARC response
// record whose HTTP head is rebuilt from its signed entry alone, indexed with the answer's status and type, and
// verified byte for byte; a key holder who changes the body, the status line, a header, the record's type, or adds a
// second answer for the URL is refused, naming the record; a header value with a line break is never written.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCaptures, makeTestKey, type TestKey } from '../../../test/support/bundle-captures';
import { appendWarcRecord, resealWacz, unpack } from '../../../test/support/wacz-tools';
import type { BundleCaptureSource } from '../../evidence/capture-source';
import type { VerifyReport } from '../../evidence/verify-types';
import { signDer } from '../../provenance/ecdsa';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { parseCdxj } from './cdxj';
import { forgeRecords, withWitness, type TestWitness } from './test-support';
import { writeWacz } from './wacz-writer';
import { verifyWacz } from './wacz-verifier';
import { parseWarc } from './warc-record';
import type { WarcPiece } from '../../../test/support/wacz-tools';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const SOFTWARE = 'PostProof 0.1.0 (test)';
const PERMALINK = 'https://mastodon.social/@someone/123';
const STATUS_URL = 'https://mastodon.social/api/v1/statuses/123';
const GONE_URL = 'https://mastodon.social/api/v1/statuses/123/context';
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const failed = (report: VerifyReport) => report.checks.filter((c) => !c.ok).map(({ check, file }) => ({ check, file }));
const messages = (report: VerifyReport) => report.checks.filter((c) => !c.ok).map((c) => c.message).join('\n');

const statusBody = utf8('{"id":"123","content":"<p>first post</p>","account":{"acct":"someone"}}');
const goneBody = utf8('{"error":"Record not found"}');
const witnesses: TestWitness[] = [
  {
    name: 'status',
    ext: 'json',
    url: STATUS_URL,
    status: 200,
    // Not in the head's order: the head gives Date, ETag, Last-Modified, Content-Type whatever order they were kept in.
    headers: { 'content-type': 'application/json; charset=utf-8', 'last-modified': 'Thu, 01 Jan 2026 12:00:00 GMT', etag: 'W/"5d41402abc4b2a76"', date: 'Fri, 02 Jan 2026 03:04:07 GMT' },
    body: statusBody,
  },
  { name: 'context', ext: 'json', url: GONE_URL, status: 404, headers: { 'content-type': 'application/json' }, body: goneBody },
];
const statusHead =
  'HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:07 GMT\r\nETag: W/"5d41402abc4b2a76"\r\nLast-Modified: Thu, 01 Jan 2026 12:00:00 GMT\r\n' +
  `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${statusBody.length}\r\n\r\n`;
const goneHead = `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${goneBody.length}\r\n\r\n`;

let key: TestKey;
let capture: BundleCaptureSource;
let id: string;
let wacz: Uint8Array;

function recordIds(): () => string {
  let n = 0;
  return () => `urn:uuid:00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

beforeAll(async () => {
  key = await makeTestKey();
  const [made] = await makeCaptures(key, [{ text: 'first post', permalink: PERMALINK }]);
  capture = await withWitness(made!, key, witnesses);
  id = capture.stored.id;
  wacz = await writeWacz({ captures: [capture], signer: key.signer, software: SOFTWARE, now: NOW, newRecordId: recordIds() });
}, 60_000);

describe('a capture with witness responses, written and verified', () => {
  it('archives each witness file as a response record at the URL that answered, its head rebuilt from the signed entry', async () => {
    const files = await unpack(wacz);
    const warc = files.get('archive/data.warc')!;
    const { records } = parseWarc(warc);
    expect(records.map((r) => `${r.fields.get('warc-type')} ${r.fields.get('warc-target-uri') ?? ''}`.trim())).toEqual([
      'warcinfo',
      `resource ${PERMALINK}`,
      `resource urn:postproof:${id}/screenshot.png`,
      `resource urn:postproof:${id}/media/1.jpg`,
      `response ${STATUS_URL}`,
      `response ${GONE_URL}`,
      `metadata metadata://postproof/${id}`,
      `metadata metadata://postproof/${id}/capture.json.sig`,
    ]);
    const status = records[4]!;
    const statusBlock = new Uint8Array([...utf8(statusHead), ...statusBody]);
    expect(status.block).toEqual(statusBlock);
    expect(records[5]!.block).toEqual(new Uint8Array([...utf8(goneHead), ...goneBody]));
    // The WARC header: response type, application/http, the capture's time, the page and path, the body's signed hash as payload digest.
    const signed = JSON.parse(text(capture.stored.recordBytes)) as { capturedAt: string; artifacts: { path: string; sha256: string }[] };
    const bodySha = signed.artifacts.find((a) => a.path === 'witness/1-status.json')!.sha256;
    expect(bodySha).toBe(await sha256Hex(statusBody));
    expect(text(warc.subarray(status.offset, status.offset + status.headLength))).toBe(
      'WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000005>\r\n' +
        `WARC-Date: ${signed.capturedAt}\r\nWARC-Target-URI: ${STATUS_URL}\r\nContent-Type: application/http; msgtype=response\r\n` +
        `WARC-Page-ID: ${id}\r\nPostProof-Artifact-Path: witness/1-status.json\r\nWARC-Payload-Digest: sha256:${bodySha}\r\n` +
        `WARC-Block-Digest: sha256:${await sha256Hex(statusBlock)}\r\nContent-Length: ${statusBlock.length}\r\n\r\n`,
    );
  });

  it('indexes each response with its own status, the media type of its Content-Type and the digest of its body', async () => {
    const { lines } = parseCdxj(text((await unpack(wacz)).get('indexes/index.cdx')));
    const line = (url: string) => lines.find((l) => l.json.url === url)?.json;
    expect(line(STATUS_URL)).toMatchObject({ status: 200, mime: 'application/json', digest: `sha256:${await sha256Hex(statusBody)}` });
    expect(line(GONE_URL)).toMatchObject({ status: 404, mime: 'application/json', digest: `sha256:${await sha256Hex(goneBody)}` });
    expect(line(PERMALINK)).toMatchObject({ status: 200, mime: 'text/html' });
  });

  it('verifies: every record, the 200 with all four headers and the 404 with only its type, accounted for', async () => {
    const report = await verifyWacz(wacz);
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.checks.find((c) => c.check === 'artifact')?.message).toBe('All 5 files the record lists are archived at their addresses with the hashes signed at capture time.');
    // Resealed unchanged by the forgers' own tools, it still verifies: what the attacks below change is what is refused.
    expect(failed(await verifyWacz(await resealWacz(wacz, key.signer, { files: (files) => forgeRecords(files, STATUS_URL, (r) => r) })))).toEqual([]);
  });
});

describe('a key holder who changes a witness response and signs everything again', () => {
  const statusFile = `archive/data.warc#${STATUS_URL}`;
  /** The block's text edited (the HTTP head or the body), as a string. */
  const block = (change: (block: string) => string) => (piece: WarcPiece): WarcPiece => {
    const before = text(piece.block);
    const after = change(before);
    if (after === before) throw new Error('the edit changed nothing');
    return { ...piece, block: utf8(after) };
  };
  const cases: { name: string; edit: (piece: WarcPiece) => WarcPiece; expected: { check: string; file: string }[]; message: RegExp }[] = [
    {
      name: 'the body changed, same length',
      edit: block((b) => b.replace('first post', 'fake! post')),
      // The index a forger writes gives the new body's digest, not the signed one.
      expected: [{ check: 'artifact', file: statusFile }, { check: 'readable-files', file: 'indexes/index.cdx' }],
      message: /The archived body of the witness response witness\/1-status\.json differs from the one recorded and signed at capture time\./,
    },
    {
      name: 'the status changed from 200 to 404',
      edit: block((b) => b.replace('HTTP/1.1 200 OK', 'HTTP/1.1 404 Not Found')),
      expected: [{ check: 'artifact', file: statusFile }, { check: 'readable-files', file: 'indexes/index.cdx' }],
      message: /HTTP head of the archived witness response witness\/1-status\.json is not the one its signed entry makes: line 1 reads "HTTP\/1\.1 404 Not Found" where the signed entry gives "HTTP\/1\.1 200 OK"/,
    },
    {
      name: 'the reason phrase changed',
      edit: block((b) => b.replace('HTTP/1.1 200 OK', 'HTTP/1.1 200 Verified Authentic')),
      expected: [{ check: 'artifact', file: statusFile }],
      message: /line 1 reads "HTTP\/1\.1 200 Verified Authentic" where the signed entry gives "HTTP\/1\.1 200 OK"/,
    },
    {
      name: 'a Set-Cookie header added to the HTTP head',
      edit: block((b) => b.replace('Content-Length:', 'Set-Cookie: session=planted; Path=/\r\nContent-Length:')),
      expected: [{ check: 'artifact', file: statusFile }],
      message: /line 6 reads "Set-Cookie: session=planted; Path=\/" where the signed entry gives "Content-Length: \d+"/,
    },
    {
      name: 'the ETag changed',
      edit: block((b) => b.replace('W/"5d41402abc4b2a76"', 'W/"0000000000000000"')),
      expected: [{ check: 'artifact', file: statusFile }],
      message: /line 3 reads "ETag: W\/\\"0000000000000000\\"" where the signed entry gives "ETag: W\/\\"5d41402abc4b2a76\\""/,
    },
    {
      name: 'the record written as a resource record holding the body alone',
      edit: (piece) => ({
        head: piece.head.replace('WARC-Type: response', 'WARC-Type: resource').replace('Content-Type: application/http; msgtype=response', 'Content-Type: application/json'),
        block: piece.block.subarray(statusHead.length),
      }),
      expected: [
        { check: 'artifact', file: statusFile },
        { check: 'warc-record', file: statusFile },
        { check: 'readable-files', file: 'indexes/index.cdx' },
      ],
      message: /witness file witness\/1-status\.json, listed in the signed capture record, has no response record at this address and the capture’s time in the WARC; a resource record at byte \d+ \(urn:uuid:[^)]+\) is there instead/,
    },
    {
      name: "the record's WARC header changed (its block type), the HTTP answer untouched",
      edit: (piece) => ({ ...piece, head: piece.head.replace('application/http; msgtype=response', 'application/http;msgtype=response;x=1') }),
      expected: [{ check: 'warc-record', file: statusFile }],
      message: /line 6 reads "Content-Type: application\/http;msgtype=response;x=1" where PostProof writes "Content-Type: application\/http; msgtype=response"/,
    },
  ];

  it.each(cases)('$name: refused, naming the record', async ({ edit, expected, message }) => {
    const report = await verifyWacz(await resealWacz(wacz, key.signer, { files: (files) => forgeRecords(files, STATUS_URL, edit) }));
    expect(report.verdict).toBe('invalid');
    expect(failed(report)).toEqual(expected);
    expect(messages(report)).toMatch(message);
  });

  it('a second response record for the same URL and time, with another body: refused as an answer no witness file calls for', async () => {
    const files = await unpack(wacz);
    const date = parseWarc(files.get('archive/data.warc')!).records[4]!.fields.get('warc-date')!;
    const body = utf8('{"id":"123","content":"<p>another post</p>"}');
    const payloadDigest = `sha256:${await sha256Hex(body)}`;
    const forged = await resealWacz(wacz, key.signer, {
      files: (f) =>
        appendWarcRecord(f, {
          type: 'response',
          recordId: 'urn:uuid:00000000-0000-4000-8000-0000000000ff',
          date,
          targetUri: STATUS_URL,
          contentType: 'application/http; msgtype=response',
          block: utf8(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${text(body)}`),
          fields: [['WARC-Page-ID', id], ['PostProof-Artifact-Path', 'witness/1-status.json']],
          payloadDigest,
        }),
    });
    const report = await verifyWacz(forged);
    expect(failed(report)).toEqual([
      { check: 'warc-record', file: statusFile },
      { check: 'readable-files', file: 'indexes/index.cdx' },
    ]);
    expect(messages(report)).toMatch(/a response record at byte \d+ \(urn:uuid:00000000-0000-4000-8000-0000000000ff\) for https:\/\/mastodon\.social\/api\/v1\/statuses\/123, an answer no signed witness file calls for at this address and time/);
  });
});

describe('a header value with a line break', () => {
  it('in a record a key holder signed and archived by hand: refused by the verifier, which never rebuilds the forged head', async () => {
    const captureUri = `metadata://postproof/${id}`;
    const record = text(capture.stored.recordBytes).replace('"etag": "W/\\"5d41402abc4b2a76\\""', '"etag": "x\\r\\nSet-Cookie: planted=1"');
    expect(record).toContain('Set-Cookie: planted=1');
    const recordBytes = utf8(record);
    const signature = await signDer(key.privateKey, recordBytes);
    const forged = await resealWacz(wacz, key.signer, {
      files: async (files) => {
        await forgeRecords(files, captureUri, (piece) => ({ ...piece, block: recordBytes }));
        await forgeRecords(files, `${captureUri}/capture.json.sig`, (piece) => ({ ...piece, block: signature }));
      },
    });
    const report = await verifyWacz(forged);
    expect(failed(report)).toEqual([
      { check: 'artifact', file: `archive/data.warc#${STATUS_URL}` },
      { check: 'warc-record', file: `archive/data.warc#${STATUS_URL}` },
      { check: 'readable-files', file: 'indexes/index.cdx' },
    ]);
    expect(messages(report)).toMatch(/The signed record asks for a witness response no WARC can hold \(The ETag header of the witness file witness\/1-status\.json would hold a line break/);
  });

  it('is refused at export: no WACZ is written, and the message names the header and the file', async () => {
    const [made] = await makeCaptures(key, [{ text: 'first post', permalink: PERMALINK }]);
    const injected = await withWitness(made!, key, [{ ...witnesses[0]!, headers: { ...witnesses[0]!.headers, etag: '"a"\r\nSet-Cookie: planted=1' } }]);
    await expect(writeWacz({ captures: [injected], signer: key.signer, software: SOFTWARE, now: NOW })).rejects.toThrow(
      'The ETag header of the witness file witness/1-status.json would hold a line break; the record was not written.',
    );
  });
});
