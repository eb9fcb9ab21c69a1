// One entry for the CLI and the Verify page: a PostProof evidence ZIP or a PostProof WACZ, told apart by content
// (a WACZ has datapackage.json at its root and no manifest.json), never by the file's name.

import { verifyBundle } from '../bundle/bundle-verifier';
import { MANIFEST_FILE } from '../bundle/layout';
import type { VerifyOptions, VerifyReport } from '../bundle/types';
import { readZipDirectory } from '../bundle/zip-directory';
import { DATAPACKAGE_FILE } from './layout';
import { verifyWacz } from './wacz-verifier';

export function isWacz(bytes: Uint8Array): boolean {
  try {
    const names = new Set(readZipDirectory(bytes).map((entry) => entry.name));
    return names.has(DATAPACKAGE_FILE) && !names.has(MANIFEST_FILE);
  } catch {
    return false;
  }
}

export function verifyEvidenceFile(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  return isWacz(bytes) ? verifyWacz(bytes, options) : verifyBundle(bytes, options);
}
