import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('computes the CRC-32 zlib computes, for every length around the 8-byte step', () => {
    const data = new Uint8Array(1037).map((_, i) => (i * 131 + 7) & 0xff);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1037]) expect(crc32(data.subarray(0, length))).toBe(zlibCrc32(data.subarray(0, length)));
  });
});
