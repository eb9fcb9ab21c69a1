// Test-only: a capture holding second-witness responses, signed as the capture pipeline signs one, and a key holder's
// edit of a WARC record that keeps the WARC well formed (Content-Length and digests made again) and its index in step
// with the edit, so that what the verifier then refuses is the edit itself.

import { createHash } from 'node:crypto';
import type { TestKey } from '../../../test/support/bundle-captures';
import { rewriteWarc, type WarcPiece } from '../../../test/support/wacz-tools';
import type { BundleCaptureSource } from '../../evidence/capture-source';
import type { CaptureRecord } from '../../model';
import { signDer } from '../../provenance/ecdsa';
import { sha256Hex, utf8 } from '../../provenance/hash';
import type { WitnessResponse } from '../../witness/source';
import { witnessEntry, witnessPath } from '../../witness/witness-files';
import { formatCdxj, indexEntry, type ResponseIndex } from './cdxj';
import { INDEX_FILE, WARC_FILE } from './layout';
import { parseWarc, type ParsedWarcRecord } from './warc-record';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export type TestWitness = WitnessResponse & { ext: string };

/** The capture with `witnesses` kept as witness/<n>-<name>.<ext> files, its record signed again by `key`. */
export async function withWitness(source: BundleCaptureSource, key: TestKey, witnesses: readonly TestWitness[]): Promise<BundleCaptureSource> {
  const record = JSON.parse(text(source.stored.recordBytes)) as CaptureRecord;
  const bodies = new Map<string, Uint8Array>();
  for (const [index, witness] of witnesses.entries()) {
    const path = witnessPath(index + 1, witness.name, witness.ext);
    record.artifacts.push({ ...witnessEntry(path, witness), sha256: await sha256Hex(witness.body) });
    bodies.set(path, witness.body);
  }
  const recordBytes = utf8(JSON.stringify(record, null, 2));
  return {
    ...source,
    stored: { ...source.stored, recordBytes, recordSha256: await sha256Hex(recordBytes), signature: await signDer(key.privateKey, recordBytes) },
    readArtifact: async (path) => bodies.get(path) ?? source.readArtifact(path),
  };
}

/** The HTTP body of a response block: after its first empty line. */
function httpBody(block: Uint8Array): Uint8Array {
  const at = Buffer.from(block).indexOf('\r\n\r\n');
  return at < 0 ? new Uint8Array() : block.subarray(at + 4);
}

/** Content-Length and the digests of a record's header made again for its (edited) block, by its WARC-Type. */
function refreshed(piece: WarcPiece): WarcPiece {
  const type = /\r\nWARC-Type: (\S+)\r\n/.exec(piece.head)?.[1];
  const payload = type === 'response' ? sha256(httpBody(piece.block)) : sha256(piece.block);
  const head = piece.head
    .replace(/\r\nWARC-Block-Digest: [^\r]*/, `\r\nWARC-Block-Digest: ${sha256(piece.block)}`)
    .replace(/\r\nWARC-Payload-Digest: [^\r]*/, `\r\nWARC-Payload-Digest: ${payload}`)
    .replace(/\r\nContent-Length: \d+\r\n\r\n$/, `\r\nContent-Length: ${piece.block.length}\r\n\r\n`);
  return { ...piece, head };
}

/** What a forger's index says of a response record: the status and type its HTTP head gives, its payload digest. */
function forgedResponseIndex(record: ParsedWarcRecord): ResponseIndex | undefined {
  if (record.fields.get('warc-type') !== 'response') return undefined;
  const head = text(record.block.subarray(0, record.block.length - httpBody(record.block).length));
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
    mime: /\r\ncontent-type: ([^;\r]*)/i.exec(head)?.[1]?.trim() ?? '',
    payloadDigest: record.fields.get('warc-payload-digest') ?? '',
  };
}

/**
 * Lets `edit` change the records whose WARC-Target-URI is `uri` (header text and block), makes their Content-Length
 * and digests again, and writes the index for the WARC as it now is.
 */
export async function forgeRecords(files: Map<string, Uint8Array>, uri: string, edit: (piece: WarcPiece) => WarcPiece): Promise<void> {
  await rewriteWarc(files, (records) => records.map((r) => (r.head.includes(`\r\nWARC-Target-URI: ${uri}\r\n`) ? refreshed(edit(r)) : r)));
  const warc = files.get(WARC_FILE)!;
  const entries = parseWarc(warc)
    .records.filter((record) => record.fields.get('warc-type') !== 'warcinfo')
    .map((record) =>
      indexEntry(
        { targetUri: record.fields.get('warc-target-uri'), date: record.fields.get('warc-date')!, contentType: record.fields.get('content-type')! },
        { offset: record.offset, length: record.length, blockDigest: sha256(record.block), recordDigest: sha256(warc.subarray(record.offset, record.offset + record.length)) },
        forgedResponseIndex(record),
      ),
    );
  files.set(INDEX_FILE, utf8(formatCdxj(entries)));
}
