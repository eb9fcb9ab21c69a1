// Verifies an evidence bundle: the signed manifest, every file's hash, SHA256SUMS, each capture's signed record and
// artifacts and RFC 3161 timestamps, the capture chain and the custody log. Every failure names its file and check;
// nothing is thrown to the caller.

import type { BundleManifest } from '../model';
import { importPublicKeySpki, keyIdFromSpki, pemToSpki, verifyDer } from '../provenance/ecdsa';
import { BundleReader } from './bundle-reader';
import { verifyCaptures } from './capture-checks';
import { parseChecksums } from './checksums';
import { checkDerivedFiles } from './derived-checks';
import { unsafeEntryNameReason } from '../zip/entry-names';
import { errorMessage } from './errors';
import { CHECKSUMS_FILE, FILES_OUTSIDE_MANIFEST, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, SIGNER_KEY_FILE } from './layout';
import { asManifest, manifestProblem, parseJson } from './record-shapes';
import { readTsaTrust } from './timestamp-checks';
import type { VerifyCheck, VerifyOptions, VerifyReport } from './types';

async function readManifest(reader: BundleReader, checks: VerifyCheck[]): Promise<{ bytes?: Uint8Array; manifest: BundleManifest | null }> {
  let bytes: Uint8Array;
  try {
    bytes = await reader.read(MANIFEST_FILE);
  } catch (error) {
    checks.push({ check: 'manifest', file: MANIFEST_FILE, ok: false, message: `The list of files could not be read: ${errorMessage(error)}` });
    return { manifest: null };
  }
  const value = parseJson(bytes);
  const problem = manifestProblem(value);
  checks.push(
    problem
      ? { check: 'manifest', file: MANIFEST_FILE, ok: false, message: `${MANIFEST_FILE} is not a PostProof bundle manifest: ${problem}.` }
      : { check: 'manifest', file: MANIFEST_FILE, ok: true, message: 'The manifest is readable.' },
  );
  return { bytes, manifest: asManifest(value) };
}

async function readSignerKey(reader: BundleReader, checks: VerifyCheck[]): Promise<{ key?: CryptoKey; keyId?: string }> {
  try {
    const spki = pemToSpki(new TextDecoder().decode(await reader.read(SIGNER_KEY_FILE)));
    const key = await importPublicKeySpki(spki);
    const keyId = await keyIdFromSpki(spki);
    checks.push({ check: 'signer-key', file: SIGNER_KEY_FILE, ok: true, message: `Signing key fingerprint ${keyId}; compare it with the one the collector published.` });
    return { key, keyId };
  } catch (error) {
    checks.push({ check: 'signer-key', file: SIGNER_KEY_FILE, ok: false, message: `The signing key is missing or unusable (${errorMessage(error)}); no signature can be checked.` });
    return {};
  }
}

async function checkManifestSignature(reader: BundleReader, key: CryptoKey, manifestBytes: Uint8Array, checks: VerifyCheck[]): Promise<void> {
  try {
    const ok = await verifyDer(key, manifestBytes, await reader.read(MANIFEST_SIGNATURE_FILE));
    // A mismatch names the signed file: that is what a reader must distrust.
    checks.push({
      check: 'manifest-signature',
      file: ok ? MANIFEST_SIGNATURE_FILE : MANIFEST_FILE,
      ok,
      message: ok ? 'The manifest signature verifies.' : `The signature does not match ${MANIFEST_FILE}: the list of files was changed after export, or signed by another key.`,
    });
  } catch (error) {
    checks.push({ check: 'manifest-signature', file: MANIFEST_SIGNATURE_FILE, ok: false, message: `The manifest signature could not be read: ${errorMessage(error)}` });
  }
}

async function checkListedFiles(reader: BundleReader, manifest: BundleManifest, checks: VerifyCheck[]): Promise<void> {
  const listed = new Set<string>();
  for (const { path, bytes, sha256 } of manifest.files) {
    const fail = (message: string) => checks.push({ check: 'file-hash', file: path, ok: false, message });
    if (unsafeEntryNameReason(path) || FILES_OUTSIDE_MANIFEST.includes(path) || listed.has(path)) {
      fail('The manifest lists this name more than once, or a name it may not list.');
      continue;
    }
    listed.add(path);
    if (!reader.has(path)) {
      fail('This file is listed in the signed manifest but is missing from the bundle.');
      continue;
    }
    try {
      const actual = await reader.sha256(path);
      if (reader.size(path) !== bytes) fail(`The file has ${reader.size(path)} bytes; the signed manifest says ${bytes}. It was changed after export.`);
      else if (actual !== sha256) fail('The file’s SHA-256 differs from the signed manifest: it was changed after export.');
      else checks.push({ check: 'file-hash', file: path, ok: true, message: 'Size and SHA-256 match the manifest.' });
    } catch (error) {
      fail(errorMessage(error));
    }
  }
  for (const name of reader.fileNames()) {
    if (!listed.has(name) && !FILES_OUTSIDE_MANIFEST.includes(name)) {
      checks.push({ check: 'unlisted-file', file: name, ok: false, message: 'This file is not in the signed manifest: it was added after export.' });
    }
  }
}

async function checkChecksums(reader: BundleReader, checks: VerifyCheck[]): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder().decode(await reader.read(CHECKSUMS_FILE));
  } catch (error) {
    checks.push({ check: 'checksums', file: CHECKSUMS_FILE, ok: false, message: `The checksum list could not be read: ${errorMessage(error)}` });
    return;
  }
  let failures = 0;
  const fail = (file: string, message: string) => {
    failures++;
    checks.push({ check: 'checksums', file, ok: false, message });
  };
  const { lines, malformed } = parseChecksums(text);
  for (const line of malformed) fail(CHECKSUMS_FILE, `This line is not in sha256sum format: ${JSON.stringify(line.slice(0, 120))}`);
  const sums = new Map<string, string>();
  for (const { path, sha256 } of lines) {
    if (sums.has(path)) fail(path, `${CHECKSUMS_FILE} lists this file twice.`);
    else if (!reader.has(path)) fail(path, `${CHECKSUMS_FILE} lists this file but it is missing from the bundle; "sha256sum -c" will fail.`);
    sums.set(path, sha256);
  }
  const names = reader.fileNames().filter((name) => name !== CHECKSUMS_FILE);
  for (const name of names) {
    const expected = sums.get(name);
    if (expected === undefined) {
      fail(name, `This file is not listed in ${CHECKSUMS_FILE}.`);
      continue;
    }
    try {
      if ((await reader.sha256(name)) !== expected) fail(name, `The file’s SHA-256 differs from ${CHECKSUMS_FILE}; "sha256sum -c" will report it as FAILED.`);
    } catch (error) {
      fail(name, errorMessage(error));
    }
  }
  if (failures === 0) {
    checks.push({ check: 'checksums', file: CHECKSUMS_FILE, ok: true, message: `All ${names.length} files match ${CHECKSUMS_FILE}.` });
  }
}

export async function verifyBundle(zip: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const reader = await BundleReader.open(zip, checks);
  if (!reader) return { verdict: 'invalid', checks, captures: [] };

  const { bytes: manifestBytes, manifest } = await readManifest(reader, checks);
  const { key, keyId } = await readSignerKey(reader, checks);
  if (manifest && keyId) {
    const ok = manifest.signer.keyId === keyId;
    checks.push({
      check: 'key-id',
      file: MANIFEST_FILE,
      ok,
      message: ok ? 'The manifest names the key in signer.pem.' : `The manifest names key ${manifest.signer.keyId}, but ${SIGNER_KEY_FILE} holds key ${keyId}.`,
    });
  }
  if (key && manifestBytes) await checkManifestSignature(reader, key, manifestBytes, checks);
  if (manifest) await checkListedFiles(reader, manifest, checks);
  if (manifest) await checkDerivedFiles(reader, manifest, checks);
  await checkChecksums(reader, checks);
  const trust = await readTsaTrust(reader, options, checks);
  const captures = await verifyCaptures(reader, manifest, key, keyId, trust, checks);

  return { verdict: checks.every((c) => c.ok) ? 'valid' : 'invalid', checks, captures, keyId };
}
