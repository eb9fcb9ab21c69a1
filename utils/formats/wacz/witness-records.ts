// The verifier's side of a witness response (witness-response.ts): the one response record a second-witness artifact
// calls for, at its target and the capture's time, whose block is the HTTP head the signed entry makes followed by a
// body of the signed length and SHA-256, under the WARC header the writer writes. Anything else fails, naming the record.

import type { ArtifactEntry } from '../../model';
import type { VerifyCheck } from '../../evidence/verify-types';
import { firstDifferentLine, sameBytes } from '../../evidence/text-compare';
import { errorMessage } from '../../error-message';
import { sha256Hex } from '../../provenance/hash';
import { WARC_FILE } from './layout';
import type { RecordClaims } from './record-claims';
import { witnessHead } from './warc-layout';
import { describeRecord, type WarcEntry } from './warc-reading';
import { witnessIndex, witnessResponseHead } from './witness-response';

const HEAD_END = [13, 10, 13, 10];

/** The block's HTTP head as written, up to its empty line (the whole block when it has none): for the message. */
function headOf(block: Uint8Array): Uint8Array {
  for (let i = 0; i + HEAD_END.length <= block.length; i++) if (HEAD_END.every((b, j) => block[i + j] === b)) return block.subarray(0, i + HEAD_END.length);
  return block;
}

/** Why no response record was found: a record of another type at the address says what it was written as. */
function missingMessage(claims: RecordClaims, artifact: ArtifactEntry, target: string, date: string): string {
  const other = claims.warc.entries.find((e: WarcEntry) => e.uri === target && e.date === date && e.type !== 'response' && !claims.isTaken(e));
  const instead = other ? `; ${describeRecord(other)} is there instead, but PostProof archives a platform’s answer as a response record, with the status and headers it was signed with` : '';
  return `The witness file ${artifact.path}, listed in the signed capture record, has no response record at this address and the capture’s time in the WARC${instead}.`;
}

/** Checks the witness response of one second-witness artifact; false (with a failed check) when it is not as signed. */
export async function checkWitnessRecord(claims: RecordClaims, capture: { id: string; capturedAt: string }, artifact: ArtifactEntry, target: string, checks: VerifyCheck[]): Promise<boolean> {
  const file = `${WARC_FILE}#${target}`;
  const fail = (message: string) => (checks.push({ check: 'artifact', file, ok: false, message }), false);
  let head: Uint8Array;
  try {
    head = witnessResponseHead(artifact);
  } catch (error) {
    return fail(`The signed record asks for a witness response no WARC can hold (${errorMessage(error)}).`);
  }
  const found = claims.take('response', target, capture.capturedAt);
  if (!found) return fail(missingMessage(claims, artifact, target, capture.capturedAt));
  claims.noteResponse(found, witnessIndex(artifact));
  const { block } = found.record;
  if (!sameBytes(block.subarray(0, head.length), head)) {
    const why = firstDifferentLine(new TextDecoder().decode(head), headOf(block), '\r\n').replace('the signed records give', 'the signed entry gives');
    return fail(`The HTTP head of the archived witness response ${artifact.path} is not the one its signed entry makes: ${why}.`);
  }
  const body = block.subarray(head.length);
  if (body.length !== artifact.bytes || (await sha256Hex(body)) !== artifact.sha256) {
    const size = body.length !== artifact.bytes ? ` (${body.length} bytes where ${artifact.bytes} were signed)` : '';
    return fail(`The archived body of the witness response ${artifact.path} differs from the one recorded and signed at capture time${size}.`);
  }
  return claims.checkHead(found, witnessHead(found.recordId, capture, artifact, target), found.sha256, block.length, checks);
}

/**
 * The body of a witness file as the WARC holds it (the block after the head its signed entry makes), for reading the
 * witness again; a string says why there is none. Only called once checkWitnessRecord has matched the record.
 */
export function witnessBody(claims: RecordClaims, capture: { capturedAt: string }, artifact: ArtifactEntry, target: string): Uint8Array | string {
  const found = claims.warc.entries.find((e) => e.type === 'response' && e.uri === target && e.date === capture.capturedAt);
  if (!found) return `no response record at ${target}`;
  try {
    return found.record.block.subarray(witnessResponseHead(artifact).length);
  } catch (error) {
    return errorMessage(error);
  }
}
