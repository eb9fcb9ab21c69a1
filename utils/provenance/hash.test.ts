import { describe, expect, it } from 'vitest';
import { sha256Hex, toHex, utf8 } from './hash';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector for "abc" from a string, bytes and an ArrayBuffer', async () => {
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex('abc')).toBe(expected);
    expect(await sha256Hex(utf8('abc'))).toBe(expected);
    expect(await sha256Hex(utf8('abc').buffer as ArrayBuffer)).toBe(expected);
  });

  it('hashes only the view, not the whole underlying buffer', async () => {
    const buffer = utf8('xxabcxx');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(await sha256Hex('abc'));
  });
});

describe('toHex / utf8', () => {
  it('writes two lowercase digits per byte', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
  });
  it('encodes non-ASCII text as UTF-8', () => {
    expect(toHex(utf8('é'))).toBe('c3a9');
  });
});
