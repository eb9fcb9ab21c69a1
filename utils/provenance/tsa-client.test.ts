import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestTsa, startLocalTsa, type LocalTsaServer, type TestTsa } from '../../test/support/tsa';
import { sha256Hex, utf8 } from './hash';
import { buildTimestampRequest, requestTimestamp } from './tsa-client';
import { checkTimestampResponse, pemCertificates, TimestampError } from './tsa-token';

let tsa: TestTsa;
let server: LocalTsaServer;
const record = utf8('{\n  "format": "postproof-capture/1"\n}\n');

beforeAll(async () => {
  tsa = createTestTsa();
  server = await startLocalTsa(tsa, { slowMs: 2_000 });
});
afterAll(async () => {
  await server.close();
  tsa.remove();
});

async function failure(promise: Promise<unknown>): Promise<TimestampError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TimestampError);
  return error as TimestampError;
}

describe('buildTimestampRequest', () => {
  it('writes the DER of FORMATS.md §4.1: SHA-256 imprint, an 8-byte positive nonce, certReq TRUE', async () => {
    const sha256 = await sha256Hex(record);
    const { der, nonceHex } = buildTimestampRequest(sha256, new Uint8Array([0x12, 1, 2, 3, 4, 5, 6, 7]));
    const hex = Buffer.from(der).toString('hex');
    expect(hex).toBe(`30430201013031300d060960864801650304020105000420${sha256}02081201020304050607` + '0101ff');
    expect(nonceHex).toBe('1201020304050607');
    const random = buildTimestampRequest(sha256);
    expect(random.der.length).toBe(0x45);
    expect(random.nonceHex).toMatch(/^[0-7][0-9a-f]{15}$/);
    expect(random.nonceHex).not.toMatch(/^00/);
  });
});

describe('requestTimestamp against openssl ts -reply on 127.0.0.1', () => {
  it('returns a checked token for the exact bytes, which openssl ts -verify accepts too', async () => {
    server.behaviour = 'ok';
    const { tsr, info } = await requestTimestamp(server.url, record, { fetch });
    expect(info.imprintHex).toBe(await sha256Hex(record));
    expect(info.signer).toBe('CN=PostProof Test TSA');
    expect(Math.abs(Date.parse(info.genTime) - Date.now())).toBeLessThan(60_000);
    expect(info.certificates.length).toBe(2);
    const query = server.queries.at(-1)!;
    expect(query.subarray(-3).toString('hex')).toBe('0101ff');
    writeFileSync(join(tsa.dir, 'record.json'), record);
    writeFileSync(join(tsa.dir, 'record.tsr'), tsr);
    const verified = execFileSync('openssl', ['ts', '-verify', '-data', 'record.json', '-in', 'record.tsr', '-CAfile', tsa.caFile], { cwd: tsa.dir, stdio: 'pipe' });
    expect(verified.toString()).toContain('Verification: OK');
    // The chain check: the right root passes, another root does not.
    const data = record;
    const sha256 = info.imprintHex;
    await expect(checkTimestampResponse(tsr, { sha256, data, trustedRoots: pemCertificates(tsa.caPem) })).resolves.toMatchObject({ genTime: info.genTime });
    const other = createTestTsa('Someone Else');
    try {
      expect((await failure(checkTimestampResponse(tsr, { sha256, data, trustedRoots: pemCertificates(other.caPem) }))).code).toBe('TSA_UNTRUSTED_CHAIN');
    } finally {
      other.remove();
    }
    const flipped = Uint8Array.from(tsr);
    flipped[flipped.length - 20]! ^= 1;
    expect((await failure(checkTimestampResponse(flipped, { sha256, data, trustedRoots: pemCertificates(tsa.caPem) }))).code).toBe('TSA_BAD_SIGNATURE');
    const changed = utf8('{"format":"postproof-capture/1","changed":true}');
    expect((await failure(checkTimestampResponse(tsr, { sha256: await sha256Hex(changed), data: changed }))).code).toBe('TSA_WRONG_IMPRINT');
  });

  const cases = [
    { behaviour: 'down', code: 'TSA_UNREACHABLE', message: /could not be reached/ },
    { behaviour: 'unavailable', code: 'TSA_HTTP_ERROR', message: /HTTP 503/ },
    { behaviour: 'slow', code: 'TSA_TIMEOUT', message: /did not answer within/ },
    { behaviour: 'garbage', code: 'TSA_MALFORMED', message: /not a DER-encoded RFC 3161/ },
    { behaviour: 'wrong-imprint', code: 'TSA_WRONG_IMPRINT', message: /for another document/ },
    { behaviour: 'wrong-nonce', code: 'TSA_WRONG_NONCE', message: /nonce differs/ },
  ] as const;
  for (const { behaviour, code, message } of cases) {
    it(`TSA ${behaviour}: fails with ${code} and a plain message`, async () => {
      server.behaviour = behaviour;
      // Only the slow authority (5 s) must run out of time; the others spawn openssl, which can take seconds on a busy machine.
      const error = await failure(requestTimestamp(server.url, record, { fetch, timeoutMs: behaviour === 'slow' ? 500 : 4_000 }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }

  it('a later request succeeds once the TSA is back', async () => {
    server.behaviour = 'down';
    await failure(requestTimestamp(server.url, record, { fetch }));
    server.behaviour = 'ok';
    await expect(requestTimestamp(server.url, record, { fetch })).resolves.toHaveProperty('tsr');
  });
});
