// Shape check for the bundle's signed manifest.json, so the verifier never trusts a field it did not check.

import { BUNDLE_FORMAT, SIGNATURE_ALGORITHM, type BundleManifest } from '../../model';
import { isFileEntry, isObject } from '../../evidence/record-shapes';
import { SIGNER_KEY_FILE } from './layout';

/** Why `value` is not a bundle manifest, or null when it is one. */
export function manifestProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.format !== BUNDLE_FORMAT) return `its format is ${JSON.stringify(value.format)}, not "${BUNDLE_FORMAT}"`;
  const signer = value.signer;
  if (!isObject(signer) || signer.algorithm !== SIGNATURE_ALGORITHM || typeof signer.keyId !== 'string') return 'its signer entry is missing or not ECDSA P-384';
  if (signer.publicKeyFile !== SIGNER_KEY_FILE) return `its public key file is not ${SIGNER_KEY_FILE}`;
  if (!Array.isArray(value.captures) || !value.captures.every((id) => typeof id === 'string')) return 'its list of captures is missing or damaged';
  if (!Array.isArray(value.files) || !value.files.every(isFileEntry)) return 'its list of files is missing or damaged';
  return null;
}

export function asManifest(value: unknown): BundleManifest | null {
  return manifestProblem(value) === null ? (value as BundleManifest) : null;
}
