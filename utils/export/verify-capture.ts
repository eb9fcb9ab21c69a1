// "Verify this capture" in the dashboard: the capture is packed into an evidence bundle in memory, exactly as an
// export would, and that bundle goes through the same verifier as any received bundle, pinned to this install's own
// key (it made the bundle a moment ago). Nothing is downloaded or logged.
import { verifyBundle } from '../formats/bundle/bundle-verifier';
import { writeBundle } from '../formats/bundle/bundle-writer';
import type { VerifyReport } from '../evidence/verify-types';
import type { PostProofDb } from '../store/db';
import { signerInputs } from './signer-inputs';
import { captureSources } from './sources';

export async function verifyStoredCapture(db: PostProofDb, captureId: string, version: string): Promise<VerifyReport> {
  const inputs = await signerInputs(db, version);
  const bytes = await writeBundle({ ...inputs, captures: captureSources(db, [captureId]) });
  return verifyBundle(bytes, { expectKey: inputs.signer.keyId });
}
