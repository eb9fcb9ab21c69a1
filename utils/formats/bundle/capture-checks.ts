// The per-capture half of bundle verification: each signed capture record (with the exporting key, or an imported
// capture's own key), its artifacts, its folder holding nothing else, its anchored timestamps, and the sequence chain.

import type { BundleManifest, CaptureRecord, DerivedFileEntry } from '../../model';
import { verifyDer } from '../../provenance/ecdsa';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import { readKeyFile, type SignerKey } from '../../evidence/signer-key';
import { checkStamp, type CheckedStamp, type StampTrust } from '../../evidence/stamp-checks';
import type { VerifyCheck } from '../../evidence/verify-types';
import { isSafeSegment, unsafeEntryNameReason } from '../../zip/entry-names';
import {
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  CAPTURE_SIGNER_FILE,
  captureFilePath,
  CAPTURES_DIR,
  TIMESTAMP_FILE_PATTERN,
} from './layout';
import { asCaptureRecord, captureRecordProblem, parseJson } from '../../evidence/record-shapes';
import { checkSequenceChain } from '../../evidence/sequence-chain';
import { checkRechecks, checkWitness } from '../../evidence/witness-checks';

export interface VerifiedCapture {
  record: CaptureRecord;
  sha256: string;
  /** The key that verified the record's signature. */
  keyId: string;
  /** Every token of the capture that checked out in itself, in file order, anchored or not. */
  stamps: { file: string; stamp: CheckedStamp }[];
}

/** Token files of one capture, `capture.json.tsr` first, then by name. */
export function timestampFiles(files: EvidenceFiles, captureId: string): string[] {
  const folder = captureFilePath(captureId, '');
  return files
    .names()
    .filter((name) => name.startsWith(folder) && TIMESTAMP_FILE_PATTERN.test(name.slice(folder.length)))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** Capture ids with a folder in the bundle. */
export function captureFolders(files: EvidenceFiles): string[] {
  const ids = new Set<string>();
  for (const name of files.names()) {
    const parts = name.split('/');
    if (parts[0] === CAPTURES_DIR && parts.length >= 3) ids.add(parts[1]!);
  }
  return [...ids];
}

/** The key the record names: the exporter's, or the imported capture's own captures/<id>/signer.pem. */
async function recordKey(files: EvidenceFiles, record: CaptureRecord, exporter: SignerKey | undefined, checks: VerifyCheck[]): Promise<SignerKey | undefined> {
  const file = captureFilePath(record.id, CAPTURE_SIGNER_FILE);
  if (exporter && record.signer.keyId === exporter.keyId) {
    if (files.has(file)) checks.push({ check: 'capture-signer', file, ok: false, message: 'This capture was signed by the exporting key, yet its folder carries a key of its own; a PostProof bundle has none there.' });
    return exporter;
  }
  if (!files.has(file)) {
    checks.push({ check: 'capture-record', file: captureFilePath(record.id, CAPTURE_RECORD_FILE), ok: false, message: `The record names signing key ${record.signer.keyId}, not the bundle’s key${exporter ? ` ${exporter.keyId}` : ''}, and its folder carries no key of its own.` });
    return undefined;
  }
  const key = await readKeyFile(files, file);
  if (typeof key === 'string' || key.keyId !== record.signer.keyId) {
    checks.push({ check: 'capture-signer', file, ok: false, message: typeof key === 'string' ? `The capture's signing key is unusable: ${key}` : `This key (${key.keyId}) is not the key the capture record names (${record.signer.keyId}).` });
    return undefined;
  }
  checks.push({ check: 'capture-signer', file, ok: true, note: true, message: `Note: this capture was made and signed by another install, key ${key.keyId}, and imported into the one that exported this bundle; compare that fingerprint with the one its collector published.` });
  return key;
}

function checkArtifacts(files: EvidenceFiles, record: CaptureRecord, checks: VerifyCheck[]): void {
  const before = checks.length;
  for (const artifact of record.artifacts) {
    const file = captureFilePath(record.id, artifact.path);
    const fail = (message: string) => checks.push({ check: 'artifact', file, ok: false, message });
    if (unsafeEntryNameReason(artifact.path) || artifact.path.endsWith('/')) fail(`The capture record lists an unsafe file name: ${JSON.stringify(artifact.path)}.`);
    else if (!files.has(file)) fail('This file is listed in the signed capture record but is missing from the bundle.');
    else if (files.size(file) !== artifact.bytes || files.sha256(file) !== artifact.sha256) fail('The file differs from the one recorded and signed at capture time.');
  }
  if (checks.length === before) checks.push({ check: 'artifact', file: captureFilePath(record.id, CAPTURE_RECORD_FILE), ok: true, message: `All ${record.artifacts.length} files the record lists match the hashes signed at capture time.` });
}

/** A capture's folder holds its record, signature, key (imported), tokens, notes, derived copies and artifacts: nothing else. */
function checkFolderContents(files: EvidenceFiles, record: CaptureRecord, derived: readonly DerivedFileEntry[], checks: VerifyCheck[]): void {
  const folder = captureFilePath(record.id, '');
  const allowed = new Set([CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE, CAPTURE_NOTES_FILE, ...record.artifacts.map((a) => a.path)]);
  for (const entry of derived) if (entry.path.startsWith(folder)) allowed.add(entry.path.slice(folder.length));
  for (const name of files.names()) {
    if (!name.startsWith(folder)) continue;
    const inside = name.slice(folder.length);
    if (!allowed.has(inside) && !TIMESTAMP_FILE_PATTERN.test(inside)) {
      checks.push({ check: 'unexpected-file', file: name, ok: false, message: 'This file is in a capture’s folder, but the capture’s signed record does not list it and it is no part of a bundle: it was added at export, not captured.' });
    }
  }
}

async function verifyCapture(files: EvidenceFiles, id: string, exporter: SignerKey | undefined, derived: readonly DerivedFileEntry[], trust: StampTrust, checks: VerifyCheck[]): Promise<VerifiedCapture | null> {
  const file = captureFilePath(id, CAPTURE_RECORD_FILE);
  const bytes = files.read(file, 'a capture record');
  if (typeof bytes === 'string') {
    checks.push({ check: 'capture-record', file, ok: false, message: `The capture record could not be read: ${bytes}` });
    return null;
  }
  const value = parseJson(bytes);
  const record = asCaptureRecord(value, id);
  if (!record) {
    checks.push({ check: 'capture-record', file, ok: false, message: `This is not a PostProof capture record: ${captureRecordProblem(value, id)}.` });
    return null;
  }
  const key = await recordKey(files, record, exporter, checks);
  if (!key) return null;
  const signature = files.read(captureFilePath(id, CAPTURE_SIGNATURE_FILE), 'a signature');
  const signed = typeof signature !== 'string' && (await verifyDer(key.key, bytes, signature));
  checks.push(
    signed
      ? { check: 'capture-signature', file: captureFilePath(id, CAPTURE_SIGNATURE_FILE), ok: true, message: `The capture record’s signature verifies with key ${key.keyId}.` }
      : { check: 'capture-signature', file, ok: false, message: typeof signature === 'string' ? `The capture signature could not be read: ${signature}` : `The signature does not match ${CAPTURE_RECORD_FILE}: the record was changed after capture, or signed by another key.` },
  );
  checkArtifacts(files, record, checks);
  await checkWitness(record, (path) => files.read(captureFilePath(id, path), 'a witness file'), file, checks);
  checkFolderContents(files, record, derived, checks);
  const stamps: VerifiedCapture['stamps'] = [];
  for (const tokenFile of timestampFiles(files, id)) {
    const tsr = files.read(tokenFile, 'a timestamp token');
    if (typeof tsr === 'string') {
      checks.push({ check: 'timestamp', file: tokenFile, ok: false, message: `The token could not be read: ${tsr}` });
      continue;
    }
    const stamp = await checkStamp(tsr, { file: tokenFile, data: bytes, what: `capture ${id}’s ${CAPTURE_RECORD_FILE}`, madeAt: record.capturedAt, madeBy: 'the collector’s clock', captureId: id }, trust, checks);
    if (stamp) stamps.push({ file: tokenFile, stamp });
  }
  return { record, sha256: files.sha256(file)!, keyId: key.keyId, stamps };
}

/** The manifest's derived entries that are well formed (checkDerivedFiles reports the rest). */
export function derivedEntries(manifest: BundleManifest | null): DerivedFileEntry[] {
  const derived: unknown = manifest?.derived;
  if (!Array.isArray(derived)) return [];
  return derived.filter((d): d is DerivedFileEntry => !!d && typeof d === 'object' && typeof d.path === 'string' && typeof d.derivedFrom === 'string');
}

/** Every capture of the manifest, which must be exactly the capture folders of the bundle, in the order they were made. */
export async function verifyCaptures(
  files: EvidenceFiles,
  manifest: BundleManifest | null,
  exporter: SignerKey | undefined,
  trust: StampTrust,
  checks: VerifyCheck[],
): Promise<VerifiedCapture[]> {
  const folders = captureFolders(files);
  const ids = manifest ? manifest.captures : folders;
  for (const id of folders) {
    if (manifest && !manifest.captures.includes(id)) {
      checks.push({ check: 'capture-listed', file: captureFilePath(id, CAPTURE_RECORD_FILE), ok: false, message: 'This capture is not in the signed manifest’s list of captures: it was added after export.' });
    }
  }
  const verified: VerifiedCapture[] = [];
  for (const id of new Set(ids)) {
    if (!isSafeSegment(id)) {
      checks.push({ check: 'capture-listed', file: CAPTURES_DIR, ok: false, message: `The manifest lists an impossible capture id ${JSON.stringify(id)}.` });
      continue;
    }
    const capture = await verifyCapture(files, id, exporter, derivedEntries(manifest), trust, checks);
    if (capture) verified.push(capture);
  }
  if (manifest && new Set(manifest.captures).size !== manifest.captures.length) {
    checks.push({ check: 'capture-listed', file: 'manifest.json', ok: false, message: 'The manifest lists a capture twice.' });
  }
  checkSequenceChain(verified, checks);
  checkRechecks(verified, (id) => captureFilePath(id, CAPTURE_RECORD_FILE), checks);
  return verified;
}
