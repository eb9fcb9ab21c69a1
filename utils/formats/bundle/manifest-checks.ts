// The signed manifest of a bundle: its shape, its signature by the exporting key, the key it names, and its list of
// files, which must be exactly the bundle's files (but itself, its signature and the signed SHA256SUMS pair) with
// their sizes and SHA-256.

import type { BundleManifest } from '../../model';
import { verifyDer } from '../../provenance/ecdsa';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { SignerKey } from '../../evidence/signer-key';
import type { VerifyCheck } from '../../evidence/verify-types';
import { FILES_OUTSIDE_MANIFEST, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, SIGNER_KEY_FILE } from './layout';
import { parseJson } from '../../evidence/record-shapes';
import { asManifest, manifestProblem } from './manifest-shape';

/** Reads and checks manifest.json; null when it cannot be used. */
export async function checkManifest(files: EvidenceFiles, signer: SignerKey | undefined, checks: VerifyCheck[]): Promise<BundleManifest | null> {
  const bytes = files.read(MANIFEST_FILE, 'a manifest');
  if (typeof bytes === 'string') {
    checks.push({ check: 'manifest', file: MANIFEST_FILE, ok: false, message: `The list of files could not be read: ${bytes}` });
    return null;
  }
  const value = parseJson(bytes);
  const problem = manifestProblem(value);
  if (problem) {
    checks.push({ check: 'manifest', file: MANIFEST_FILE, ok: false, message: `${MANIFEST_FILE} is not a PostProof bundle manifest: ${problem}.` });
    return null;
  }
  const manifest = asManifest(value)!;
  checks.push({ check: 'manifest', file: MANIFEST_FILE, ok: true, message: 'The manifest is readable.' });
  const signature = files.read(MANIFEST_SIGNATURE_FILE, 'a signature');
  const signed = signer && typeof signature !== 'string' ? await verifyDer(signer.key, bytes, signature) : false;
  checks.push(
    signed
      ? { check: 'manifest-signature', file: MANIFEST_SIGNATURE_FILE, ok: true, message: 'The manifest signature verifies.' }
      : { check: 'manifest-signature', file: MANIFEST_FILE, ok: false, message: typeof signature === 'string' ? `The manifest signature could not be read: ${signature}` : `The signature does not match ${MANIFEST_FILE}: the list of files was changed after export, or signed by another key.` },
  );
  if (signer && manifest.signer.keyId !== signer.keyId) {
    checks.push({ check: 'key-id', file: MANIFEST_FILE, ok: false, message: `The manifest names key ${manifest.signer.keyId}, but ${SIGNER_KEY_FILE} holds key ${signer.keyId}.` });
  }
  checkListedFiles(files, manifest, checks);
  return manifest;
}

/** The manifest lists every file of the bundle (but the four that cover it) once, with the right size and SHA-256. */
function checkListedFiles(files: EvidenceFiles, manifest: BundleManifest, checks: VerifyCheck[]): void {
  const before = checks.length;
  const listed = new Set<string>();
  for (const { path, bytes, sha256 } of manifest.files) {
    const fail = (message: string) => checks.push({ check: 'file-hash', file: path, ok: false, message });
    if (FILES_OUTSIDE_MANIFEST.includes(path) || listed.has(path)) fail('The manifest lists this name more than once, or a name it may not list.');
    else if (!files.has(path)) fail('This file is listed in the signed manifest but is missing from the bundle.');
    else if (files.size(path) !== bytes) fail(`The file has ${files.size(path)} bytes; the signed manifest says ${bytes}. It was changed after export.`);
    else if (files.sha256(path) !== sha256) fail('The file’s SHA-256 differs from the signed manifest: it was changed after export.');
    listed.add(path);
  }
  for (const name of files.names()) {
    if (!listed.has(name) && !FILES_OUTSIDE_MANIFEST.includes(name)) {
      checks.push({ check: 'unlisted-file', file: name, ok: false, message: 'This file is not in the signed manifest: it was added after export.' });
    }
  }
  if (checks.length === before) checks.push({ check: 'file-hash', file: MANIFEST_FILE, ok: true, message: `All ${manifest.files.length} files listed in the manifest are in the bundle with the size and SHA-256 it gives, and no other.` });
}
