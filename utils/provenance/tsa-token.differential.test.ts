// Our token check against `openssl ts -verify`, the stock tool an editor would use: a real token from a local
// openssl TSA, changed one bit at a time. PostProof must never accept a token that openssl refuses (before this test,
// asn1js's lenient BER parsing let through wrong length bytes, an unlisted digest algorithm and a sloppy certificate
// signature encoding). It may refuse more: a damaged copy of the root inside the token, which openssl ignores because
// it takes the root from -CAfile, is refused here. Then anchored time: for tokens whose roots are given, shipped beside
// them, missing, or faked (a self-made "DigiCert Trusted Root G4"), anchorTimestamp anchors exactly when
// `openssl ts -verify -CAfile <the anchors only> -untrusted <the shipped certificates>` says "Verification: OK".
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../test/support/tsa';
import { sha256Hex, toBase64, utf8 } from './hash';
import { pinnedTrustAnchors, type TrustAnchor } from './tsa-roots';
import { anchorTimestamp, checkTimestampResponse, pemCertificates } from './tsa-token';

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

/** Whether anchorTimestamp trusts the token's time; a thrown error (broken token or chain) is a no. */
async function postproofAnchors(token: Uint8Array, sha256: string, anchors: readonly TrustAnchor[], candidates: Uint8Array[] = []): Promise<boolean> {
  try {
    return (await anchorTimestamp(token, { sha256, data, candidates, anchors })).anchor !== null;
  } catch {
    return false;
  }
}

function toPem(ders: Uint8Array[]): string {
  return ders.map((der) => `-----BEGIN CERTIFICATE-----\n${toBase64(der).replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`).join('');
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
    const anchoredLaxer: number[] = [];
    const signedAccepted: number[] = [];
    let opensslRefused = 0;
    const anchors: TrustAnchor[] = [{ der: pemCertificates(tsa.caPem)[0]!, kind: 'user', label: 'your root' }];
    expect(await postproofAnchors(token, sha256, anchors)).toBe(true);
    const tryOffset = async (offset: number, slot: number) => {
      const changed = Uint8Array.from(token);
      changed[offset]! ^= 0x01;
      const [openssl, ours, anchored] = await Promise.all([
        opensslAccepts(changed, `changed-${slot}.tsr`),
        postproofAccepts(changed, sha256),
        postproofAnchors(changed, sha256, anchors),
      ]);
      if (!openssl) opensslRefused++;
      if (ours && !openssl) laxer.push(offset);
      if (anchored && !openssl) anchoredLaxer.push(offset);
      if ((ours || anchored) && offset >= tstInfo.start && offset < tstInfo.end) signedAccepted.push(offset);
    };
    for (let i = 0; i < offsets.length; i += PARALLEL) {
      await Promise.all(offsets.slice(i, i + PARALLEL).map((offset, slot) => tryOffset(offset, slot)));
    }
    expect(laxer, 'offsets where PostProof accepted what openssl refused').toEqual([]);
    expect(anchoredLaxer, 'offsets where PostProof anchored the time of a token openssl refused').toEqual([]);
    expect(signedAccepted, 'offsets inside the signed TSTInfo that PostProof accepted').toEqual([]);
    expect(opensslRefused).toBeGreaterThan(offsets.length / 2);
  }, 300_000);
});

describe('anchored time against openssl ts -verify -CAfile <anchors only> -untrusted <shipped certificates>', () => {
  const DIGICERT_LOOKALIKE = '/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Trusted Root G4';
  let bare: TestTsa;
  let namesake: TestTsa;
  let fakeDigicert: TestTsa;
  let chained: TestTsa;
  beforeAll(() => {
    bare = createTestTsa('PostProof Bare TSA', { embedCaCertificates: false });
    namesake = createTestTsa();
    fakeDigicert = createTestTsa('DigiCert Timestamp 2023', { rootSubject: DIGICERT_LOOKALIKE });
    chained = createTestTsa('PostProof Chained TSA', { intermediateSubject: '/CN=PostProof Test TSA Intermediate', embedCaCertificates: false });
  });
  afterAll(() => {
    for (const one of [bare, namesake, fakeDigicert, chained]) one?.remove();
  });

  const root = (one: TestTsa) => pemCertificates(one.caPem)[0]!;
  const user = (...ders: Uint8Array[]): TrustAnchor[] => ders.map((der) => ({ der, kind: 'user', label: 'your root' }));
  const pinned = () => pinnedTrustAnchors();
  const cases: { name: string; authority: () => TestTsa; anchors: () => readonly TrustAnchor[]; shipped: () => Uint8Array[]; anchored: boolean }[] = [
    { name: 'its root given', authority: () => tsa, anchors: () => user(root(tsa)), shipped: () => [], anchored: true },
    { name: 'its root carried in the token only, pinned roots as anchors', authority: () => tsa, anchors: pinned, shipped: () => [], anchored: false },
    { name: 'its root shipped beside the token only', authority: () => bare, anchors: pinned, shipped: () => [root(bare)], anchored: false },
    { name: 'a self-made "DigiCert Trusted Root G4" shipped, the real pinned roots as anchors', authority: () => fakeDigicert, anchors: pinned, shipped: () => [root(fakeDigicert)], anchored: false },
    { name: 'the same self-made root given as the anchor (the token is otherwise sound)', authority: () => fakeDigicert, anchors: () => user(root(fakeDigicert)), shipped: () => [], anchored: true },
    { name: 'a CA named like the issuer, given and shipped', authority: () => bare, anchors: () => user(root(namesake)), shipped: () => [root(namesake)], anchored: false },
    { name: 'the real root given, a namesake shipped', authority: () => bare, anchors: () => user(root(bare)), shipped: () => [root(namesake)], anchored: true },
    { name: 'root given, intermediate shipped', authority: () => chained, anchors: () => user(root(chained)), shipped: () => pemCertificates(chained.intermediatePem!), anchored: true },
    { name: 'root given, intermediate missing', authority: () => chained, anchors: () => user(root(chained)), shipped: () => [], anchored: false },
    { name: 'the intermediate given as the anchor', authority: () => chained, anchors: () => user(...pemCertificates(chained.intermediatePem!)), shipped: () => [], anchored: false },
  ];

  for (const each of cases) {
    it(`${each.anchored ? 'anchors' : 'does not anchor'}: ${each.name}`, async () => {
      const authority = each.authority();
      const sha256 = await sha256Hex(data);
      const token = await authority.reply(await authority.query(sha256));
      const anchors = each.anchors();
      const shipped = each.shipped();
      const name = each.name.replace(/[^a-z]+/gi, '-');
      writeFileSync(join(dir, `${name}.tsr`), token);
      writeFileSync(join(dir, `${name}-anchors.pem`), toPem(anchors.map((a) => a.der)));
      writeFileSync(join(dir, `${name}-shipped.pem`), toPem(shipped));
      const args = ['ts', '-verify', '-data', 'data', '-in', `${name}.tsr`, '-CAfile', `${name}-anchors.pem`, ...(shipped.length ? ['-untrusted', `${name}-shipped.pem`] : [])];
      const openssl = await run('openssl', args, { cwd: dir }).then(
        () => true,
        () => false,
      );
      const ours = await postproofAnchors(new Uint8Array(token), sha256, anchors, shipped);
      expect({ openssl, ours }).toEqual({ openssl: each.anchored, ours: each.anchored });
    });
  }
});
