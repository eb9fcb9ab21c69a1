// Test-only: synthetic captures signed with a fresh P-384 key, shaped like the ones the capture pipeline makes.

import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type ArtifactEntry, type CaptureRecord } from '../model';
import { keyIdFromSpki, signDer } from '../provenance/ecdsa';
import { sha256Hex, utf8 } from '../provenance/hash';
import type { BundleCaptureSource, BundleSigner } from './types';

export interface TestKey {
  signer: BundleSigner;
  privateKey: CryptoKey;
}

export async function makeTestKey(): Promise<TestKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKeySpki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return {
    privateKey: pair.privateKey,
    signer: { keyId: await keyIdFromSpki(publicKeySpki), publicKeySpki, sign: (data) => signDer(pair.privateKey, data) },
  };
}

/** Deterministic pseudo-random bytes, so a failing test can be rerun on the same data. */
function syntheticBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

export interface SyntheticPost {
  text: string;
  authorName?: string;
  permalink?: string;
}

/** Captures with consecutive sequence numbers from `firstSequence`, chained by previousCaptureSha256 (null for the first). */
export async function makeCaptures(key: TestKey, posts: SyntheticPost[], firstSequence = 1): Promise<BundleCaptureSource[]> {
  const sources: BundleCaptureSource[] = [];
  let previous: string | null = null;
  for (const [index, post] of posts.entries()) {
    const sequence = firstSequence + index;
    const id = `${String(sequence).padStart(8, '0')}-aaaa-4bbb-8ccc-000000000000`;
    const files = new Map<string, Uint8Array>([
      ['post.html', utf8(`<article>${post.text}</article>`)],
      ['screenshot.png', syntheticBytes(2000 + index, 11 + index)],
      ['media/1.jpg', syntheticBytes(5000 + index, 97 + index)],
    ]);
    const artifacts: ArtifactEntry[] = [];
    for (const [path, data] of files) {
      const role = path === 'post.html' ? 'dom-snapshot' : path === 'screenshot.png' ? 'screenshot' : 'media';
      const mediaType = path.endsWith('.html') ? 'text/html' : path.endsWith('.png') ? 'image/png' : 'image/jpeg';
      artifacts.push({ path, role, mediaType, bytes: data.length, sha256: await sha256Hex(data) });
    }
    const record: CaptureRecord = {
      format: CAPTURE_FORMAT,
      id,
      sequence,
      previousCaptureSha256: previous,
      capturedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, index)).toISOString(),
      clock: { timeZone: 'Europe/Berlin', serverDate: 'Fri, 02 Jan 2026 03:04:05 GMT' },
      page: { url: post.permalink ?? `https://x.com/someone/status/${index}`, title: 'X' },
      post: {
        platform: 'x',
        id: String(index),
        url: post.permalink ?? `https://x.com/someone/status/${index}`,
        author: { name: post.authorName ?? 'Some One', handle: 'someone' },
        postedAt: '2026-01-01T12:00:00.000Z',
        text: post.text,
      },
      artifacts,
      missing: [{ role: 'media', sourceUrl: 'https://pbs.twimg.com/media/x.jpg', reason: 'HTTP 403' }],
      environment: { software: 'PostProof 0.1.0', userAgent: 'test', viewport: { width: 1280, height: 800, devicePixelRatio: 1 }, locale: 'en' },
      signer: { algorithm: SIGNATURE_ALGORITHM, keyId: key.signer.keyId },
    };
    const recordBytes = utf8(JSON.stringify(record, null, 2));
    const recordSha256 = await sha256Hex(recordBytes);
    sources.push({
      stored: {
        id,
        sequence: record.sequence,
        capturedAt: record.capturedAt,
        platform: 'x',
        recordBytes,
        recordSha256,
        signature: await signDer(key.privateKey, recordBytes),
      },
      readArtifact: async (path) => {
        const data = files.get(path);
        if (!data) throw new Error(`no artifact ${path}`);
        return data;
      },
    });
    previous = recordSha256;
  }
  return sources;
}
