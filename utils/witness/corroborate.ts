// One witness reading turned into capture.json's corroboration block: the same function at capture and in the
// verifier, so the block a record carries can be recomputed from the bundle's own witness files.
import type { Corroboration, PostRecord } from '../model';
import { compareFields, statusOf } from './compare';
import type { WitnessReading, WitnessResponse, WitnessSource } from './source';

/**
 * HTTP 410 Gone says, on any platform, that the resource is no longer there and will not be again (RFC 9110 §15.5.11):
 * a source that found no other reading in such an answer is overruled to "not served".
 */
function goneOr(reading: WitnessReading, responses: readonly WitnessResponse[]): WitnessReading {
  const gone = responses.find((response) => response.status === 410);
  if (reading.kind !== 'unavailable' || !gone) return reading;
  return { kind: 'not-served', reason: `${new URL(gone.url).host} answered 410 Gone: the post is no longer served.` };
}

export async function corroborate(
  source: WitnessSource,
  post: PostRecord,
  responses: readonly WitnessResponse[],
  files: readonly string[],
  fetchedAt: string,
  failure?: string,
): Promise<Corroboration> {
  const base = { source: source.id, fetchedAt, files: [...files] };
  // A source reads even a partial witness first: a 404 before the last step is still "not served".
  const read = await source.read(post, responses).catch((error: unknown): WitnessReading => ({ kind: 'unavailable', reason: `The witness could not be read: ${String(error)}` }));
  const reading = goneOr(read, responses);
  if (reading.kind !== 'served') {
    const reason = reading.kind === 'unavailable' && failure ? failure : reading.reason;
    return { ...base, status: reading.kind, reason, fields: [] };
  }
  const fields = compareFields(post, reading.fields, (url) => source.mediaIdOf(url));
  const proofFailed = reading.proof && !reading.proof.verified;
  return {
    ...base,
    status: proofFailed ? 'differs' : statusOf(fields),
    ...(proofFailed ? { reason: `The platform's proof did not verify: ${reading.proof!.detail}` } : {}),
    fields,
    ...(reading.proof ? { proof: reading.proof } : {}),
  };
}
