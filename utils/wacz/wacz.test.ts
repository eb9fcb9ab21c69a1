import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bin/verify-command';
import { createTestTsa, type TestTsa } from '../../test/support/tsa';
import { makeCaptures, makeTestKey, type TestKey } from '../bundle/test-support';
import { readZipDirectory } from '../bundle/zip-directory';
import { sha256Hex, utf8 } from '../provenance/hash';
import { buildTimestampRequest } from '../provenance/tsa-client';
import { checkTimestampResponse } from '../provenance/tsa-token';
import { cdxjLine, cdxjTimestamp, formatCdxj, parseCdxj, surt, type CdxjEntry } from './cdxj';
import { isWacz, verifyEvidenceFile } from './verify-any';
import { parseWarc, serializeWarcRecord, warcDigestProblems } from './warc-record';
import { writeWacz } from './wacz-writer';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const sh = (script: string, cwd: string) => {
  const run = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

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

describe('WACZ writer and verifier', () => {
  let key: TestKey;
  let tsa: TestTsa;
  let dir: string;
  let wacz: Uint8Array;
  let unsigned: Uint8Array;
  const texts = ['A post with <b>markup</b> and مرحبا', 'second post'];

  beforeAll(async () => {
    key = await makeTestKey();
    tsa = createTestTsa('PostProof WACZ TSA');
    dir = mkdtempSync(join(tmpdir(), 'postproof-wacz-'));
    const captures = await makeCaptures(key, texts.map((text, i) => ({ text, permalink: `https://x.com/someone/status/${100 + i}` })));
    wacz = await writeWacz({
      captures,
      signer: key.signer,
      software: 'PostProof 0.1.0 (test)',
      now: NOW,
      stampDatapackage: async (bytes) => {
        const tsr = new Uint8Array(await tsa.reply(buildTimestampRequest(await sha256Hex(bytes)).der));
        const info = await checkTimestampResponse(tsr, { sha256: await sha256Hex(bytes), data: bytes });
        return { tsr, certificates: info.certificates, tsaName: 'Test TSA', tsaUrl: 'http://127.0.0.1/tsr' };
      },
    });
    unsigned = await writeWacz({ captures: await makeCaptures(key, [{ text: 'x' }]), signer: key.signer, software: 'PostProof test', now: NOW });
    writeFileSync(join(dir, 'good.wacz'), wacz);
    expect(spawnSync('unzip', ['-q', 'good.wacz', '-d', 'good'], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, 'tsa-root.pem'), tsa.caPem);
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    tsa?.remove();
  });

  it('writes the WACZ 1.1.1 layout, every entry STORED, with a signed digest and a timestamp', () => {
    const entries = readZipDirectory(wacz);
    expect(entries.map((e) => e.name)).toEqual(['archive/data.warc', 'indexes/index.cdx', 'pages/pages.jsonl', 'VERIFY.txt', 'signer.pem', 'SHA256SUMS', 'datapackage.json', 'datapackage-digest.json']);
    expect(entries.every((e) => e.method === 0)).toBe(true);
    const datapackage = JSON.parse(readFileSync(join(dir, 'good', 'datapackage.json'), 'utf8')) as Record<string, unknown>;
    expect(datapackage).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', created: NOW.toISOString(), software: 'PostProof 0.1.0 (test)' });
    const digest = JSON.parse(readFileSync(join(dir, 'good', 'datapackage-digest.json'), 'utf8')) as { signedData: Record<string, string>; timestamp: Record<string, string> };
    expect(Object.keys(digest.signedData).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'software']);
    expect(digest.signedData.publicKey).toMatch(/^MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE/);
    expect(Buffer.from(digest.signedData.signature!, 'base64')).toHaveLength(96);
    expect(digest.timestamp).toMatchObject({ type: 'rfc3161', imprint: 'datapackage.json' });
    const pages = readFileSync(join(dir, 'good', 'pages', 'pages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(pages[0]).toMatchObject({ format: 'json-pages-1.0', id: 'pages' });
    expect(pages.slice(1).map((p) => [p.url, p.text])).toEqual(texts.map((t, i) => [`https://x.com/someone/status/${100 + i}`, t]));
    expect(isWacz(wacz)).toBe(true);
  });

  it('indexes every record at its exact byte range in the WARC', async () => {
    const warc = readFileSync(join(dir, 'good', 'archive', 'data.warc'));
    const { lines, sorted } = parseCdxj(readFileSync(join(dir, 'good', 'indexes', 'index.cdx'), 'utf8'));
    expect(sorted).toBe(true);
    // Per capture: post.html, screenshot, media, capture.json, its .sig.
    expect(lines).toHaveLength(2 * 5);
    for (const { json } of lines) {
      const bytes = warc.subarray(json.offset as number, (json.offset as number) + (json.length as number));
      expect(bytes.subarray(0, 10).toString()).toBe('WARC/1.1\r\n');
      expect(bytes.subarray(-4).toString()).toBe('\r\n\r\n');
      expect(`sha256:${await sha256Hex(bytes)}`).toBe(json.recordDigest);
      expect(bytes.toString('latin1')).toContain(`WARC-Target-URI: ${json.url as string}\r\n`);
    }
  });

  it('verifies as valid with the same entry the CLI uses, timestamps included', async () => {
    const report = await verifyEvidenceFile(wacz);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe(key.signer.keyId);
    expect(report.captures.map((c) => c.permalink)).toEqual(['https://x.com/someone/status/100', 'https://x.com/someone/status/101']);
    const kinds = new Set(report.checks.map((c) => c.check));
    for (const kind of ['file-hash', 'datapackage-digest', 'datapackage-signature', 'timestamp', 'warc', 'cdxj', 'pages', 'capture-signature', 'artifact', 'sequence-chain']) expect(kinds).toContain(kind);
    const pinned = await verifyEvidenceFile(wacz, { tsaRoots: [Buffer.from(tsa.caPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')] });
    expect(pinned.verdict).toBe('valid');
    const other = createTestTsa('Somebody Else');
    try {
      const wrongRoot = await verifyEvidenceFile(wacz, { tsaRoots: [Buffer.from(other.caPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')] });
      expect(wrongRoot.checks.filter((c) => !c.ok).map((c) => c.file)).toEqual(['datapackage-digest.json#timestamp']);
    } finally {
      other.remove();
    }
    const plain = await verifyEvidenceFile(unsigned);
    expect(plain.verdict).toBe('valid');
    expect(plain.checks.find((c) => c.check === 'timestamp')).toMatchObject({ ok: true, note: true });
  });

  it('passes the stock tools: sha256sum -c from datapackage.json, openssl dgst -verify after DER conversion, openssl ts -verify', () => {
    const good = join(dir, 'good');
    const sums = sh(`jq -r '.resources[] | "\\(.hash|sub("^sha256:";""))  \\(.path)"' datapackage.json | sha256sum -c --strict`, good);
    expect(sums.status, sums.output).toBe(0);
    expect(sums.output.trim().split('\n')).toHaveLength(6);
    expect(sh('sha256sum -c --strict SHA256SUMS', good).status).toBe(0);
    expect(sh(`printf '%s  datapackage.json\\n' "$(jq -r '.hash|sub("^sha256:";"")' datapackage-digest.json)" | sha256sum -c`, good).status).toBe(0);
    // The shell recipe VERIFY.txt gives, run as written.
    const guide = readFileSync(join(good, 'VERIFY.txt'), 'utf8');
    const step = (from: string, to: string) => guide.slice(guide.lastIndexOf('\n', guide.indexOf(from)), guide.indexOf(to)).split('\n').filter((l) => /^ {3}\S/.test(l) && !/^ {3}(It|must|wants)/.test(l)).map((l) => l.trim()).join('\n');
    const signature = sh(step('jq -r .signedData.publicKey', 'It must print "Verified OK"'), good);
    expect(signature.output).toContain('Verified OK');
    expect(sh('openssl pkey -pubin -in pub.pem -outform DER | sha256sum', good).output).toContain(key.signer.keyId);
    const token = sh(`${step('jq -r .timestamp.tsr', 'It must print "Verification: OK"')}`, good);
    expect(token.output).toContain('Verification: OK');
    expect(sh(`openssl ts -verify -data datapackage.json -in datapackage.tsr -CAfile ${join(dir, 'tsa-root.pem')}`, good).status).toBe(0);
  });

  it('a changed WARC byte fails sha256sum and the CLI, naming the archive and the capture file', async () => {
    const bad = join(dir, 'bad');
    sh(`cp -r good bad`, dir);
    const warcFile = join(bad, 'archive', 'data.warc');
    const warc = readFileSync(warcFile);
    // A byte inside the first capture's post.html (the first resource record's block).
    const at = warc.indexOf('<article>') + 3;
    warc[at] = warc[at]! ^ 0x01;
    writeFileSync(warcFile, warc);
    const sums = sh('sha256sum -c --strict SHA256SUMS', bad);
    expect(sums.status).not.toBe(0);
    expect(sums.output).toContain('archive/data.warc: FAILED');
    expect(sh('rm -f ../bad.wacz && zip -q -X -0 -r ../bad.wacz archive indexes pages VERIFY.txt signer.pem SHA256SUMS datapackage.json datapackage-digest.json', bad).status).toBe(0);
    const out: string[] = [];
    const status = await runCli(['verify', join(dir, 'bad.wacz')], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(status).toBe(1);
    const text = out.join('');
    expect(text).toMatch(/FAIL \[file-hash\] archive\/data\.warc/);
    expect(text).toMatch(/FAIL \[warc\] archive\/data\.warc@\d+: The record for https:\/\/x\.com\/someone\/status\/100/);
    expect(text).toMatch(/FAIL \[artifact\] archive\/data\.warc#https:\/\/x\.com\/someone\/status\/100: The archived post\.html differs/);
    expect(text).toMatch(/Result: INVALID/);
    const ok: string[] = [];
    expect(await runCli(['verify', join(dir, 'good.wacz'), '--tsa-ca', join(dir, 'tsa-root.pem')], { out: (t) => ok.push(t), err: (t) => ok.push(t) })).toBe(0);
  });

  it('a forged signature and a re-compressed archive are caught', async () => {
    const forged = join(dir, 'forged');
    sh('cp -r good forged', dir);
    const digestFile = join(forged, 'datapackage-digest.json');
    const digest = JSON.parse(readFileSync(digestFile, 'utf8')) as { signedData: { signature: string } };
    const sig = Buffer.from(digest.signedData.signature, 'base64');
    sig[10] = sig[10]! ^ 0xff;
    digest.signedData.signature = sig.toString('base64');
    writeFileSync(digestFile, JSON.stringify(digest, null, 2));
    sh('zip -q -X -0 -r ../forged.wacz archive indexes pages VERIFY.txt signer.pem SHA256SUMS datapackage.json datapackage-digest.json', forged);
    const report = await verifyEvidenceFile(new Uint8Array(readFileSync(join(dir, 'forged.wacz'))));
    expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['datapackage-signature']);

    sh('zip -q -X -9 -r ../deflated.wacz archive indexes pages VERIFY.txt signer.pem SHA256SUMS datapackage.json datapackage-digest.json', join(dir, 'good'));
    const deflated = await verifyEvidenceFile(new Uint8Array(readFileSync(join(dir, 'deflated.wacz'))));
    expect(deflated.checks.filter((c) => !c.ok).map((c) => c.check)).toContain('wacz-stored');
  });
});
