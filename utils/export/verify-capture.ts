// "Verify this capture" in the dashboard: the capture is packed into an evidence bundle in memory, exactly as an
// export would, and that bundle goes through the same verifier as any received bundle, pinned to this install's own
// key (it made the bundle a moment ago). Nothing is downloaded or logged.
import { verifyBundle } from '../formats/bundle/bundle-verifier';
import { writeBundle } from '../formats/bundle/bundle-writer';
import type { VerifyReport } from '../formats/bundle/types';
import { captureSources, installSigner } from './export';
import { getOrCreateInstallKey } from '../store/install-key';
import { softwareName } from '../extension/software';
import { tsaChainsById } from '../store/stamps';
import type { PostProofDb } from '../store/db';

export async function verifyStoredCapture(db: PostProofDb, captureId: string, version: string): Promise<VerifyReport> {
  const key = await getOrCreateInstallKey(db);
  const bytes = await writeBundle({
    captures: captureSources(db, [captureId]),
    signer: installSigner(key),
    software: softwareName(version),
    tsaChains: await tsaChainsById(db),
  });
  return verifyBundle(bytes, { expectKey: key.keyId });
}
