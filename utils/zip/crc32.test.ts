import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('computes the CRC-32 zlib computes, for every length around the 8-byte step', () => {
    const data = new Uint8Array(1037).map((_, i) => (i * 131 + 7) & 0xff);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1037]) expect(crc32(data.subarray(0, length))).toBe(zlibCrc32(data.subarray(0, length)));
  });
});

describe('crc32 in chunks', () => {
  it('gives the CRC-32 of the whole when a file is read in chunks of any size', () => {
    const data = new Uint8Array(4099).map((_, i) => (i * 31 + 5) & 0xff);
    for (const step of [1, 3, 8, 13, 1000, 4099]) {
      let crc = 0;
      for (let at = 0; at < data.length; at += step) crc = crc32(data.subarray(at, at + step), crc);
      expect(crc, `chunks of ${step}`).toBe(zlibCrc32(data));
    }
  });
});
