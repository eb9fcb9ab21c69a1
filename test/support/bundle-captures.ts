// Test-only: synthetic captures signed with a fresh P-384 key, shaped like the ones the capture pipeline makes.

import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type ArtifactEntry, type BundleManifest, type CaptureRecord } from '../../utils/model';
import { keyIdFromSpki, signDer, spkiToPem } from '../../utils/provenance/ecdsa';
import { bytesSource } from '../../utils/zip/source';
import { StrictZip } from '../../utils/zip/strict-reader';
import { sha256Hex, utf8 } from '../../utils/provenance/hash';
import { pngSize } from '../../utils/evidence/annotated-screenshot';
import { formatChecksums } from '../../utils/evidence/checksum-checks';
import type { BundleCaptureSource, BundleSigner, ScreenshotAnnotator } from '../../utils/formats/bundle/types';

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
  /** screenshot.png's bytes (pseudo-random bytes when absent). */
  screenshot?: Uint8Array;
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
      ['screenshot.png', post.screenshot ?? syntheticBytes(2000 + index, 11 + index)],
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

/** A real (tiny) RGBA PNG of one shade, so size checks read a genuine IHDR. */
export function encodePng(width: number, height: number, shade = 0x80): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 4), shade);
  for (let y = 0; y < height; y++) rows[y * (1 + width * 4)] = 0;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}

export interface AnnotatorCall {
  screenshot: Uint8Array;
  lines: readonly string[];
}

/**
 * Stands in for the canvas annotator (no canvas in Node): answers with a PNG of the screenshot's size plus a strip of
 * `strip` px, remembers what it was given, and throws when `fail` gives a reason.
 */
export function fakeAnnotator(calls: AnnotatorCall[] = [], fail?: (call: AnnotatorCall) => string | undefined, strip = 4): ScreenshotAnnotator {
  return async (screenshot, lines) => {
    const call = { screenshot, lines };
    calls.push(call);
    const why = fail?.(call);
    if (why) throw new Error(why);
    const size = pngSize(screenshot) ?? { width: 10, height: 5 };
    return { png: encodePng(size.width, size.height + strip, 0x20), width: size.width, height: size.height, stripHeight: strip };
  };
}

/** Changes manifest.json, then signs it again and remakes SHA256SUMS, as a forger holding the key could. */
/**
 * What a key holder can do to an exported bundle: change its files (`files`) and its manifest (`manifest`), then sign
 * everything again with `signer` (the genuine key, or another one, whose signer.pem then replaces the bundle's):
 * manifest.files is made again from the files, the manifest, SHA256SUMS and SHA256SUMS.sig are signed anew.
 */
export async function resealBundle(
  zip: Uint8Array,
  signer: BundleSigner,
  change: { files?: (files: Map<string, Uint8Array>) => void | Promise<void>; manifest?: (manifest: BundleManifest) => void } = {},
): Promise<Uint8Array> {
  const loaded = await JSZip.loadAsync(zip);
  const all = new Map<string, Uint8Array>();
  for (const name of Object.keys(loaded.files)) if (!loaded.files[name]!.dir) all.set(name, await loaded.file(name)!.async('uint8array'));
  all.set('signer.pem', utf8(spkiToPem(signer.publicKeySpki)));
  await change.files?.(all);
  const outside = ['manifest.json', 'manifest.json.sig', 'SHA256SUMS', 'SHA256SUMS.sig'];
  const manifest = JSON.parse(new TextDecoder().decode(all.get('manifest.json'))) as BundleManifest;
  manifest.signer.keyId = signer.keyId;
  manifest.files = [];
  for (const [path, data] of all) if (!outside.includes(path)) manifest.files.push({ path, bytes: data.length, sha256: await sha256Hex(data) });
  change.manifest?.(manifest);
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  all.set('manifest.json', manifestBytes);
  all.set('manifest.json.sig', await signer.sign(manifestBytes));
  const lines = [];
  for (const [path, data] of all) if (path !== 'SHA256SUMS' && path !== 'SHA256SUMS.sig') lines.push({ path, sha256: await sha256Hex(data) });
  all.set('SHA256SUMS', utf8(formatChecksums(lines)));
  all.set('SHA256SUMS.sig', await signer.sign(all.get('SHA256SUMS')!));
  const out = new JSZip();
  for (const [name, data] of all) out.file(name, data, { createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** resealBundle with only the manifest changed (and the genuine key). */
export function resealManifest(zip: Uint8Array, signer: BundleSigner, change: (manifest: BundleManifest) => void): Promise<Uint8Array> {
  return resealBundle(zip, signer, { manifest: change });
}

/** The entry names of a ZIP as the strict reader reads them (it must accept the ZIP). */
export async function zipNames(zip: Uint8Array): Promise<string[]> {
  const opened = await StrictZip.open(bytesSource(zip));
  if (Array.isArray(opened)) throw new Error(`not a strict ZIP: ${opened.map((p) => p.message).join(' ')}`);
  return opened.entries.map((entry) => entry.name);
}
