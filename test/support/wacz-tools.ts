// Test-only: what a key holder can do to an exported WACZ (change its files, then sign everything again), tokens from
// a real openssl TSA, and WARC edits (a record appended, an index line added).

import JSZip from 'jszip';
import type { TestTsa } from './tsa';
import type { BundleCaptureSource, BundleSigner, BundleTsaChain } from '../../utils/formats/bundle/types';
import { formatChecksums } from '../../utils/evidence/checksum-checks';
import { spkiToPem } from '../../utils/provenance/ecdsa';
import { sha256Hex, toBase64, utf8 } from '../../utils/provenance/hash';
import { buildTimestampRequest } from '../../utils/provenance/tsa-client';
import { checkTimestampResponse } from '../../utils/provenance/tsa-token';
import { cdxjLine, formatCdxj, indexEntry } from '../../utils/formats/wacz/cdxj';
import { datapackageResource, serializeJson, signDatapackage, type Datapackage, type DatapackageDigest } from '../../utils/formats/wacz/datapackage';
import { CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE, DATAPACKAGE_FILE, DIGEST_FILE, INDEX_FILE, KEY_FILE, LISTED_FILES, WARC_FILE } from '../../utils/formats/wacz/layout';
import type { DatapackageStamp } from '../../utils/formats/wacz/wacz-writer';
import { parseWarc, serializeWarcRecord, type WarcRecordInput } from '../../utils/formats/wacz/warc-record';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The files of a WACZ (or any ZIP), by name, in ZIP order. */
export async function unpack(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const loaded = await JSZip.loadAsync(zip);
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(loaded.files)) if (!loaded.files[name]!.dir) files.set(name, await loaded.file(name)!.async('uint8array'));
  return files;
}

/** Packs files again, in the given order, every entry STORED (what the strict reader accepts). */
export async function pack(files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data, { createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** A token over SHA-256 of `data` from the openssl TSA, with the certificates it carried. */
export async function tokenFrom(tsa: TestTsa, data: Uint8Array): Promise<{ tsr: Uint8Array; certificates: Uint8Array[]; genTime: string }> {
  const sha256 = await sha256Hex(data);
  const tsr = new Uint8Array(await tsa.reply(buildTimestampRequest(sha256).der));
  const info = await checkTimestampResponse(tsr, { sha256, data });
  return { tsr, certificates: info.certificates, genTime: info.genTime };
}

/** A stamper for writeWacz's datapackage.json, by the openssl TSA. */
export function datapackageStamper(tsa: TestTsa, tsaName = 'Test TSA'): (bytes: Uint8Array) => Promise<DatapackageStamp> {
  return async (bytes) => ({ ...(await tokenFrom(tsa, bytes)), tsaName, tsaUrl: 'http://127.0.0.1/tsr' });
}

/** Adds a token of the openssl TSA to a capture (as the stamp queue would have), and the authority's chain to `chains`. */
export async function stampCapture(source: BundleCaptureSource, tsa: TestTsa, tsaId: string, chains: Map<string, BundleTsaChain>): Promise<BundleCaptureSource> {
  const token = await tokenFrom(tsa, source.stored.recordBytes);
  chains.set(tsaId, { name: `Authority ${tsaId}`, url: `https://${tsaId}.example/tsr`, certificates: token.certificates });
  return { ...source, stamps: [...(source.stamps ?? []), { tsaId, tsaName: `Authority ${tsaId}`, tsr: token.tsr, genTime: token.genTime }] };
}

/** The package entry "timestamp" for a token over `datapackageBytes`. */
export async function packageTimestamp(tsa: TestTsa, datapackageBytes: Uint8Array, tsaName: string): Promise<NonNullable<DatapackageDigest['timestamp']>> {
  const { tsaPem } = await import('../../utils/evidence/tsa-pem');
  const token = await tokenFrom(tsa, datapackageBytes);
  const tsaUrl = 'https://tsa.example/tsr';
  return { type: 'rfc3161', imprint: DATAPACKAGE_FILE, tsr: toBase64(token.tsr), tsaChain: await tsaPem({ name: tsaName, url: tsaUrl, certificates: token.certificates }), tsa: tsaName, tsaUrl };
}

export interface WaczChange {
  /** Changes the listed files (archive/data.warc, indexes/index.cdx, pages/pages.jsonl, VERIFY.txt, signer.pem). */
  files?: (files: Map<string, Uint8Array>) => void | Promise<void>;
  datapackage?: (datapackage: Datapackage) => void;
  /** Signs datapackage-digest.json (default: the same signer as everything else). */
  digestSigner?: BundleSigner;
  /** Sets the package token (default: none, as a forger without a timestamp authority's help has no new one). */
  timestamp?: (datapackageBytes: Uint8Array) => Promise<DatapackageDigest['timestamp']>;
}

/**
 * What a key holder can do to an exported WACZ: change its files, then sign everything again with `signer` (the genuine
 * key, or another one, whose signer.pem then replaces the WACZ's): datapackage.json's resources made again, its digest
 * signed anew, SHA256SUMS and SHA256SUMS.sig remade.
 */
export async function resealWacz(zip: Uint8Array, signer: BundleSigner, change: WaczChange = {}): Promise<Uint8Array> {
  const files = await unpack(zip);
  files.set(KEY_FILE, utf8(spkiToPem(signer.publicKeySpki)));
  await change.files?.(files);
  const datapackage = JSON.parse(text(files.get(DATAPACKAGE_FILE))) as Datapackage;
  // The thread records (threads/<id>/thread.json and .sig) are listed after the five fixed files, as the writer lists them.
  const listed = [...LISTED_FILES, ...[...files.keys()].filter((path) => /^threads\/[^/]+\/thread\.json(\.sig)?$/.test(path))];
  datapackage.resources = await Promise.all(listed.map((path) => datapackageResource(path, files.get(path)!)));
  change.datapackage?.(datapackage);
  const datapackageBytes = serializeJson(datapackage);
  const digest = await signDatapackage(datapackageBytes, { created: datapackage.created, software: datapackage.software }, change.digestSigner ?? signer);
  const timestamp = await change.timestamp?.(datapackageBytes);
  if (timestamp) digest.timestamp = timestamp;
  const out = new Map<string, Uint8Array>(listed.map((path) => [path, files.get(path)!]));
  out.set(DATAPACKAGE_FILE, datapackageBytes);
  out.set(DIGEST_FILE, serializeJson(digest));
  const sums = utf8(formatChecksums(await Promise.all([...out].map(async ([path, data]) => ({ path, sha256: await sha256Hex(data) })))));
  out.set(CHECKSUMS_FILE, sums);
  out.set(CHECKSUMS_SIGNATURE_FILE, await signer.sign(sums));
  return pack(out);
}

/** Appends a record to data.warc and, when `indexed`, its line to index.cdx (sorted again), as a forger making it replay would. */
export async function appendWarcRecord(files: Map<string, Uint8Array>, input: WarcRecordInput, indexed = true): Promise<void> {
  const warc = files.get(WARC_FILE)!;
  const record = await serializeWarcRecord(input);
  files.set(WARC_FILE, new Uint8Array([...warc, ...record.bytes]));
  if (!indexed) return;
  const line = cdxjLine(indexEntry(input, { offset: warc.length, length: record.bytes.length, blockDigest: record.blockDigest, recordDigest: record.recordDigest }));
  const lines = [...text(files.get(INDEX_FILE)).split('\n').filter(Boolean).map((l) => `${l}\n`), line].sort();
  files.set(INDEX_FILE, utf8(lines.join('')));
}

export interface WarcPiece {
  /** The header, "WARC/1.1" to the empty line, as text. */
  head: string;
  block: Uint8Array;
}

/**
 * Lets `edit` change, drop or reorder the WARC's records (header text and block), then writes data.warc again with a
 * new index, as a key holder keeping replay working would.
 */
export async function rewriteWarc(files: Map<string, Uint8Array>, edit: (records: WarcPiece[]) => WarcPiece[]): Promise<void> {
  const warc = files.get(WARC_FILE)!;
  const pieces = parseWarc(warc).records.map((r) => ({ head: text(warc.subarray(r.offset, r.offset + r.headLength)), block: r.block }));
  const chunks = edit(pieces).map((piece) => new Uint8Array([...utf8(piece.head), ...piece.block, 13, 10, 13, 10]));
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, chunk) => (bytes.set(chunk, at), at + chunk.length), 0);
  files.set(WARC_FILE, bytes);
  const entries = [];
  for (const record of parseWarc(bytes).records) {
    if (record.fields.get('warc-type') === 'warcinfo') continue;
    const head = { targetUri: record.fields.get('warc-target-uri'), date: record.fields.get('warc-date')!, contentType: record.fields.get('content-type')! };
    const recordDigest = `sha256:${await sha256Hex(bytes.subarray(record.offset, record.offset + record.length))}`;
    entries.push(indexEntry(head, { offset: record.offset, length: record.length, blockDigest: `sha256:${await sha256Hex(record.block)}`, recordDigest }));
  }
  files.set(INDEX_FILE, utf8(formatCdxj(entries)));
}
