// One entry for the CLI, the Verify page and tests: a PostProof evidence ZIP or a PostProof WACZ, told apart by content
// (a WACZ has datapackage.json at its root and no manifest.json), never by the file's name.

import { verifyBundle } from './bundle/bundle-verifier';
import { MANIFEST_FILE } from './bundle/layout';
import { asSource } from '../evidence/evidence-files';
import type { VerifyOptions, VerifyReport } from '../evidence/verify-types';
import type { ZipSource } from '../zip/source';
import { StrictZip } from '../zip/strict-reader';
import { DATAPACKAGE_FILE } from './wacz/layout';
import { verifyWacz } from './wacz/wacz-verifier';

/** Whether the archive's directory names a WACZ; an archive the strict reader refuses goes to the bundle verifier, which says why. */
export async function isWacz(source: ZipSource): Promise<boolean> {
  const zip = await StrictZip.open(source);
  if (Array.isArray(zip)) return false;
  const names = new Set(zip.entries.map((entry) => entry.name));
  return names.has(DATAPACKAGE_FILE) && !names.has(MANIFEST_FILE);
}

export async function verifyEvidenceFile(input: ZipSource | Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const source = asSource(input);
  return (await isWacz(source)) ? verifyWacz(source, options) : verifyBundle(source, options);
}
