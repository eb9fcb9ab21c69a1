// Writes a WACZ 1.1.1 package (FORMATS.md §1, §8; docs/wacz.md) from the same checked captures as the evidence
// bundle: the WARC, its sorted CDXJ index, pages.jsonl, the guide and key, datapackage.json, datapackage-digest.json
// signed in the anonymous mode (with an RFC 3161 token over datapackage.json when one is asked for), then SHA256SUMS
// over every one of those files and its signature by the install key: what binds the token and every other byte.
// Every ZIP entry is STORED (utils/zip/stored-writer.ts): the index offsets point into the stored bytes (FORMATS.md T7).

import { checkNotChosenTwice, collectCapture, type BundleFile, type CollectedCapture } from '../../evidence/collect-capture';
import type { WriteInput } from '../../evidence/capture-source';
import { authorityPems, tsaPem } from '../../evidence/tsa-pem';
import { formatChecksums } from '../../evidence/checksum-checks';
import { BundleError } from '../../evidence/errors';
import { collectThreads } from '../../evidence/thread-files';
import { zipInMemory } from '../../zip/memory-sink';
import { MAX_ZIP_BYTES, type StoredZipWriter } from '../../zip/stored-writer';
import { importPublicKeySpki, spkiToPem } from '../../provenance/ecdsa';
import { sha256Hex, toBase64, utf8 } from '../../provenance/hash';
import { formatCdxj } from './cdxj';
import { datapackageResource, makeDatapackage, serializeJson, signDatapackage, type DatapackageDigest } from './datapackage';
import {
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  DATAPACKAGE_FILE,
  DATAPACKAGE_TIMESTAMP_TYPE,
  DIGEST_FILE,
  GUIDE_FILE,
  INDEX_FILE,
  KEY_FILE,
  MAX_WARC_BYTES,
  PAGES_FILE,
  WARC_FILE,
} from './layout';
import { pagesJsonl } from './pages';
import { renderWaczGuide } from './verify-guide';
import { buildWarc } from './warc-builder';

/** A token over SHA-256(datapackage.json) and the certificates it carried. */
export interface DatapackageStamp {
  tsr: Uint8Array;
  certificates: Uint8Array[];
  tsaName: string;
  tsaUrl: string;
}

export interface WriteWaczInput extends WriteInput {
  /** Asks a timestamp authority for a token over SHA-256 of these datapackage.json bytes; undefined means none. */
  stampDatapackage?: (datapackageBytes: Uint8Array) => Promise<DatapackageStamp | undefined>;
  /** Record ids (tests); random `urn:uuid:` by default. */
  newRecordId?: () => string;
}

interface WaczFile {
  path: string;
  data: Uint8Array;
}

function tooLarge(): BundleError {
  return new BundleError(
    'BUNDLE_TOO_LARGE',
    'These captures add up to more than 2 GiB, more than one WACZ holds (it is built, and verified, in memory). Export them in smaller groups, or as an evidence bundle.',
  );
}

async function collectAll(input: WriteWaczInput, publicKey: CryptoKey): Promise<CollectedCapture<BundleFile>[]> {
  const total = Array.isArray(input.captures) ? input.captures.length : 0;
  const collected: CollectedCapture<BundleFile>[] = [];
  const ids = new Set<string>();
  let size = 0;
  for await (const source of input.captures) {
    checkNotChosenTwice(ids, source.stored.id);
    const capture = await collectCapture(source, input.signer, publicKey, (file) => file, { tsaChains: input.tsaChains });
    size += capture.files.reduce((sum, file) => sum + file.bytes + 512, 0);
    if (size > MAX_WARC_BYTES) throw tooLarge();
    collected.push(capture);
    input.onProgress?.({ done: collected.length, total, phase: 'captures' });
  }
  // Sequence order is the order the captures were made, whatever order they were chosen in.
  return collected.sort((a, b) => a.summary.sequence - b.summary.sequence || (a.summary.id < b.summary.id ? -1 : 1));
}


/** Writes one WACZ into `zip` (the caller finishes it); the WARC is built in memory first, so its index can point into it. */
export async function writeWaczZip(zip: StoredZipWriter, input: WriteWaczInput): Promise<void> {
  const { signer, software, onProgress } = input;
  const created = (input.now ?? new Date()).toISOString();
  const publicKey = await importPublicKeySpki(signer.publicKeySpki);
  const collected = await collectAll(input, publicKey);
  onProgress?.({ done: 0, total: 1, phase: 'summaries' });

  // The threads whose members are all in this WACZ: their record and signature as files, listed and hashed like the rest.
  const threads = await collectThreads(input.threads ?? [], new Map(collected.map((c) => [c.summary.id, c.summary.captureSha256])), signer, publicKey);
  const built = await buildWarc(collected, { software, created, tsaPems: await authorityPems(collected, input.tsaChains), newRecordId: input.newRecordId });
  if (built.warc.length > MAX_WARC_BYTES) throw tooLarge();
  const listed: WaczFile[] = [
    { path: WARC_FILE, data: built.warc },
    { path: INDEX_FILE, data: utf8(formatCdxj(built.index)) },
    { path: PAGES_FILE, data: utf8(pagesJsonl(built.pages)) },
    { path: GUIDE_FILE, data: utf8(renderWaczGuide({ keyId: signer.keyId, software, created, threads: threads.map((thread) => thread.record) })) },
    { path: KEY_FILE, data: utf8(spkiToPem(signer.publicKeySpki)) },
    ...threads.flatMap((thread) => thread.files.map((file) => ({ path: file.path, data: file.data }))),
  ];
  const resources = await Promise.all(listed.map((file) => datapackageResource(file.path, file.data)));
  const datapackageBytes = serializeJson(makeDatapackage({ created, software }, resources, collected.map((c) => c.summary)));
  const digest: DatapackageDigest = await signDatapackage(datapackageBytes, { created, software }, signer);
  const stamp = await input.stampDatapackage?.(datapackageBytes);
  if (stamp) {
    digest.timestamp = {
      type: DATAPACKAGE_TIMESTAMP_TYPE,
      imprint: DATAPACKAGE_FILE,
      tsr: toBase64(stamp.tsr),
      tsaChain: await tsaPem({ name: stamp.tsaName, url: stamp.tsaUrl, certificates: stamp.certificates }),
      tsa: stamp.tsaName,
      tsaUrl: stamp.tsaUrl,
    };
  }
  const sealed: WaczFile[] = [...listed, { path: DATAPACKAGE_FILE, data: datapackageBytes }, { path: DIGEST_FILE, data: serializeJson(digest) }];
  // SHA256SUMS covers datapackage-digest.json, token included, and is signed by the same key: that binds the token.
  const sums = utf8(formatChecksums(await Promise.all(sealed.map(async (file) => ({ path: file.path, sha256: await sha256Hex(file.data) })))));
  const all: WaczFile[] = [...sealed, { path: CHECKSUMS_FILE, data: sums }, { path: CHECKSUMS_SIGNATURE_FILE, data: await signer.sign(sums) }];
  if (all.reduce((sum, file) => sum + file.data.length + 128 + 2 * file.path.length, 22) > MAX_ZIP_BYTES) throw tooLarge();
  onProgress?.({ done: 1, total: 1, phase: 'summaries' });

  for (const file of all) await zip.add(file.path, file.data);
  onProgress?.({ done: 100, total: 100, phase: 'zip' });
}

/** One WACZ, in memory. */
export async function writeWacz(input: WriteWaczInput): Promise<Uint8Array> {
  return zipInMemory(input.now ?? new Date(), (zip) => writeWaczZip(zip, input));
}
