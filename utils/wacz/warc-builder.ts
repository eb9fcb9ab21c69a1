// Builds archive/data.warc for a set of checked captures (FORMATS.md §3, §8): a warcinfo record; per capture a
// resource record for each artifact, then metadata records with the exact capture.json bytes, its signature and
// its RFC 3161 tokens; then the timestamp authorities' certificates. Returns the WARC, its CDXJ entries and pages.

import type { BundleFile, CollectedCapture } from '../bundle/bundle-writer';
import { authorLabel } from '../bundle/capture-summary';
import { CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, captureFilePath } from '../bundle/layout';
import { utf8 } from '../provenance/hash';
import type { CdxjEntry } from './cdxj';
import { artifactTargetUris, capturePageUrl } from './capture-targets';
import { ARTIFACT_PATH_FIELD, captureMetadataUri, PAGE_ID_FIELD, tsaMetadataUri, WARC_NAME } from './layout';
import type { WaczPage } from './pages';
import { serializeWarcRecord, type WarcRecordInput } from './warc-record';

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

const TITLE_TEXT_LENGTH = 80;

function pageTitle(capture: CollectedCapture<BundleFile>): string {
  const { summary } = capture;
  const author = authorLabel(summary.authorName, summary.authorHandle);
  const text = (summary.text ?? '').replace(/\s+/g, ' ').trim();
  const short = text.length > TITLE_TEXT_LENGTH ? `${text.slice(0, TITLE_TEXT_LENGTH - 1)}…` : text;
  return [author, short].filter(Boolean).join(': ') || capturePageUrl(summary);
}

function warcinfoBlock(options: WarcBuildOptions): Uint8Array {
  const fields = [
    ['software', options.software],
    ['format', 'WARC File Format 1.1'],
    ['conformsTo', 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
    ['description', 'Social-media posts preserved as evidence by PostProof. Each capture has a metadata record (metadata://postproof/<id>) with its signed capture.json.'],
  ];
  return utf8(fields.map(([name, value]) => `${name}: ${value}\r\n`).join(''));
}

/** Appends records one at a time and notes where each one starts, for the index. */
class WarcAppender {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  readonly index: CdxjEntry[] = [];

  async add(input: WarcRecordInput, indexed: boolean): Promise<void> {
    const record = await serializeWarcRecord(input);
    if (indexed && input.targetUri !== undefined) {
      this.index.push({
        url: input.targetUri,
        date: input.date,
        digest: record.blockDigest,
        mime: input.contentType,
        offset: this.size,
        length: record.bytes.length,
        recordDigest: record.recordDigest,
        status: 200,
        filename: WARC_NAME,
      });
    }
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

async function addCapture(warc: WarcAppender, capture: CollectedCapture<BundleFile>, newId: () => string): Promise<WaczPage> {
  const { summary } = capture;
  const byPath = new Map(capture.files.map((file) => [file.path, file.data]));
  const read = (relative: string): Uint8Array => {
    const data = byPath.get(captureFilePath(summary.id, relative));
    if (!data) throw new Error(`The file ${relative} of capture ${summary.id} was not collected.`);
    return data;
  };
  const date = summary.capturedAt;
  const pageField = [PAGE_ID_FIELD, summary.id] as const;
  const targets = artifactTargetUris(summary);
  for (const artifact of summary.artifacts) {
    await warc.add(
      {
        type: 'resource',
        recordId: newId(),
        date,
        targetUri: targets.get(artifact.path)!,
        contentType: artifact.mediaType,
        block: read(artifact.path),
        fields: [pageField, [ARTIFACT_PATH_FIELD, artifact.path]],
      },
      true,
    );
  }
  const recordId = newId();
  await warc.add(
    { type: 'metadata', recordId, date, targetUri: captureMetadataUri(summary.id), contentType: 'application/json', block: read(CAPTURE_RECORD_FILE), fields: [pageField] },
    true,
  );
  const sidecars: { file: string; contentType: string }[] = [
    { file: CAPTURE_SIGNATURE_FILE, contentType: 'application/octet-stream' },
    ...summary.timestamps.map((t) => ({ file: t.file, contentType: 'application/timestamp-reply' })),
  ];
  for (const { file, contentType } of sidecars) {
    await warc.add(
      { type: 'metadata', recordId: newId(), date, targetUri: captureMetadataUri(summary.id, file), contentType, block: read(file), fields: [pageField, ['WARC-Refers-To', `<${recordId}>`]] },
      true,
    );
  }
  return { id: summary.id, url: capturePageUrl(summary), ts: date, title: pageTitle(capture), ...(summary.text ? { text: summary.text } : {}) };
}

/** `captures` in the order they are to appear (sequence order). */
export async function buildWarc(captures: readonly CollectedCapture<BundleFile>[], options: WarcBuildOptions): Promise<BuiltWarc> {
  const newId = options.newRecordId ?? (() => `urn:uuid:${crypto.randomUUID()}`);
  const warc = new WarcAppender();
  await warc.add(
    { type: 'warcinfo', recordId: newId(), date: options.created, contentType: 'application/warc-fields', block: warcinfoBlock(options), fields: [['WARC-Filename', WARC_NAME]] },
    false,
  );
  const pages: WaczPage[] = [];
  for (const capture of captures) pages.push(await addCapture(warc, capture, newId));
  for (const [tsaId, pem] of options.tsaPems) {
    await warc.add({ type: 'metadata', recordId: newId(), date: options.created, targetUri: tsaMetadataUri(tsaId), contentType: 'application/x-pem-file', block: utf8(pem) }, true);
  }
  return { warc: warc.bytes(), index: warc.index, pages };
}
