// The captures inside a WACZ's WARC: each capture.json metadata record, signed by the package key or (imported) by
// the key in its own signer.pem record; one resource record per artifact it lists (a response record per witness
// response), at the target URI the rule gives and with the bytes whose hash it signed; its signature and token
// records, each token anchored outside the file; and the sequence chain. Every record used is taken from the claims,
// with its header checked.

import type { CaptureRecord } from '../../model';
import { checkSequenceChain } from '../../evidence/sequence-chain';
import { CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE, TIMESTAMP_FILE_PATTERN } from '../../evidence/capture-layout';
import { asCaptureRecord, captureRecordProblem, parseJson } from '../../evidence/record-shapes';
import { EvidenceFiles } from '../../evidence/evidence-files';
import { readKeyFile, type SignerKey } from '../../evidence/signer-key';
import { checkStamp, type CheckedStamp, type StampTrust } from '../../evidence/stamp-checks';
import type { VerifyCheck } from '../../evidence/verify-types';
import { verifyDer } from '../../provenance/ecdsa';
import { isSafeSegment } from '../../zip/entry-names';
import { targetsInOrder } from './capture-targets';
import { CAPTURE_METADATA_PATTERN, captureMetadataUri, WARC_FILE } from './layout';
import { pageFieldsOf } from './pages';
import type { RecordClaims } from './record-claims';
import { artifactHead, captureRecordHead, sidecarHead } from './warc-layout';
import { recordFile, type WarcEntry } from './warc-reading';
import { checkWitnessRecord, witnessBody } from './witness-records';
import { checkRechecks, checkWitness } from '../../evidence/witness-checks';

export interface WaczCapture {
  record: CaptureRecord;
  /** The capture.json metadata record. */
  entry: WarcEntry;
  /** SHA-256 of capture.json, as the next capture's previousCaptureSha256 names it. */
  sha256: string;
  /** The key that verified the record's signature, when one did. */
  keyId?: string;
  stamps: CheckedStamp[];
}

/** How the checks name a capture's record: archive/data.warc#metadata://postproof/<id>. */
export const captureFile = (id: string) => `${WARC_FILE}#${captureMetadataUri(id)}`;

/** Each capture's record (the first metadata://postproof/<id> record per id), parsed, in WACZ order (sequence, id). */
function findCaptures(claims: RecordClaims, checks: VerifyCheck[]): WaczCapture[] {
  const found: WaczCapture[] = [];
  const ids = new Set<string>();
  for (const entry of claims.warc.entries) {
    const match = entry.type === 'metadata' && entry.uri ? CAPTURE_METADATA_PATTERN.exec(entry.uri) : null;
    const id = match && match[2] === undefined ? match[1]! : undefined;
    // A second record for one capture is left for reportUnaccounted; metadata://postproof/tsa/… is an authority's.
    if (id === undefined || id === 'tsa' || !isSafeSegment(id) || ids.has(id) || claims.isTaken(entry)) continue;
    ids.add(id);
    claims.claim(entry);
    const value = parseJson(entry.record.block);
    const record = asCaptureRecord(value, id);
    const problem = record ? (Number.isNaN(Date.parse(record.capturedAt)) ? `its capture time ${JSON.stringify(record.capturedAt)} is not a time` : null) : captureRecordProblem(value, id);
    if (problem || !record) {
      checks.push({ check: 'capture-record', file: captureFile(id), ok: false, message: `This is not a PostProof capture record: ${problem}.` });
      continue;
    }
    found.push({ record, entry, sha256: entry.sha256, stamps: [] });
  }
  if (found.length === 0) checks.push({ check: 'capture-record', file: WARC_FILE, ok: false, message: 'The WARC holds no PostProof capture record: this WACZ was not made by PostProof, or its records were removed.' });
  return found.sort((a, b) => a.record.sequence - b.record.sequence || (a.record.id < b.record.id ? -1 : 1));
}

/** The key the record names: the package's, or an imported capture's own, from its signer.pem metadata record. */
async function recordKey(claims: RecordClaims, capture: WaczCapture, exporter: SignerKey | undefined, checks: VerifyCheck[]): Promise<SignerKey | undefined> {
  const { record, entry } = capture;
  const keyRecord = claims.take('metadata', captureMetadataUri(record.id, CAPTURE_SIGNER_FILE), record.capturedAt);
  if (keyRecord) claims.checkHead(keyRecord, sidecarHead(keyRecord.recordId, record, CAPTURE_SIGNER_FILE, entry.recordId), keyRecord.sha256, keyRecord.record.block.length, checks);
  if (exporter && record.signer.keyId === exporter.keyId) {
    if (keyRecord) checks.push({ check: 'capture-signer', file: recordFile(keyRecord), ok: false, message: 'This capture was signed by the package key, yet the WARC carries a key of its own for it; PostProof writes none.' });
    return exporter;
  }
  if (!keyRecord) {
    checks.push({ check: 'capture-record', file: captureFile(record.id), ok: false, message: `The record names signing key ${record.signer.keyId}, not the package’s key${exporter ? ` ${exporter.keyId}` : ''}, and the WARC carries no key of its own for it.` });
    return undefined;
  }
  const name = recordFile(keyRecord);
  const key = await readKeyFile(new EvidenceFiles(new Map([[name, { size: keyRecord.record.block.length, sha256: keyRecord.sha256, data: keyRecord.record.block }]])), name);
  if (typeof key === 'string' || key.keyId !== record.signer.keyId) {
    checks.push({ check: 'capture-signer', file: name, ok: false, message: typeof key === 'string' ? `The capture’s signing key is unusable: ${key}` : `This key (${key.keyId}) is not the key the capture record names (${record.signer.keyId}).` });
    return undefined;
  }
  checks.push({ check: 'capture-signer', file: name, ok: true, note: true, message: `Note: this capture was made and signed by another install, key ${key.keyId}, and imported into the one that exported this WACZ; compare that fingerprint with the one its collector published.` });
  return key;
}

/** The signature record; checked with `key` when the record's key could be had (else that failure is reported already). */
async function checkSignature(claims: RecordClaims, capture: WaczCapture, key: SignerKey | undefined, checks: VerifyCheck[]): Promise<boolean> {
  const { record, entry } = capture;
  const sig = claims.take('metadata', captureMetadataUri(record.id, CAPTURE_SIGNATURE_FILE), record.capturedAt);
  if (sig) claims.checkHead(sig, sidecarHead(sig.recordId, record, CAPTURE_SIGNATURE_FILE, entry.recordId), sig.sha256, sig.record.block.length, checks);
  if (!key) return false;
  const signed = !!sig && (await verifyDer(key.key, entry.record.block, sig.record.block));
  checks.push(
    signed
      ? { check: 'capture-signature', file: captureFile(record.id), ok: true, message: `The capture record’s signature verifies with key ${key.keyId}.` }
      : { check: 'capture-signature', file: captureFile(record.id), ok: false, message: sig ? `The signature does not match ${CAPTURE_RECORD_FILE}: the record was changed after capture, or signed by another key.` : `The capture record has no signature record (${captureMetadataUri(record.id, CAPTURE_SIGNATURE_FILE)}).` },
  );
  return signed;
}

/**
 * One resource record per artifact (a response record per witness response, witness-records.ts), at its target URI
 * and the capture's time, holding the bytes whose hash was signed.
 */
async function checkArtifacts(claims: RecordClaims, capture: WaczCapture, targets: ReadonlyMap<string, string>, checks: VerifyCheck[]): Promise<void> {
  const { record } = capture;
  const before = checks.length;
  for (const artifact of record.artifacts) {
    const target = targets.get(artifact.path)!;
    if (artifact.role === 'second-witness') {
      await checkWitnessRecord(claims, record, artifact, target, checks);
      continue;
    }
    const file = `${WARC_FILE}#${target}`;
    const found = claims.take('resource', target, record.capturedAt);
    if (!found) {
      checks.push({ check: 'artifact', file, ok: false, message: `The file ${artifact.path}, listed in the signed capture record, has no record at this address and the capture’s time in the WARC.` });
      continue;
    }
    if (found.record.block.length !== artifact.bytes || found.sha256 !== artifact.sha256) {
      checks.push({ check: 'artifact', file, ok: false, message: `The archived ${artifact.path} differs from the one recorded and signed at capture time.` });
      continue;
    }
    claims.checkHead(found, artifactHead(found.recordId, record, artifact, target), artifact.sha256, artifact.bytes, checks);
  }
  if (checks.length === before) checks.push({ check: 'artifact', file: captureFile(record.id), ok: true, message: `All ${record.artifacts.length} files the record lists are archived at their addresses with the hashes signed at capture time.` });
}

/** The capture's token records (metadata://postproof/<id>/capture.json[.<tsa>].tsr), each anchored outside the file. */
async function checkTokens(claims: RecordClaims, capture: WaczCapture, trust: StampTrust, checks: VerifyCheck[]): Promise<void> {
  const { record, entry } = capture;
  const prefix = `${captureMetadataUri(record.id)}/`;
  for (const token of claims.warc.entries) {
    const file = token.uri?.startsWith(prefix) ? token.uri.slice(prefix.length) : undefined;
    if (file === undefined || !TIMESTAMP_FILE_PATTERN.test(file) || token.type !== 'metadata' || token.date !== record.capturedAt || claims.isTaken(token)) continue;
    claims.claim(token);
    claims.checkHead(token, sidecarHead(token.recordId, record, file, entry.recordId), token.sha256, token.record.block.length, checks);
    const subject = { file: recordFile(token), data: entry.record.block, what: `capture ${record.id}’s ${CAPTURE_RECORD_FILE}`, madeAt: record.capturedAt, madeBy: 'the collector’s clock', captureId: record.id };
    const stamp = await checkStamp(token.record.block, subject, trust, checks);
    if (stamp) capture.stamps.push(stamp);
  }
}

/** Every capture in the WARC, checked; the records they use are taken from `claims`. */
export async function verifyWarcCaptures(claims: RecordClaims, exporter: SignerKey | undefined, trust: StampTrust, checks: VerifyCheck[]): Promise<WaczCapture[]> {
  const captures = findCaptures(claims, checks);
  const targets = targetsInOrder(captures.map(({ record }) => ({ ...pageFieldsOf(record), artifacts: record.artifacts })));
  for (const capture of captures) {
    const { record, entry } = capture;
    claims.checkHead(entry, captureRecordHead(entry.recordId, record), entry.sha256, entry.record.block.length, checks);
    const key = await recordKey(claims, capture, exporter, checks);
    if ((await checkSignature(claims, capture, key, checks)) && key) capture.keyId = key.keyId;
    await checkArtifacts(claims, capture, targets.get(record.id)!, checks);
    const byPath = new Map(record.artifacts.map((artifact) => [artifact.path, artifact]));
    await checkWitness(record, (path) => (byPath.has(path) ? witnessBody(claims, record, byPath.get(path)!, targets.get(record.id)!.get(path)!) : `${path} is not a file of the record`), captureFile(record.id), checks);
    await checkTokens(claims, capture, trust, checks);
  }
  checkRechecks(captures, captureFile, checks);
  // The chain check names bundle paths; in a WACZ the record is in the WARC.
  const chain: VerifyCheck[] = [];
  checkSequenceChain(captures, chain);
  checks.push(...chain.map((check) => ({ ...check, file: captureFile(check.file?.split('/')[1] ?? '') })));
  return captures;
}
