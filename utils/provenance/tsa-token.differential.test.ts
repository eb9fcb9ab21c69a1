// Our token check against `openssl ts -verify`, the stock tool an editor would use: a real token from a local
// openssl TSA, changed one bit at a time. PostProof must never accept a token that openssl refuses (before this test,
// asn1js's lenient BER parsing let through wrong length bytes, an unlisted digest algorithm and a sloppy certificate
// signature encoding). It may refuse more: a damaged copy of the root inside the token, which openssl ignores because
// it takes the root from -CAfile, is refused here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../test/support/tsa';
import { sha256Hex, utf8 } from './hash';
import { checkTimestampResponse, pemCertificates } from './tsa-token';

const run = promisify(execFile);
const data = utf8('{\n  "format": "postproof-capture/1",\n  "id": "differential"\n}\n');
/** Every byte outside the certificates is changed; inside them (1 KB of the 1.4 KB), every CERT_STRIDE-th byte. */
const CERT_STRIDE = 17;
const PARALLEL = 4;

let tsa: TestTsa;
let dir: string;
beforeAll(() => {
  tsa = createTestTsa();
  dir = mkdtempSync(join(tmpdir(), 'postproof-tsr-diff-'));
  writeFileSync(join(dir, 'data'), data);
});
afterAll(() => {
  tsa.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Where the signed TSTInfo lies in the token's bytes. */
function tstInfoRange(token: Buffer): { start: number; end: number } {
  const response = new pkijs.TimeStampResp({ schema: asn1js.fromBER(Uint8Array.from(token)).result });
  const signedData = new pkijs.SignedData({ schema: response.timeStampToken!.content });
  const tstInfo = Buffer.from(signedData.encapContentInfo.eContent!.getValue());
  const start = token.indexOf(tstInfo);
  return { start, end: start + tstInfo.length };
}

async function opensslAccepts(token: Uint8Array, name: string): Promise<boolean> {
  writeFileSync(join(dir, name), token);
  try {
    await run('openssl', ['ts', '-verify', '-data', 'data', '-in', name, '-CAfile', tsa.caFile], { cwd: dir });
    return true;
  } catch {
    return false;
  }
}

async function postproofAccepts(token: Uint8Array, sha256: string): Promise<boolean> {
  try {
    await checkTimestampResponse(token, { sha256, data, trustedRoots: pemCertificates(tsa.caPem) });
    return true;
  } catch {
    return false;
  }
}

describe('timestamp token check against openssl ts -verify', () => {
  it('never accepts a one-bit change that openssl refuses, and refuses every change to the signed parts', async () => {
    const sha256 = await sha256Hex(data);
    const token = await tsa.reply(await tsa.query(sha256));
    expect(await opensslAccepts(token, 'original.tsr')).toBe(true);
    const info = await checkTimestampResponse(token, { sha256, data, trustedRoots: pemCertificates(tsa.caPem) });

    const inCertificate = new Uint8Array(token.length);
    for (const der of info.certificates) {
      const at = token.indexOf(Buffer.from(der));
      expect(at, 'each certificate lies in the token as is').toBeGreaterThan(0);
      inCertificate.fill(1, at, at + der.length);
    }
    const tstInfo = tstInfoRange(token);
    expect(tstInfo.start).toBeGreaterThan(0);
    const offsets = [...token.keys()].filter((i) => !inCertificate[i] || i % CERT_STRIDE === 0);

    const laxer: number[] = [];
    const signedAccepted: number[] = [];
    let opensslRefused = 0;
    const tryOffset = async (offset: number, slot: number) => {
      const changed = Uint8Array.from(token);
      changed[offset]! ^= 0x01;
      const [openssl, ours] = await Promise.all([opensslAccepts(changed, `changed-${slot}.tsr`), postproofAccepts(changed, sha256)]);
      if (!openssl) opensslRefused++;
      if (ours && !openssl) laxer.push(offset);
      if (ours && offset >= tstInfo.start && offset < tstInfo.end) signedAccepted.push(offset);
    };
    for (let i = 0; i < offsets.length; i += PARALLEL) {
      await Promise.all(offsets.slice(i, i + PARALLEL).map((offset, slot) => tryOffset(offset, slot)));
    }
    expect(laxer, 'offsets where PostProof accepted what openssl refused').toEqual([]);
    expect(signedAccepted, 'offsets inside the signed TSTInfo that PostProof accepted').toEqual([]);
    expect(opensslRefused).toBeGreaterThan(offsets.length / 2);
  }, 300_000);
});
