// One witness reading turned into capture.json's corroboration block: the same function at capture and in the
// verifier, so the block a record carries can be recomputed from the bundle's own witness files.
import type { Corroboration, PostRecord } from '../model';
import { compareFields, statusOf } from './compare';
import type { WitnessResponse, WitnessSource } from './source';

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
  const reading = await source.read(post, responses).catch((error: unknown) => ({ kind: 'unavailable' as const, reason: `The witness could not be read: ${String(error)}` }));
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
