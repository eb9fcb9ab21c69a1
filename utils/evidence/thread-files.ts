// A thread record in an evidence file, the same in both formats: threads/<id>/thread.json (the exact bytes the install
// key signed when the thread was preserved) and threads/<id>/thread.json.sig (DER ECDSA P-384 / SHA-256, openssl's
// form). The writer exports a thread only when every member capture is in the same file, checked against the signed
// capture records it exports; the verifier checks each thread record strictly: its form, its signature by the file's
// signer, every member present with its capture.json SHA-256 as listed, no member twice, the captured counts equal to
// the members. Each failure names the file.

import type { ThreadRecord } from '../model';
import { verifyDer } from '../provenance/ecdsa';
import { sha256Hex } from '../provenance/hash';
import { isSafeSegment } from '../zip/entry-names';
import { captureFilePath, CAPTURE_RECORD_FILE } from './capture-layout';
import type { BundleSigner, ThreadSource } from './capture-source';
import { evidenceFile, type BundleFile } from './collect-capture';
import { BundleError } from './errors';
import type { EvidenceFiles } from './evidence-files';
import { parseJson } from './record-shapes';
import type { SignerKey } from './signer-key';
import { threadRecordProblem } from './thread-shape';
import type { VerifyCheck } from './verify-types';

export const THREADS_DIR = 'threads';
export const THREAD_RECORD_FILE = 'thread.json';
export const THREAD_SIGNATURE_FILE = 'thread.json.sig';
/** The two files of a thread's folder, and nothing else. */
export const THREAD_FILE_PATTERN = /^threads\/([^/]+)\/(thread\.json|thread\.json\.sig)$/;

/** Path of a file inside one thread's folder. */
export function threadFilePath(threadId: string, file: string): string {
  return `${THREADS_DIR}/${threadId}/${file}`;
}

export type { ThreadSource };

/** A thread going into an export: its record (for the report and guide) and its two files. */
export interface ExportedThread {
  record: ThreadRecord;
  files: BundleFile[];
}

/** Threads in the order they were preserved, so the report, the guide and the verifier list them alike. */
export function sortedThreads<T extends { record: Pick<ThreadRecord, 'createdAt' | 'id'> }>(threads: readonly T[]): T[] {
  return [...threads].sort((a, b) => (a.record.createdAt < b.record.createdAt ? -1 : a.record.createdAt > b.record.createdAt ? 1 : a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}

/**
 * The threads to export with these captures (capture id → SHA-256 of its capture.json, as exported): those whose
 * members are all here; each checked against the hash taken when it was kept, its signature by this install's key,
 * its form, and every member's capture.json hash. A thread that fails stops the export (a damaged store), like a
 * damaged capture; a thread with a member left out of the export is left out, whole.
 */
export async function collectThreads(
  sources: readonly ThreadSource[],
  captures: ReadonlyMap<string, string>,
  signer: Pick<BundleSigner, 'keyId'>,
  publicKey: CryptoKey,
): Promise<ExportedThread[]> {
  const exported: ExportedThread[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.id) || !source.memberIds.every((id) => captures.has(id))) continue;
    seen.add(source.id);
    const damaged = (why: string) =>
      new BundleError('BUNDLE_THREAD_DAMAGED', `Thread ${source.id} cannot be exported: ${why}. The stored copy may be damaged; leave one of its captures out of the export (the thread is then left out) and report the problem.`);
    if (!isSafeSegment(source.id)) throw damaged('its id cannot be used as a folder name');
    if ((await sha256Hex(source.recordBytes)) !== source.recordSha256) throw damaged('its record no longer matches the hash taken when it was kept');
    const value = parseJson(source.recordBytes);
    const problem = threadRecordProblem(value, source.id);
    if (problem) throw damaged(`its record is not a thread record PostProof writes (${problem})`);
    const record = value as ThreadRecord;
    if (record.signer.keyId !== signer.keyId) throw damaged(`it was signed by another key (${record.signer.keyId}) than this install’s`);
    if (!(await verifyDer(publicKey, source.recordBytes, source.signature))) throw damaged('its signature does not verify');
    for (const member of record.members) {
      if (!captures.has(member.captureId)) throw damaged(`its record lists capture ${member.captureId}, which its stored members do not`);
      if (captures.get(member.captureId) !== member.captureSha256) throw damaged(`capture ${member.captureId} is not the capture.json it listed (SHA-256 ${member.captureSha256})`);
    }
    exported.push({
      record,
      files: [
        { path: threadFilePath(record.id, THREAD_RECORD_FILE), data: source.recordBytes, bytes: source.recordBytes.length, sha256: source.recordSha256 },
        await evidenceFile(threadFilePath(record.id, THREAD_SIGNATURE_FILE), source.signature),
      ],
    });
  }
  return sortedThreads(exported);
}

/** What the verifier found of one thread folder. */
export interface ReadThread {
  record: ThreadRecord;
  /** Every check of this thread passed. */
  ok: boolean;
}

/** Written as JSON.stringify(record, null, 2) and a newline: any other form (a key given twice that jq reads one way and a person another) is refused. */
function canonical(bytes: Uint8Array, value: unknown): boolean {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const want = new TextEncoder().encode(text);
  return want.length === bytes.length && want.every((byte, n) => byte === bytes[n]);
}

/**
 * Checks every thread folder of an evidence file. `captures` maps each capture id the file holds to the SHA-256 of its
 * capture.json as it lies in the file (what `sha256sum` gives a person). Returns the threads whose record is well
 * formed (what report.html and VERIFY.txt must describe), each with whether it passed every check. `captureKeys`
 * (capture id → the key that signed its record, where checked) ties the thread to the install of its members.
 */
export async function verifyThreadFiles(
  files: EvidenceFiles,
  exporter: SignerKey | undefined,
  captures: ReadonlyMap<string, string>,
  checks: VerifyCheck[],
  options: { captureFile?: (captureId: string) => string; captureKeys?: ReadonlyMap<string, string | undefined> } = {},
): Promise<ReadThread[]> {
  const captureFile = options.captureFile ?? ((id: string) => captureFilePath(id, CAPTURE_RECORD_FILE));
  const folders = new Map<string, Set<string>>();
  for (const name of files.names()) {
    const match = THREAD_FILE_PATTERN.exec(name);
    if (!match) continue;
    const folder = folders.get(match[1]!) ?? folders.set(match[1]!, new Set()).get(match[1]!)!;
    folder.add(match[2]!);
  }
  const read: ReadThread[] = [];
  for (const [id, present] of folders) {
    const recordFile = threadFilePath(id, THREAD_RECORD_FILE);
    const signatureFile = threadFilePath(id, THREAD_SIGNATURE_FILE);
    const fail = (file: string, message: string) => checks.push({ check: 'thread', file, ok: false, message });
    const before = checks.length;
    if (!present.has(THREAD_RECORD_FILE)) {
      fail(recordFile, `The thread folder holds ${THREAD_SIGNATURE_FILE} but no ${THREAD_RECORD_FILE}: the thread record was removed.`);
      continue;
    }
    const bytes = files.read(recordFile, 'a thread record');
    if (typeof bytes === 'string') {
      fail(recordFile, `The thread record could not be read: ${bytes}`);
      continue;
    }
    const value = parseJson(bytes);
    const problem = threadRecordProblem(value, id) ?? (canonical(bytes, value) ? null : 'it is not in the form PostProof writes (one JSON object, as signed)');
    if (problem) {
      fail(recordFile, `This is not a thread record as PostProof signs it: ${problem}.`);
      continue;
    }
    const record = value as ThreadRecord;
    if (!present.has(THREAD_SIGNATURE_FILE)) {
      fail(signatureFile, `The thread record has no signature (${THREAD_SIGNATURE_FILE} is missing): nothing shows who made it.`);
    } else if (exporter) {
      const signature = files.read(signatureFile, 'a signature');
      const verified = typeof signature !== 'string' && (await verifyDer(exporter.key, bytes, signature).catch(() => false));
      if (!verified) fail(signatureFile, `The signature does not verify ${recordFile} with signer.pem’s key ${exporter.keyId}: the thread record was changed after it was signed, or signed by another key.`);
      if (record.signer.keyId !== exporter.keyId) fail(recordFile, `The thread record names the signing key ${record.signer.keyId}, not signer.pem’s ${exporter.keyId}.`);
    }
    // A thread is made by the install that made its members: a thread signed by another key than theirs was not.
    const otherKeys = record.members.filter((member) => {
      const memberKey = options.captureKeys?.get(member.captureId);
      return memberKey !== undefined && memberKey !== record.signer.keyId;
    });
    if (otherKeys.length > 0) {
      fail(recordFile, `The thread record is signed by key ${record.signer.keyId}, not by the key that signed its member capture ${otherKeys[0]!.captureId}: a thread is signed by the install that captured its members.`);
    }
    for (const [index, member] of record.members.entries()) {
      const listed = captures.get(member.captureId);
      if (listed === undefined) fail(recordFile, `Member ${index + 1}, capture ${member.captureId}, is not in this file: the thread is incomplete.`);
      else if (listed !== member.captureSha256) {
        fail(recordFile, `Member ${index + 1}: ${captureFile(member.captureId)} has SHA-256 ${listed}, not the ${member.captureSha256} the thread record lists: one of them was changed.`);
      }
    }
    const ok = checks.length === before;
    if (ok) {
      checks.push({
        check: 'thread',
        file: recordFile,
        ok: true,
        message: `Thread ${id}: signed by signer.pem’s key; its ${record.members.length} member capture(s) are all here, each capture.json with the SHA-256 the record lists, in page order.`,
      });
    }
    read.push({ record, ok });
  }
  return sortedThreads(read);
}
