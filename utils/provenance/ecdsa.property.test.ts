// Property-based tests (fast-check) of the DER ⇄ P1363 signature converter: generated inputs find the edge cases
// (leading zeros, high bits, odd lengths, truncations) that hand-picked examples miss.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derToP1363, p1363ToDer, signDer, SignatureFormatError } from './ecdsa';

/** Runs `convert` and says whether it returned, or threw a SignatureFormatError; anything else fails the property. */
function returnsOrRefuses(convert: () => Uint8Array): boolean {
  try {
    convert();
    return true;
  } catch (error) {
    if (error instanceof SignatureFormatError) return true;
    throw error;
  }
}

/** A P1363 signature of two equal halves; halves with leading zero bytes and high first bits are common. */
const halves = (size: number) =>
  fc.tuple(
    fc.uint8Array({ minLength: size, maxLength: size }),
    fc.uint8Array({ minLength: size, maxLength: size }),
    fc.nat({ max: size }),
    fc.nat({ max: size }),
  ).map(([r, s, rZeros, sZeros]) => {
    r.fill(0, 0, rZeros);
    s.fill(0, 0, sZeros);
    return new Uint8Array([...r, ...s]);
  });

describe('DER ⇄ P1363 (property-based)', () => {
  it('round-trips any P-384 signature: P1363 → DER → P1363 is the identity', () => {
    fc.assert(
      fc.property(halves(48), (p1363) => {
        expect(derToP1363(p1363ToDer(p1363), 48)).toEqual(p1363);
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips every half size it accepts, up to 64 bytes (long-form DER lengths included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }).chain((size) => halves(size).map((sig) => ({ size, sig }))), ({ size, sig }) => {
        expect(derToP1363(p1363ToDer(sig), size)).toEqual(sig);
      }),
      { numRuns: 1_000 },
    );
  });

  it('writes DER that is minimal: no needless leading zero, never negative', () => {
    fc.assert(
      fc.property(halves(48), (p1363) => {
        const der = p1363ToDer(p1363);
        expect(der[0]).toBe(0x30);
        for (let at = der[1] === 0x81 ? 3 : 2; at < der.length; ) {
          expect(der[at]).toBe(0x02);
          const length = der[at + 1]!;
          const first = der[at + 2]!;
          expect(first & 0x80).toBe(0);
          if (first === 0 && length > 1) expect(der[at + 3]! & 0x80).toBe(0x80);
          at += 2 + length;
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('arbitrary bytes never make derToP1363 or p1363ToDer throw anything but SignatureFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(returnsOrRefuses(() => derToP1363(bytes))).toBe(true);
        expect(returnsOrRefuses(() => p1363ToDer(bytes))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('mutated valid DER is refused with SignatureFormatError or converts to 96 bytes', () => {
    const mutated = fc
      .tuple(halves(48), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat())
      .map(([p1363, edits, cut]) => {
        const der = p1363ToDer(p1363);
        for (const [at, value] of edits) der[at % der.length] = value;
        return cut % 5 === 0 ? der.subarray(0, cut % der.length) : der;
      });
    fc.assert(
      fc.property(mutated, (der) => {
        try {
          expect(derToP1363(der)).toHaveLength(96);
        } catch (error) {
          expect(error).toBeInstanceOf(SignatureFormatError);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('signatures made through the converter verify with OpenSSL (Node crypto, DER encoding)', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), async (data) => {
        const der = await signDer(pair.privateKey, data);
        expect(nodeVerify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
