import { describe, expect, it } from 'vitest';
import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type CaptureRecord } from '../model';
import { indexRow } from './index-row';

const record: CaptureRecord = {
  format: CAPTURE_FORMAT,
  id: 'c1',
  sequence: 4,
  previousCaptureSha256: null,
  capturedAt: '2026-12-06T10:00:00.000Z',
  clock: { timeZone: 'UTC' },
  page: { url: 'https://x.com/a/status/1', title: 'A post' },
  post: { platform: 'x', url: 'https://x.com/a/status/1', text: 'hello', author: { name: 'A', handle: '@a' } },
  artifacts: [],
  missing: [],
  environment: { software: 'PostProof 0.1.0', userAgent: 'UA', viewport: { width: 1, height: 1, devicePixelRatio: 1 }, locale: 'en' },
  signer: { algorithm: SIGNATURE_ALGORITHM, keyId: 'k' },
};

describe('the listing row of a capture', () => {
  it('lists the post beside the exact record bytes, hash and signature', () => {
    const bytes = new Uint8Array([1, 2]);
    const signature = new Uint8Array([3]);
    expect(indexRow(record, bytes, 'ab', signature)).toEqual({
      id: 'c1',
      sequence: 4,
      capturedAt: '2026-12-06T10:00:00.000Z',
      platform: 'x',
      authorName: 'A',
      authorHandle: '@a',
      text: 'hello',
      permalink: 'https://x.com/a/status/1',
      recordBytes: bytes,
      recordSha256: 'ab',
      signature,
    });
  });

  it('leaves out the fields the post does not have', () => {
    const row = indexRow({ ...record, post: { platform: 'generic' } }, new Uint8Array(), 'ab', new Uint8Array());
    expect(Object.keys(row)).toEqual(['id', 'sequence', 'capturedAt', 'platform', 'recordBytes', 'recordSha256', 'signature']);
  });
});
