// Anchored time against real tokens from throwaway openssl authorities (test/support/tsa.ts): a token's time is
// trusted only when its chain reaches a pinned root or the user's; a root shipped beside the token, even one named
// "DigiCert Trusted Root G4", only ever yields "time not anchored"; a namesake CA never stands in for the real issuer;
// a broken link or a tampered token throws.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../../test/support/tsa';
import { sha256Hex, toBase64, utf8 } from './hash';
import { tokenChainRoot, userTrustAnchors } from './tsa-anchor';
import { PINNED_TSA_ROOTS, pinnedRootDer, pinnedTrustAnchors, type PinnedRoot } from './tsa-roots';
import { anchorTimestamp, parseCertificate, pemCertificates, TimestampError } from './tsa-token';

const data = utf8('{\n  "format": "postproof-capture/1",\n  "id": "anchored"\n}\n');
const DIGICERT_G4 = '552f7bdcf1a7af9e6ce672017f4f12abf77240c78e761ac203d1d9d20ac89988';

let sha256: string;
let own: TestTsa; // the root travels in its tokens, as a TSA's certs = line usually makes it
let bare: TestTsa; // tokens carry the TSA certificate only
let namesake: TestTsa; // another CA with the very same subject as bare's and own's roots
let fakeDigicert: TestTsa; // a self-made root naming itself DigiCert Trusted Root G4
let chained: TestTsa; // root → intermediate → TSA; tokens carry the TSA certificate only

beforeAll(async () => {
  sha256 = await sha256Hex(data);
  own = createTestTsa();
  bare = createTestTsa('PostProof Bare TSA', { embedCaCertificates: false });
  namesake = createTestTsa();
  fakeDigicert = createTestTsa('DigiCert Timestamp 2023', { rootSubject: '/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Trusted Root G4' });
  chained = createTestTsa('PostProof Chained TSA', { intermediateSubject: '/CN=PostProof Test TSA Intermediate', embedCaCertificates: false });
});
afterAll(() => {
  for (const tsa of [own, bare, namesake, fakeDigicert, chained]) tsa?.remove();
});

async function token(tsa: TestTsa): Promise<Uint8Array> {
  return new Uint8Array(await tsa.reply(await tsa.query(sha256)));
}
const der = (pem: string): Uint8Array => pemCertificates(pem)[0]!;
const rootOf = (tsa: TestTsa) => der(tsa.caPem);
const userAnchor = (tsa: TestTsa) => userTrustAnchors([rootOf(tsa)]);

async function anchor(tsr: Uint8Array, candidates: Uint8Array[], anchors = pinnedTrustAnchors()) {
  return anchorTimestamp(tsr, { sha256, data, candidates, anchors });
}

async function refusal(promise: Promise<unknown>): Promise<TimestampError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TimestampError);
  return error as TimestampError;
}

describe('anchorTimestamp', () => {
  it('anchors a token in the root the user gave', async () => {
    const result = await anchor(await token(own), [], userAnchor(own));
    const rootSha256 = await sha256Hex(rootOf(own));
    expect(result.anchor).toEqual({ kind: 'user', label: 'your root', sha256: rootSha256 });
    expect(result.chainRoot).toEqual({ sha256: rootSha256, subject: 'CN=PostProof Test TSA Root' });
    expect(result.info.signer).toBe('CN=PostProof Test TSA');
    expect(result.info.imprintHex).toBe(sha256);
    expect(Math.abs(Date.parse(result.info.genTime) - Date.now())).toBeLessThan(120_000);
  });

  it('does not anchor a token whose root is only shipped beside it, and names that root', async () => {
    for (const [tsa, tsr] of [
      [own, await token(own)],
      [bare, await token(bare)],
    ] as const) {
      const result = await anchor(tsr, [rootOf(tsa)]);
      expect(result.anchor).toBeNull();
      expect(result.chainRoot).toEqual({ sha256: await sha256Hex(rootOf(tsa)), subject: 'CN=PostProof Test TSA Root' });
    }
  });

  it('never takes a self-made root naming DigiCert for the pinned DigiCert root', async () => {
    const fakeRoot = rootOf(fakeDigicert);
    const realRoot = PINNED_TSA_ROOTS.find((root) => root.sha256 === DIGICERT_G4)!;
    expect(parseCertificate(fakeRoot).subject.isEqual(parseCertificate(pinnedRootDer(realRoot)).subject), 'the fake is a true namesake').toBe(true);
    const tsr = await token(fakeDigicert);
    const result = await anchor(tsr, [fakeRoot]);
    expect(result.info.signer).toBe('CN=DigiCert Timestamp 2023');
    expect(result.anchor).toBeNull();
    expect(result.chainRoot?.sha256).toBe(await sha256Hex(fakeRoot));
    expect(result.chainRoot?.sha256).not.toBe(DIGICERT_G4);
    expect(result.chainRoot?.subject).toBe('CN=DigiCert Trusted Root G4, O=DigiCert Inc');
    const described = await tokenChainRoot(tsr, [fakeRoot]);
    expect(described.pinnedRoot).toBeUndefined();
    expect(described.chainRoot?.sha256).toBe(await sha256Hex(fakeRoot));
  });

  it('never lets a CA with the issuer’s name stand in for the issuer', async () => {
    const impostor = rootOf(namesake);
    expect(parseCertificate(impostor).subject.isEqual(parseCertificate(rootOf(bare)).subject)).toBe(true);
    const tsr = await token(bare);
    const broken = await refusal(anchor(tsr, [impostor], userTrustAnchors([impostor])));
    expect(broken.code).toBe('TSA_UNTRUSTED_CHAIN');
    expect(broken.message).toContain('CN=PostProof Test TSA Root');
    // Beside the real issuer, the namesake is passed over: the chain reaches the real root, anchored or not.
    expect((await anchor(tsr, [impostor], [...userTrustAnchors([impostor]), ...userAnchor(bare)])).anchor?.sha256).toBe(await sha256Hex(rootOf(bare)));
    const carried = await anchor(await token(own), [impostor], userTrustAnchors([impostor]));
    expect(carried.anchor).toBeNull();
    expect(carried.chainRoot?.sha256).toBe(await sha256Hex(rootOf(own)));
  });

  it('builds the chain through an intermediate shipped beside the token, and stops where an issuer is missing', async () => {
    const tsr = await token(chained);
    const intermediate = der(chained.intermediatePem!);
    const anchored = await anchor(tsr, [intermediate], userAnchor(chained));
    expect(anchored.anchor?.sha256).toBe(await sha256Hex(rootOf(chained)));
    const missing = await anchor(tsr, [], userAnchor(chained));
    expect(missing).toMatchObject({ chainRoot: null, anchor: null });
    expect((await anchor(await token(bare), [])).chainRoot).toBeNull();
  });

  it('refuses a chain with a link whose signature does not verify', async () => {
    const intermediate = der(chained.intermediatePem!);
    const parsed = parseCertificate(intermediate);
    // Change the intermediate's serial: its key still verifies the TSA certificate, but the root's signature breaks.
    const serial = new Uint8Array(parsed.serialNumber.valueBlock.valueHexView);
    const at = indexOf(intermediate, serial);
    expect(at).toBeGreaterThan(0);
    const altered = intermediate.slice();
    altered[at + serial.length - 1]! ^= 0x01;
    const error = await refusal(anchor(await token(chained), [altered], userAnchor(chained)));
    expect(error.code).toBe('TSA_UNTRUSTED_CHAIN');
  });

  it('refuses a tampered token and a token for other bytes, as before', async () => {
    const tsr = await token(own);
    const tst = tstInfoRange(tsr);
    const tampered = tsr.slice();
    tampered[tst.end - 3]! ^= 0x01;
    expect((await refusal(anchor(tampered, [], userAnchor(own)))).code).toBe('TSA_BAD_SIGNATURE');
    expect((await refusal(tokenChainRoot(tampered, []))).code).toBe('TSA_BAD_SIGNATURE');
    const other = utf8('other bytes');
    const wrong = anchorTimestamp(tsr, { sha256: await sha256Hex(other), data: other, candidates: [], anchors: userAnchor(own) });
    expect((await refusal(wrong)).code).toBe('TSA_WRONG_IMPRINT');
    expect((await refusal(anchor(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]), [], userAnchor(own)))).code).toBe('TSA_MALFORMED');
  });

  it('names the pinned root a chain validates to (pinned roots injected, as no real token is at hand)', async () => {
    const root = rootOf(own);
    const testPinned: PinnedRoot = {
      authority: 'Test Authority',
      presets: ['test'],
      subject: 'CN=PostProof Test TSA Root',
      sha256: await sha256Hex(root),
      obtainFrom: 'https://tsa.postproof.test/root.pem',
      provenance: 'Made by the test.',
      derBase64: toBase64(root),
    };
    const tsr = await token(own);
    const anchored = await anchor(tsr, [], [...pinnedTrustAnchors(), ...pinnedTrustAnchors([testPinned])]);
    expect(anchored.anchor).toEqual({ kind: 'pinned', label: 'Test Authority', sha256: testPinned.sha256 });
    const described = await tokenChainRoot(tsr, [], [...PINNED_TSA_ROOTS, testPinned]);
    expect(described).toMatchObject({ signer: 'CN=PostProof Test TSA', pinnedRoot: testPinned, chainRoot: { sha256: testPinned.sha256 } });
    expect((await tokenChainRoot(tsr, [])).pinnedRoot).toBeUndefined();
  });
});

describe('userTrustAnchors', () => {
  it('takes a self-signed CA certificate and refuses anything else', () => {
    expect(userAnchor(own)).toEqual([{ der: rootOf(own), kind: 'user', label: 'your root' }]);
    expect(() => userTrustAnchors([der(chained.intermediatePem!)])).toThrow(/not a root: it is issued by CN=PostProof Test TSA Root/);
    expect(() => userTrustAnchors([der(own.tsaCertPem)])).toThrow(/not a root/);
    expect(() => userTrustAnchors([utf8('not a certificate')])).toThrow(/not a certificate/);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

/** Where the signed TSTInfo lies in the token's bytes. */
function tstInfoRange(tsr: Uint8Array): { start: number; end: number } {
  const response = new pkijs.TimeStampResp({ schema: asn1js.fromBER(tsr.slice()).result });
  const signedData = new pkijs.SignedData({ schema: response.timeStampToken!.content });
  const tstInfo = new Uint8Array(signedData.encapContentInfo.eContent!.getValue());
  const start = indexOf(tsr, tstInfo);
  return { start, end: start + tstInfo.length };
}
