// Shape checks shared by both formats' verifiers for the signed JSON they read (a capture record, a file entry), so
// neither trusts a field it did not check.

import { CAPTURE_FORMAT, type CaptureRecord } from '../model';

export const HEX64 = /^[0-9a-f]{64}$/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFileEntry(value: unknown): boolean {
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
