// A second-witness artifact as the HTTP/1.1 response a WARC `response` record holds (docs/wacz.md, "Witness
// responses"): a head rebuilt from the signed entry alone — the status line, the kept headers in a fixed order, the
// body's length — then the exact body whose hash was signed. The writer writes it and the verifier makes it again, so
// the head says nothing the signed entry does not.

import type { ArtifactEntry } from '../../model';
import { utf8 } from '../../provenance/hash';
import type { ResponseIndex } from './cdxj';
import { reasonPhrase } from './http-reasons';

export const HTTP_RESPONSE_CONTENT_TYPE = 'application/http; msgtype=response';

/** The kept headers as the signed entry names them (lower case), in the order the head gives them, with the name it writes. */
const HEAD_FIELDS: readonly (readonly [key: string, name: string])[] = [
  ['date', 'Date'],
  ['etag', 'ETag'],
  ['last-modified', 'Last-Modified'],
  ['content-type', 'Content-Type'],
];

export type WitnessArtifact = Pick<ArtifactEntry, 'path' | 'bytes' | 'sha256' | 'mediaType' | 'httpStatus' | 'httpHeaders'>;

/** A kept header's value, when the signed entry has one; anything but text there is refused, never written. */
function headerValue(artifact: WitnessArtifact, key: string): string | undefined {
  const headers: unknown = artifact.httpHeaders;
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new Error(`The witness file ${artifact.path} has headers that are not a list of names and values.`);
  if (!Object.hasOwn(headers, key)) return undefined;
  const value: unknown = (headers as Record<string, unknown>)[key];
  if (typeof value !== 'string') throw new Error(`The ${key} header of the witness file ${artifact.path} is not text.`);
  return value;
}

function headLine(artifact: WitnessArtifact, name: string, value: string): string {
  // A CR or LF would end the header and start another: a platform's (or a key holder's) value must not forge one.
  if (/[\r\n]/.test(value)) throw new Error(`The ${name} header of the witness file ${artifact.path} would hold a line break; the record was not written.`);
  return `${name}: ${value}\r\n`;
}

/**
 * The HTTP head, "HTTP/1.1 <code> <phrase>" to the empty line: the phrase from the fixed table (HTTP/2 sends none, and
 * the witness keeps only the code), Date, ETag, Last-Modified and Content-Type as the entry keeps them, Content-Length the body's.
 */
export function witnessResponseHead(artifact: WitnessArtifact): Uint8Array {
  const status: unknown = artifact.httpStatus;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(`The witness file ${artifact.path} has no HTTP status code (${JSON.stringify(status) ?? 'none'}).`);
  }
  let head = `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n`;
  for (const [key, name] of HEAD_FIELDS) {
    const value = headerValue(artifact, key);
    if (value !== undefined) head += headLine(artifact, name, value);
  }
  head += `Content-Length: ${artifact.bytes}\r\n\r\n`;
  return utf8(head);
}

/** The record's block: the head, then the body the entry signed (refused if its length is not the signed one). */
export function witnessResponseBlock(artifact: WitnessArtifact, body: Uint8Array): Uint8Array {
  if (body.length !== artifact.bytes) throw new Error(`The witness file ${artifact.path} has ${body.length} bytes where its record signed ${artifact.bytes}.`);
  const head = witnessResponseHead(artifact);
  const block = new Uint8Array(head.length + body.length);
  block.set(head, 0);
  block.set(body, head.length);
  return block;
}

/** What the index says of the response: its status, the media type of its Content-Type (else the signed one), the body's digest. */
export function witnessIndex(artifact: WitnessArtifact): ResponseIndex {
  const contentType = headerValue(artifact, 'content-type')?.split(';')[0]?.trim();
  return { status: artifact.httpStatus ?? 0, mime: contentType || artifact.mediaType, payloadDigest: `sha256:${artifact.sha256}` };
}
