// The store's listing row of a signed capture record: the fields the dashboard lists and searches, beside the record's
// exact bytes, hash and signature. Written by the capture pipeline (utils/capture/worker/pipeline.ts) and by the
// restore of a bundle (utils/restore/import-bundles.ts): the row a capture gets is the store's business.
import type { CaptureRecord } from '../model';
import type { StoredCapture } from './rows';

export function indexRow(record: CaptureRecord, recordBytes: Uint8Array, recordSha256: string, signature: Uint8Array): StoredCapture {
  const { post } = record;
  return {
    id: record.id,
    sequence: record.sequence,
    capturedAt: record.capturedAt,
    platform: post.platform,
    ...(post.author?.name !== undefined ? { authorName: post.author.name } : {}),
    ...(post.author?.handle !== undefined ? { authorHandle: post.author.handle } : {}),
    ...(post.text !== undefined ? { text: post.text } : {}),
    ...(post.url !== undefined ? { permalink: post.url } : {}),
    recordBytes,
    recordSha256,
    signature,
  };
}
