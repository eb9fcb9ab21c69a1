// Writes a WACZ 1.1.1 package (FORMATS.md §1, §8) from the same checked captures as the evidence bundle: the WARC,
// its sorted CDXJ index, pages.jsonl, the guide and key, datapackage.json, and datapackage-digest.json signed in the
// anonymous mode, with an RFC 3161 token over datapackage.json when one is asked for. Every ZIP entry is STORED:
// the index offsets point into the stored bytes (FORMATS.md T7).

import JSZip from 'jszip';
import { checkNotChosenTwice, collectCapture, tsaPem, type BundleFile, type CollectedCapture } from '../bundle/bundle-writer';
import { formatChecksums } from '../evidence/checksum-checks';
import { BundleError } from '../bundle/errors';
import { MAX_BUNDLE_BYTES } from '../bundle/layout';
import type { WriteBundleInput } from '../bundle/types';
import { importPublicKeySpki, spkiToPem } from '../provenance/ecdsa';
import { toBase64, utf8 } from '../provenance/hash';
import { formatCdxj } from './cdxj';
import { datapackageResource, serializeJson, signDatapackage, type Datapackage, type DatapackageDigest } from './datapackage';
import {
  CHECKSUMS_FILE,
  DATAPACKAGE_FILE,
  DATAPACKAGE_TIMESTAMP_TYPE,
  DIGEST_FILE,
  GUIDE_FILE,
  INDEX_FILE,
  KEY_FILE,
  PAGES_FILE,
  WACZ_PROFILE,
  WACZ_VERSION,
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

export interface WriteWaczInput extends WriteBundleInput {
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
  return new BundleError('BUNDLE_TOO_LARGE', 'These captures add up to more than 4 GiB, more than one WACZ can hold. Export them in smaller groups.');
}

async function collectAll(input: WriteWaczInput, publicKey: CryptoKey): Promise<CollectedCapture<BundleFile>[]> {
  const total = Array.isArray(input.captures) ? input.captures.length : 0;
  const collected: CollectedCapture<BundleFile>[] = [];
  const ids = new Set<string>();
  let size = 0;
  for await (const source of input.captures) {
    checkNotChosenTwice(ids, source.stored.id);
    const capture = await collectCapture(source, input.signer, publicKey, (file) => file);
    size += capture.files.reduce((sum, file) => sum + file.bytes + 512, 0);
    if (size > MAX_BUNDLE_BYTES) throw tooLarge();
    collected.push(capture);
    input.onProgress?.({ done: collected.length, total, phase: 'captures' });
  }
  // Sequence order is the order the captures were made, whatever order they were chosen in.
  return collected.sort((a, b) => a.summary.sequence - b.summary.sequence || (a.summary.id < b.summary.id ? -1 : 1));
}

/** PEM of every authority that stamped one of these captures and whose certificates are known. */
async function tsaPems(collected: readonly CollectedCapture<BundleFile>[], chains: WriteBundleInput['tsaChains']): Promise<Map<string, string>> {
  const ids = [...new Set(collected.flatMap((c) => c.summary.timestamps.map((t) => t.tsaId)))].sort();
  const pems = new Map<string, string>();
  for (const id of ids) {
    const chain = chains?.get(id);
    if (chain && chain.certificates.length > 0) pems.set(id, await tsaPem(chain));
  }
  return pems;
}

function describeCaptures(collected: readonly CollectedCapture<BundleFile>[]): string {
  const lines = collected.map(({ summary }) => `- ${summary.permalink ?? summary.pageUrl} (captured ${summary.capturedAt}, capture ${summary.id})`);
  return `Posts preserved as evidence with PostProof. Each capture's signed record is in the WARC at metadata://postproof/<capture id>; see VERIFY.txt.\n\n${lines.join('\n')}`;
}

export async function writeWacz(input: WriteWaczInput): Promise<Uint8Array> {
  const { signer, software, onProgress } = input;
  const created = (input.now ?? new Date()).toISOString();
  const collected = await collectAll(input, await importPublicKeySpki(signer.publicKeySpki));
  onProgress?.({ done: 0, total: 1, phase: 'summaries' });

  const built = await buildWarc(collected, { software, created, tsaPems: await tsaPems(collected, input.tsaChains), newRecordId: input.newRecordId });
  const listed: WaczFile[] = [
    { path: WARC_FILE, data: built.warc },
    { path: INDEX_FILE, data: utf8(formatCdxj(built.index)) },
    { path: PAGES_FILE, data: utf8(pagesJsonl(built.pages)) },
    { path: GUIDE_FILE, data: utf8(renderWaczGuide({ keyId: signer.keyId, software })) },
    { path: KEY_FILE, data: utf8(spkiToPem(signer.publicKeySpki)) },
  ];
  const resources = await Promise.all(listed.map((file) => datapackageResource(file.path, file.data)));
  const checksums: WaczFile = {
    path: CHECKSUMS_FILE,
    data: utf8(formatChecksums(resources.map((r) => ({ path: r.path, sha256: r.hash.slice('sha256:'.length) })))),
  };
  resources.push(await datapackageResource(checksums.path, checksums.data));

  const first = collected[0]?.summary;
  const datapackage: Datapackage = {
    profile: WACZ_PROFILE,
    wacz_version: WACZ_VERSION,
    title: collected.length === 1 && first ? `PostProof capture: ${built.pages[0]?.title ?? first.id}` : `PostProof: ${collected.length} captures`,
    description: describeCaptures(collected),
    created,
    modified: created,
    software,
    resources,
  };
  const datapackageBytes = serializeJson(datapackage);
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
  const all: WaczFile[] = [...listed, checksums, { path: DATAPACKAGE_FILE, data: datapackageBytes }, { path: DIGEST_FILE, data: serializeJson(digest) }];
  if (all.reduce((sum, file) => sum + file.data.length + 128 + 2 * file.path.length, 22) > MAX_BUNDLE_BYTES) throw tooLarge();
  onProgress?.({ done: 1, total: 1, phase: 'summaries' });

  const zip = new JSZip();
  const date = new Date(created);
  for (const file of all) zip.file(file.path, file.data, { binary: true, date, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' }, (meta) => onProgress?.({ done: Math.round(meta.percent), total: 100, phase: 'zip' }));
}
