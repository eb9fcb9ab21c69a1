// Shape checks for the two signed JSON files a bundle carries, so the verifier never trusts a field it did not check.

import { BUNDLE_FORMAT, CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type BundleManifest, type CaptureRecord } from '../../model';
import { SIGNER_KEY_FILE } from './layout';

const HEX64 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFileEntry(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.path === 'string' &&
    Number.isSafeInteger(value.bytes) &&
    (value.bytes as number) >= 0 &&
    typeof value.sha256 === 'string' &&
    HEX64.test(value.sha256)
  );
}

/** Parse UTF-8 JSON bytes; null when they are not JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

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

/** Why `value` is not the capture record of capture `id`, or null when it is. */
export function captureRecordProblem(value: unknown, id: string): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.format !== CAPTURE_FORMAT) return `its format is ${JSON.stringify(value.format)}, not "${CAPTURE_FORMAT}"`;
  if (value.id !== id) return `it names capture ${JSON.stringify(value.id)}, not the folder's ${id}`;
  if (!Number.isSafeInteger(value.sequence)) return 'its sequence number is missing';
  if (value.previousCaptureSha256 !== null && !(typeof value.previousCaptureSha256 === 'string' && HEX64.test(value.previousCaptureSha256))) {
    return 'its link to the previous capture is damaged';
  }
  if (!Array.isArray(value.artifacts) || !value.artifacts.every(isFileEntry)) return 'its list of files is missing or damaged';
  if (!isObject(value.signer) || typeof value.signer.keyId !== 'string') return 'its signer entry is missing';
  return null;
}

export function asCaptureRecord(value: unknown, id: string): CaptureRecord | null {
  return captureRecordProblem(value, id) === null ? (value as CaptureRecord) : null;
}
