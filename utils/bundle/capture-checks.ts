// The per-capture half of bundle verification: each signed capture record, its artifacts, and the sequence chain.

import type { BundleManifest, CaptureRecord } from '../model';
import { importPublicKeySpki, keyIdFromSpki, pemToSpki, verifyDer } from '../provenance/ecdsa';
import { authorLabel } from './capture-summary';
import type { BundleReader } from './bundle-reader';
import { isSafeSegment, unsafeEntryNameReason } from '../zip/entry-names';
import { errorMessage } from './errors';
import { CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE, captureFilePath, CAPTURES_DIR } from './layout';
import { asCaptureRecord, captureRecordProblem, parseJson } from './record-shapes';
import { checkCustody, checkTimestamps, type TsaTrust } from './timestamp-checks';
import type { VerifiedTimestamp, VerifyCheck, VerifyReport } from './types';

export interface VerifiedCapture {
  record: CaptureRecord;
  sha256: string;
  timestamps: VerifiedTimestamp[];
}

/** Capture ids whose record is in the ZIP, read from entry names `captures/<id>/capture.json`. */
function captureIdsInZip(reader: BundleReader): string[] {
  const pattern = new RegExp(`^${CAPTURES_DIR}/([^/]+)/${CAPTURE_RECORD_FILE.replace('.', '\\.')}$`);
  return reader.fileNames().flatMap((name) => {
    const id = pattern.exec(name)?.[1];
    return id ? [id] : [];
  });
}

async function checkSignature(reader: BundleReader, id: string, bytes: Uint8Array, key: CryptoKey, checks: VerifyCheck[]): Promise<void> {
  const file = captureFilePath(id, CAPTURE_SIGNATURE_FILE);
  try {
    const ok = await verifyDer(key, bytes, await reader.read(file));
    // A mismatch names the signed record: that is what a reader must distrust.
    checks.push({
      check: 'capture-signature',
      file: ok ? file : captureFilePath(id, CAPTURE_RECORD_FILE),
      ok,
      message: ok
        ? 'The capture record’s signature verifies.'
        : `The signature does not match ${CAPTURE_RECORD_FILE}: the record was changed after capture, or signed by another key.`,
    });
  } catch (error) {
    checks.push({ check: 'capture-signature', file, ok: false, message: `The capture signature could not be read: ${errorMessage(error)}` });
  }
}

/**
 * The key of a capture made by another install and imported here: captures/<id>/signer.pem must hold the key the record
 * names. The bundle's own key vouches only for the files being unchanged since export, not for who captured it.
 */
async function foreignRecordKey(reader: BundleReader, id: string, recordKeyId: string, checks: VerifyCheck[]): Promise<CryptoKey | undefined> {
  const file = captureFilePath(id, CAPTURE_SIGNER_FILE);
  if (!reader.has(file)) return undefined;
  try {
    const spki = pemToSpki(new TextDecoder().decode(await reader.read(file)));
    const keyId = await keyIdFromSpki(spki);
    if (keyId !== recordKeyId) {
      checks.push({ check: 'capture-signer', file, ok: false, message: `This key (${keyId}) is not the key the capture record names (${recordKeyId}).` });
      return undefined;
    }
    checks.push({
      check: 'capture-signer',
      file,
      ok: true,
      note: true,
      message: `Note: this capture was made and signed by another install, key ${keyId}, and imported into the one that exported this bundle; compare that fingerprint with the one its collector published.`,
    });
    return await importPublicKeySpki(spki);
  } catch (error) {
    checks.push({ check: 'capture-signer', file, ok: false, message: `The capture's signing key is unusable: ${errorMessage(error)}` });
    return undefined;
  }
}

async function checkArtifacts(reader: BundleReader, record: CaptureRecord, checks: VerifyCheck[]): Promise<void> {
  for (const artifact of record.artifacts) {
    const file = captureFilePath(record.id, artifact.path);
    const fail = (message: string) => checks.push({ check: 'artifact', file, ok: false, message });
    if (unsafeEntryNameReason(artifact.path)) {
      fail(`The capture record lists an unsafe file name: ${JSON.stringify(artifact.path)}.`);
    } else if (!reader.has(file)) {
      fail('This file is listed in the signed capture record but is missing from the bundle.');
    } else {
      try {
        const sha256 = await reader.sha256(file);
        if (reader.size(file) !== artifact.bytes || sha256 !== artifact.sha256) {
          fail('The file differs from the one recorded and signed at capture time.');
        } else {
          checks.push({ check: 'artifact', file, ok: true, message: 'Matches the hash signed at capture time.' });
        }
      } catch (error) {
        fail(errorMessage(error));
      }
    }
  }
}

async function verifyCapture(
  reader: BundleReader,
  id: string,
  key: CryptoKey | undefined,
  keyId: string | undefined,
  trust: TsaTrust,
  checks: VerifyCheck[],
): Promise<VerifiedCapture | null> {
  const file = captureFilePath(id, CAPTURE_RECORD_FILE);
  let bytes: Uint8Array;
  let sha256: string;
  try {
    bytes = await reader.read(file);
    sha256 = await reader.sha256(file);
  } catch (error) {
    checks.push({ check: 'capture-record', file, ok: false, message: `The capture record could not be read: ${errorMessage(error)}` });
    return null;
  }
  const value = parseJson(bytes);
  const problem = captureRecordProblem(value, id);
  const record = asCaptureRecord(value, id);
  const foreign = record && keyId && record.signer.keyId !== keyId ? await foreignRecordKey(reader, id, record.signer.keyId, checks) : undefined;
  const recordKey = foreign ?? key;
  if (recordKey) await checkSignature(reader, id, bytes, recordKey, checks);
  if (!record) {
    checks.push({ check: 'capture-record', file, ok: false, message: `This is not a PostProof capture record: ${problem}.` });
    return null;
  }
  if (keyId && record.signer.keyId !== keyId && !foreign) {
    checks.push({ check: 'capture-record', file, ok: false, message: `The record names signing key ${record.signer.keyId}, not the bundle’s key ${keyId}.` });
  } else {
    checks.push({ check: 'capture-record', file, ok: true, message: 'The capture record is readable.' });
  }
  await checkArtifacts(reader, record, checks);
  const timestamps = await checkTimestamps(reader, { id, bytes, sha256, capturedAt: record.capturedAt }, trust, checks);
  return { record, sha256, timestamps };
}

/** Each signing key numbers its own captures (imported ones keep their install's chain): one chain per key. */
export function checkSequenceChain(captures: VerifiedCapture[], checks: VerifyCheck[]): void {
  const byKey = new Map<string, VerifiedCapture[]>();
  for (const capture of captures) {
    const keyId = capture.record.signer?.keyId ?? '';
    byKey.set(keyId, [...(byKey.get(keyId) ?? []), capture]);
  }
  for (const chain of byKey.values()) checkOneChain(chain, checks);
}

/** Captures sorted by sequence must link by hash; a skipped number is fine when that capture is not in the bundle. */
function checkOneChain(captures: VerifiedCapture[], checks: VerifyCheck[]): void {
  const sorted = [...captures].sort((a, b) => a.record.sequence - b.record.sequence);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const file = captureFilePath(current.record.id, CAPTURE_RECORD_FILE);
    const from = `sequence ${previous.record.sequence} → ${current.record.sequence}`;
    if (current.record.sequence === previous.record.sequence) {
      checks.push({ check: 'sequence-chain', file, ok: false, message: `Two captures carry sequence number ${current.record.sequence}; one of them was not made in this install’s order.` });
    } else if (current.record.sequence !== previous.record.sequence + 1) {
      checks.push({
        check: 'sequence-chain',
        file,
        ok: true,
        note: true,
        message: `Note: ${from}. The capture(s) in between are not in this bundle, so this link cannot be checked here; that is expected when only some captures were exported.`,
      });
    } else if (current.record.previousCaptureSha256 !== previous.sha256) {
      checks.push({
        check: 'sequence-chain',
        file,
        ok: false,
        message: `The chain is broken at ${from}: this record does not carry the hash of capture ${previous.record.id}. A capture was removed, inserted or replaced.`,
      });
    } else {
      checks.push({ check: 'sequence-chain', file, ok: true, message: `Linked to the previous capture (${from}).` });
    }
  }
}

export async function verifyCaptures(
  reader: BundleReader,
  manifest: BundleManifest | null,
  key: CryptoKey | undefined,
  keyId: string | undefined,
  trust: TsaTrust,
  checks: VerifyCheck[],
): Promise<VerifyReport['captures']> {
  const inZip = captureIdsInZip(reader);
  const ids = manifest ? manifest.captures : inZip;
  for (const id of inZip) {
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
    const capture = await verifyCapture(reader, id, key, keyId, trust, checks);
    if (capture) verified.push(capture);
  }
  checkSequenceChain(verified, checks);
  await checkCustody(reader, new Map(verified.map((c) => [c.record.id, c.sha256])), checks);
  return verified.map(({ record, timestamps }) => ({
    id: record.id,
    author: authorLabel(record.post?.author?.name, record.post?.author?.handle),
    permalink: record.post?.url,
    capturedAt: record.capturedAt,
    ...(record.clock?.serverDate ? { serverDate: record.clock.serverDate } : {}),
    timestamps,
  }));
}
