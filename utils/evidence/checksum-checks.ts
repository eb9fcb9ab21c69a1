// SHA256SUMS and its signature, in both evidence formats: the one list a person checks with stock tools (openssl dgst
// -verify, then sha256sum -c), so it must be signed by the exporting key and list every file but itself and its
// signature, once, exactly as the archive holds it.

import { verifyDer } from '../provenance/ecdsa';
import type { EvidenceFiles } from './evidence-files';
import type { VerifyCheck } from './verify-types';

export const CHECKSUMS_FILE = 'SHA256SUMS';
export const CHECKSUMS_SIGNATURE_FILE = 'SHA256SUMS.sig';

/** The strict form PostProof writes (`<hex>  <path>`, one per line): what `sha256sum --strict -c` reads the same way. */
const LINE = /^([0-9a-f]{64}) {2}([^\n\r]+)$/;

export function formatChecksums(lines: readonly { sha256: string; path: string }[]): string {
  return lines.map((line) => `${line.sha256}  ${line.path}\n`).join('');
}

/** Parses SHA256SUMS as written; null with the offending line when one is not in that form. */
export function parseChecksums(text: string): { lines: { sha256: string; path: string }[] } | { bad: string } {
  if (text.length > 0 && !text.endsWith('\n')) return { bad: text.slice(text.lastIndexOf('\n') + 1) };
  const lines: { sha256: string; path: string }[] = [];
  for (const raw of text.split('\n').slice(0, -1)) {
    const match = LINE.exec(raw);
    if (!match) return { bad: raw };
    lines.push({ sha256: match[1]!, path: match[2]! });
  }
  return { lines };
}

/**
 * Checks SHA256SUMS.sig with the exporting key and SHA256SUMS against the archive, both ways: every file listed once
 * with its SHA-256, every listed file present. Returns whether the whole list holds.
 */
export async function checkSignedChecksums(files: EvidenceFiles, key: CryptoKey | undefined, checks: VerifyCheck[]): Promise<boolean> {
  const list = files.read(CHECKSUMS_FILE, 'a checksum list');
  const signature = files.read(CHECKSUMS_SIGNATURE_FILE, 'a signature');
  if (typeof list === 'string' || typeof signature === 'string') {
    checks.push({ check: 'checksums-signature', file: typeof list === 'string' ? CHECKSUMS_FILE : CHECKSUMS_SIGNATURE_FILE, ok: false, message: `${typeof list === 'string' ? list : signature} Without the signed list of files, nothing binds the files to the signing key.` });
    return false;
  }
  const signed = key ? await verifyDer(key, list, signature) : false;
  checks.push(
    signed
      ? { check: 'checksums-signature', file: CHECKSUMS_SIGNATURE_FILE, ok: true, message: `The signature on ${CHECKSUMS_FILE} verifies with the signing key: the list of files is as it was exported.` }
      : { check: 'checksums-signature', file: CHECKSUMS_FILE, ok: false, message: `The signature in ${CHECKSUMS_SIGNATURE_FILE} does not match ${CHECKSUMS_FILE}${key ? '' : ' (no usable signing key)'}: the list of files was changed after export, or signed by another key.` },
  );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(list);
  } catch {
    checks.push({ check: 'checksums', file: CHECKSUMS_FILE, ok: false, message: `${CHECKSUMS_FILE} is not text.` });
    return false;
  }
  const parsed = parseChecksums(text);
  if ('bad' in parsed) {
    checks.push({ check: 'checksums', file: CHECKSUMS_FILE, ok: false, message: `This line is not in the form sha256sum writes: ${JSON.stringify(parsed.bad.slice(0, 120))}` });
    return false;
  }
  const before = checks.length;
  const listed = new Map<string, string>();
  for (const { path, sha256 } of parsed.lines) {
    if (listed.has(path)) checks.push({ check: 'checksums', file: path, ok: false, message: `${CHECKSUMS_FILE} lists this file twice.` });
    else if (!files.has(path) || path === CHECKSUMS_FILE || path === CHECKSUMS_SIGNATURE_FILE) checks.push({ check: 'checksums', file: path, ok: false, message: `${CHECKSUMS_FILE} lists this file, but the archive does not hold it; "sha256sum -c" fails.` });
    listed.set(path, sha256);
  }
  const covered = files.names().filter((name) => name !== CHECKSUMS_FILE && name !== CHECKSUMS_SIGNATURE_FILE);
  for (const name of covered) {
    const expected = listed.get(name);
    if (expected === undefined) checks.push({ check: 'checksums', file: name, ok: false, message: `This file is not in the signed ${CHECKSUMS_FILE}: it was added after export.` });
    else if (files.sha256(name) !== expected) checks.push({ check: 'checksums', file: name, ok: false, message: `The file’s SHA-256 differs from the signed ${CHECKSUMS_FILE}: it was changed after export ("sha256sum -c" reports FAILED).` });
  }
  if (checks.length === before) checks.push({ check: 'checksums', file: CHECKSUMS_FILE, ok: true, message: `All ${covered.length} files match ${CHECKSUMS_FILE}, and it lists no other.` });
  return signed && checks.length === before + 1;
}
