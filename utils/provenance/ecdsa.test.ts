import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derToP1363,
  importPublicKeySpki,
  keyIdFromSpki,
  p1363ToDer,
  pemToSpki,
  signDer,
  SignatureFormatError,
  spkiToPem,
  verifyDer,
} from './ecdsa';
import { sha256Hex, utf8 } from './hash';

let keys: CryptoKeyPair;
let spki: Uint8Array;
let dir: string;

beforeAll(async () => {
  keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  dir = mkdtempSync(join(tmpdir(), 'postproof-ecdsa-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

describe('P1363 <-> DER', () => {
  it('round-trips 300 real P-384 signatures, each verifying as DER', async () => {
    for (let i = 0; i < 300; i++) {
      const data = randomBytes(1 + (i % 50));
      const p1363 = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data));
      expect(p1363.length).toBe(96);
      const der = p1363ToDer(p1363);
      expect(der.length).toBeGreaterThanOrEqual(8);
      expect(der.length).toBeLessThanOrEqual(104);
      expect(derToP1363(der)).toEqual(p1363);
      expect(await verifyDer(keys.publicKey, data, der)).toBe(true);
    }
  });

  it('round-trips edge values: leading zero bytes, high bits, zero halves', () => {
    const cases: Uint8Array[] = [];
    for (let i = 0; i < 500; i++) {
      const sig = randomBytes(96);
      // Force the shapes where DER trimming and padding matter.
      const zeros = i % 10;
      sig.fill(0, 0, zeros);
      sig.fill(0, 48, 48 + ((i * 7) % 10));
      if (i % 3 === 0) sig[zeros] = 0x80 | sig[zeros]!;
      cases.push(sig);
    }
    cases.push(new Uint8Array(96), new Uint8Array(96).fill(0xff));
    for (const sig of cases) expect(derToP1363(p1363ToDer(sig))).toEqual(sig);
  });

  it('encodes a high-bit integer with a 00 pad and trims leading zeros', () => {
    const sig = new Uint8Array(96);
    sig[47] = 0x80; // r = 0x80
    sig[95] = 0x01; // s = 0x01
    expect(Array.from(p1363ToDer(sig))).toEqual([0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01]);
  });

  const malformed: [string, number[]][] = [
    ['empty', []],
    ['not a sequence', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['length mismatch', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['trailing data', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
    ['truncated integer', [0x30, 0x06, 0x02, 0x05, 0x01, 0x02, 0x01, 0x01]],
    ['negative integer', [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]],
    ['non-minimal integer', [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]],
    ['empty integer', [0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01]],
    ['missing s', [0x30, 0x03, 0x02, 0x01, 0x01]],
    ['integer too large', [0x30, 0x36, 0x02, 0x31, 0x01, ...new Array(48).fill(1), 0x02, 0x01, 0x01]],
    ['long-form length', [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
  ];
  it.each(malformed)('rejects malformed DER: %s', (_, bytes) => {
    const der = new Uint8Array(bytes);
    expect(() => derToP1363(der)).toThrow(SignatureFormatError);
    try {
      derToP1363(der);
    } catch (error) {
      expect((error as SignatureFormatError).code).toBe('SIGNATURE_DER_MALFORMED');
    }
  });

  it('refuses a raw signature of odd length', () => {
    expect(() => p1363ToDer(new Uint8Array(95))).toThrow(/two halves/);
  });
});

describe('signDer / verifyDer', () => {
  it('verifies its own signature and rejects a changed message or signature', async () => {
    const data = utf8('capture.json bytes');
    const der = await signDer(keys.privateKey, data);
    expect(await verifyDer(keys.publicKey, data, der)).toBe(true);
    expect(await verifyDer(keys.publicKey, utf8('capture.json bytez'), der)).toBe(false);
    const flipped = der.slice();
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect(await verifyDer(keys.publicKey, data, flipped)).toBe(false);
  });

  it('returns false, not an exception, for malformed signatures', async () => {
    const data = new TextEncoder().encode('x');
    expect(await verifyDer(keys.publicKey, data, new Uint8Array())).toBe(false);
    expect(await verifyDer(keys.publicKey, data, randomBytes(103))).toBe(false);
    const p1363 = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data));
    expect(await verifyDer(keys.publicKey, data, p1363)).toBe(false);
  });
});

describe('PEM and key id', () => {
  it('round-trips SPKI through PEM with 64-character lines', () => {
    const pem = spkiToPem(spki);
    expect(pem.startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
    expect(pem.endsWith('-----END PUBLIC KEY-----\n')).toBe(true);
    for (const line of pem.trim().split('\n').slice(1, -1)) expect(line.length).toBeLessThanOrEqual(64);
    expect(pemToSpki(pem)).toEqual(spki);
    expect(pemToSpki(`junk before\r\n${pem.replace(/\n/g, '\r\n')}junk after`)).toEqual(spki);
  });

  it('rejects text without a public key block or with damaged base64', () => {
    expect(() => pemToSpki('hello')).toThrow(expect.objectContaining({ code: 'PUBLIC_KEY_PEM_MALFORMED' }));
    expect(() => pemToSpki('-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----')).toThrow(SignatureFormatError);
  });

  it('imports the SPKI and derives the key id as SHA-256 of the DER, same as openssl', async () => {
    const imported = await importPublicKeySpki(spki);
    const data = utf8('abc');
    expect(await verifyDer(imported, data, await signDer(keys.privateKey, data))).toBe(true);
    const keyId = await keyIdFromSpki(spki);
    expect(keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(keyId).toBe(await sha256Hex(spki));
    writeFileSync(join(dir, 'id.pem'), spkiToPem(spki));
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', join(dir, 'id.pem'), '-outform', 'DER']);
    expect(await sha256Hex(new Uint8Array(der))).toBe(keyId);
  });
});

describe('interoperability with openssl', () => {
  it('openssl dgst -verify accepts signatures made by signDer', async () => {
    writeFileSync(join(dir, 'signer.pem'), spkiToPem(spki));
    for (let i = 0; i < 20; i++) {
      const data = randomBytes(200);
      writeFileSync(join(dir, 'data.bin'), data);
      writeFileSync(join(dir, 'data.sig'), await signDer(keys.privateKey, data));
      const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'signer.pem'), '-signature', join(dir, 'data.sig'), join(dir, 'data.bin')]);
      expect(out.toString()).toContain('Verified OK');
    }
  });

  it('verifyDer accepts signatures made by openssl with its own P-384 key', async () => {
    const priv = join(dir, 'openssl-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', priv]);
    const pub = execFileSync('openssl', ['pkey', '-in', priv, '-pubout']).toString();
    const key = await importPublicKeySpki(pemToSpki(pub));
    const data = utf8('signed by openssl');
    writeFileSync(join(dir, 'o.bin'), data);
    execFileSync('openssl', ['dgst', '-sha256', '-sign', priv, '-out', join(dir, 'o.sig'), join(dir, 'o.bin')]);
    const der = new Uint8Array(readFileSync(join(dir, 'o.sig')));
    expect(await verifyDer(key, data, der)).toBe(true);
    expect(await verifyDer(key, utf8('something else'), der)).toBe(false);
  });
});
