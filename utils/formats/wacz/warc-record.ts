// WARC 1.1 records (FORMATS.md §3): the one serializer the writer uses and the parser the verifier uses, so the byte
// layout is defined once. A record is "WARC/1.1" CRLF, fields CRLF, CRLF, exactly Content-Length block bytes, CRLF CRLF.

import { sha256Hex, utf8 } from '../../provenance/hash';

export const WARC_VERSION = 'WARC/1.1';
const CRLF = '\r\n';
const RECORD_END = utf8(`${CRLF}${CRLF}`);

export type WarcRecordType = 'warcinfo' | 'resource' | 'response' | 'metadata';

export interface WarcRecordInput {
  type: WarcRecordType;
  /** A URI, written in angle brackets: `urn:uuid:…`. */
  recordId: string;
  /** W3C-DTF UTC; all records of one capture share the capture's time. */
  date: string;
  /** MUST on resource and response, MAY on metadata, MUST NOT on warcinfo. */
  targetUri?: string;
  /** The block's media type. */
  contentType: string;
  block: Uint8Array;
  /** Further fields in the order given (WARC-Page-ID, WARC-Refers-To, …). */
  fields?: readonly (readonly [string, string])[];
  /**
   * Response records only: `sha256:<hex>` of the HTTP body after the block's head, written as WARC-Payload-Digest. A
   * resource record's payload is its whole block, so its payload digest is the block digest.
   */
  payloadDigest?: string;
}

export interface SerializedWarcRecord {
  bytes: Uint8Array;
  /** `sha256:<hex>` of the block: the payload digest for a resource record, whose payload is its whole block. */
  blockDigest: string;
  /** `sha256:<hex>` of the whole serialized record (the CDXJ `recordDigest`). */
  recordDigest: string;
}

function fieldLine(name: string, value: string): string {
  // A CR or LF inside a value would start a new field: a URL from a hostile page must not forge WARC headers.
  if (/[\r\n]/.test(value) || /[\r\n:]/.test(name)) throw new Error(`The WARC field ${name} would hold a line break; the record was not written.`);
  return `${name}: ${value}${CRLF}`;
}

/**
 * The record's header, from "WARC/1.1" to the empty line, for a block of `length` bytes whose digest is `blockDigest`:
 * the writer writes it, and the verifier makes it again for each record and requires the same bytes.
 */
export function warcRecordHead(input: Omit<WarcRecordInput, 'block'>, blockDigest: string, length: number): Uint8Array {
  if (input.type === 'warcinfo' && input.targetUri !== undefined) throw new Error('A warcinfo record may not have a WARC-Target-URI.');
  if ((input.type === 'resource' || input.type === 'response') && input.targetUri === undefined) throw new Error(`A ${input.type} record must have a WARC-Target-URI.`);
  if (input.payloadDigest !== undefined && input.type !== 'response') throw new Error(`A ${input.type} record has no payload digest of its own.`);
  let head = `${WARC_VERSION}${CRLF}`;
  head += fieldLine('WARC-Type', input.type);
  head += fieldLine('WARC-Record-ID', `<${input.recordId}>`);
  head += fieldLine('WARC-Date', input.date);
  if (input.targetUri !== undefined) head += fieldLine('WARC-Target-URI', input.targetUri);
  head += fieldLine('Content-Type', input.contentType);
  for (const [name, value] of input.fields ?? []) head += fieldLine(name, value);
  // WARC 1.1: a payload digest MUST NOT appear on warcinfo or metadata records.
  if (input.type === 'resource') head += fieldLine('WARC-Payload-Digest', blockDigest);
  if (input.payloadDigest !== undefined) head += fieldLine('WARC-Payload-Digest', input.payloadDigest);
  head += fieldLine('WARC-Block-Digest', blockDigest);
  head += fieldLine('Content-Length', String(length));
  head += CRLF;
  return utf8(head);
}

export async function serializeWarcRecord(input: WarcRecordInput): Promise<SerializedWarcRecord> {
  const blockDigest = `sha256:${await sha256Hex(input.block)}`;
  const headBytes = warcRecordHead(input, blockDigest, input.block.length);
  const bytes = new Uint8Array(headBytes.length + input.block.length + RECORD_END.length);
  bytes.set(headBytes, 0);
  bytes.set(input.block, headBytes.length);
  bytes.set(RECORD_END, headBytes.length + input.block.length);
  return { bytes, blockDigest, recordDigest: `sha256:${await sha256Hex(bytes)}` };
}

export interface ParsedWarcRecord {
  /** Where the record starts in the WARC file, and its length up to and including the closing CRLF CRLF. */
  offset: number;
  length: number;
  /** Bytes of the header, "WARC/1.1" to the empty line included: the block starts at offset + headLength. */
  headLength: number;
  /** Field values by lower-cased name (field names are case-insensitive); the first occurrence wins. */
  fields: ReadonlyMap<string, string>;
  block: Uint8Array;
}

export interface ParsedWarc {
  records: ParsedWarcRecord[];
  /** Why parsing stopped early, naming the byte offset; absent when the whole file parsed. */
  problem?: string;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Parses a whole uncompressed WARC; stops at the first record that does not follow the byte layout. */
export function parseWarc(bytes: Uint8Array): ParsedWarc {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const records: ParsedWarcRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const stop = (why: string): ParsedWarc => ({ records, problem: `At byte ${offset}: ${why}` });
    const headEnd = indexOf(bytes, RECORD_END, offset);
    if (headEnd < 0) return stop('a record header never ends (no empty line).');
    const lines = decoder.decode(bytes.subarray(offset, headEnd)).split(CRLF);
    if (lines[0] !== WARC_VERSION && lines[0] !== 'WARC/1.0') return stop(`the record does not start with ${WARC_VERSION}.`);
    const fields = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) return stop(`the header line ${JSON.stringify(line.slice(0, 80))} is not "Name: value".`);
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
    }
    const declared = fields.get('content-length') ?? '';
    if (!/^\d+$/.test(declared)) return stop('the record has no valid Content-Length.');
    const blockStart = headEnd + RECORD_END.length;
    const blockEnd = blockStart + Number(declared);
    if (blockEnd + RECORD_END.length > bytes.length) return stop('the record is longer than the file: Content-Length is wrong or the file was cut.');
    if (indexOf(bytes.subarray(blockEnd, blockEnd + RECORD_END.length), RECORD_END, 0) !== 0) {
      return stop('the block is not followed by CRLF CRLF: Content-Length does not match the block.');
    }
    const length = blockEnd + RECORD_END.length - offset;
    records.push({ offset, length, headLength: blockStart - offset, fields, block: bytes.subarray(blockStart, blockEnd) });
    offset += length;
  }
  return { records };
}

/** Checks a parsed record's WARC-Block-Digest and WARC-Payload-Digest (given the block's SHA-256, if known); returns what does not match. */
export async function warcDigestProblems(record: ParsedWarcRecord, blockSha256?: string): Promise<string[]> {
  const actual = `sha256:${blockSha256 ?? (await sha256Hex(record.block))}`;
  const problems: string[] = [];
  const block = record.fields.get('warc-block-digest');
  if (block !== actual) problems.push(block ? 'its WARC-Block-Digest does not match its block' : 'it has no WARC-Block-Digest');
  const payload = record.fields.get('warc-payload-digest');
  // For a resource record the payload is the whole block.
  if (record.fields.get('warc-type') === 'resource' && payload !== actual) {
    problems.push(payload ? 'its WARC-Payload-Digest does not match its content' : 'it has no WARC-Payload-Digest');
  }
  return problems;
}

/** The record id without its angle brackets. */
export function recordIdOf(record: ParsedWarcRecord): string {
  return (record.fields.get('warc-record-id') ?? '').replace(/^<|>$/g, '');
}
