// Builds archive/data.warc for a set of checked captures (FORMATS.md §3, §8, docs/wacz.md): a warcinfo record; per
// capture a resource record for each artifact (a response record for each witness response), then metadata records
// with the exact capture.json bytes, its signature, an imported capture's own key and its RFC 3161 tokens; then the
// timestamp authorities' certificates. Returns the WARC, its CDXJ entries and pages. Every header comes from
// warc-layout.ts, as the verifier expects it.

import type { BundleFile, CollectedCapture } from '../../evidence/collect-capture';
import { CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE, captureFilePath } from '../../evidence/capture-layout';
import { utf8 } from '../../provenance/hash';
import { indexEntry, type CdxjEntry, type ResponseIndex } from './cdxj';
import { targetsInOrder } from './capture-targets';
import { capturePage, type WaczPage } from './pages';
import { artifactHead, captureRecordHead, sidecarHead, tsaHead, warcinfoBlock, warcinfoHead, witnessHead, type RecordHead } from './warc-layout';
import { witnessIndex, witnessResponseBlock } from './witness-response';
import { serializeWarcRecord } from './warc-record';

export interface BuiltWarc {
  warc: Uint8Array;
  index: CdxjEntry[];
  pages: WaczPage[];
}

export interface WarcBuildOptions {
  software: string;
  created: string;
  /** PEM text of each timestamp authority's certificates, by tsaId (only the ones that stamped these captures). */
  tsaPems: ReadonlyMap<string, string>;
  newRecordId?: () => string;
}

/** Appends records one at a time and notes where each one starts, for the index. */
class WarcAppender {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  readonly index: CdxjEntry[] = [];

  /** `response`: what the index says of a response record (its status, body type and digest). */
  async add(head: RecordHead, block: Uint8Array, response?: ResponseIndex): Promise<void> {
    const record = await serializeWarcRecord({ ...head, block });
    if (head.type !== 'warcinfo') this.index.push(indexEntry(head, { offset: this.size, length: record.bytes.length, blockDigest: record.blockDigest, recordDigest: record.recordDigest }, response));
    this.chunks.push(record.bytes);
    this.size += record.bytes.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

async function addCapture(warc: WarcAppender, capture: CollectedCapture<BundleFile>, targets: ReadonlyMap<string, string>, newId: () => string): Promise<void> {
  const { summary } = capture;
  const byPath = new Map(capture.files.map((file) => [file.path, file.data]));
  const read = (relative: string): Uint8Array => {
    const data = byPath.get(captureFilePath(summary.id, relative));
    if (!data) throw new Error(`The file ${relative} of capture ${summary.id} was not collected.`);
    return data;
  };
  for (const artifact of summary.artifacts) {
    const target = targets.get(artifact.path)!;
    if (artifact.role === 'second-witness') await warc.add(witnessHead(newId(), summary, artifact, target), witnessResponseBlock(artifact, read(artifact.path)), witnessIndex(artifact));
    else await warc.add(artifactHead(newId(), summary, artifact, target), read(artifact.path));
  }
  const recordId = newId();
  await warc.add(captureRecordHead(recordId, summary), read(CAPTURE_RECORD_FILE));
  const imported = byPath.has(captureFilePath(summary.id, CAPTURE_SIGNER_FILE));
  const sidecars = [CAPTURE_SIGNATURE_FILE, ...(imported ? [CAPTURE_SIGNER_FILE] : []), ...summary.timestamps.map((t) => t.file)];
  for (const file of sidecars) await warc.add(sidecarHead(newId(), summary, file, recordId), read(file));
}

/** `captures` in the order they are to appear (sequence order). */
export async function buildWarc(captures: readonly CollectedCapture<BundleFile>[], options: WarcBuildOptions): Promise<BuiltWarc> {
  const newId = options.newRecordId ?? (() => `urn:uuid:${crypto.randomUUID()}`);
  const warc = new WarcAppender();
  await warc.add(warcinfoHead(newId(), options.created), warcinfoBlock(options.software));
  const targets = targetsInOrder(captures.map((c) => c.summary));
  for (const capture of captures) await addCapture(warc, capture, targets.get(capture.summary.id)!, newId);
  for (const [tsaId, pem] of options.tsaPems) await warc.add(tsaHead(newId(), tsaId, options.created), utf8(pem));
  return { warc: warc.bytes(), index: warc.index, pages: captures.map((c) => capturePage(c.summary)) };
}
