// Verifies an evidence bundle (DESIGN.md §5) as a person's stock tools would see it, and more: the strict ZIP, the
// signed SHA256SUMS, the signed manifest, nothing unlisted, each capture's signed record, files and anchored
// timestamps, the capture chain, the custody log, derived copies, the readable files against the signed records, and
// the signing keys against the person's pins. Every failure names its file and check; nothing is thrown.

import type { CustodyEvent } from '../../provenance/custody';
import { pemCertificates } from '../../provenance/tsa-token';
import { checkSignedChecksums } from '../../evidence/checksum-checks';
import { openEvidenceFiles, type EvidenceFiles } from '../../evidence/evidence-files';
import { readExporterKey } from '../../evidence/signer-key';
import { isTsaPem } from '../../evidence/tsa-pem';
import { checkSigners } from '../../evidence/signer-pins';
import { readShippedCertificates, stampTrust } from '../../evidence/stamp-checks';
import type { VerifyCheck, VerifyOptions, VerifyReport } from '../../evidence/verify-types';
import type { ZipSource } from '../../zip/source';
import { verifiedCaptureSummary, type CaptureSummary } from '../../evidence/capture-summary';
import { isObject, parseJson } from '../../evidence/record-shapes';
import { THREAD_FILE_PATTERN, verifyThreadFiles } from '../../evidence/thread-files';
import { verifyCaptures } from './capture-checks';
import { checkCustody } from './custody-checks';
import { checkDerivedFiles } from './derived-checks';
import {
  CAPTURES_DIR,
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  CSV_FILE,
  CUSTODY_FILE,
  JSONL_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  REPORT_FILE,
  SIGNER_KEY_FILE,
  TSA_DIR,
  VERIFY_GUIDE_FILE,
} from './layout';
import { checkManifest } from './manifest-checks';
import { keepForParsing } from './read-limits';
import { checkReadableFiles } from './summary-checks';

const REQUIRED_AT_ROOT = [MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE, SIGNER_KEY_FILE, VERIFY_GUIDE_FILE, REPORT_FILE, CSV_FILE, JSONL_FILE];
const TSA_FILE = new RegExp(`^${TSA_DIR}/[A-Za-z0-9._~+-]+\\.pem$`);

/** Outside captures/, a bundle holds its fixed files, custody.jsonl, tsa/<id>.pem and threads/<id>/thread.json(.sig), and nothing else. */
function checkRootLayout(files: EvidenceFiles, checks: VerifyCheck[]): void {
  for (const name of REQUIRED_AT_ROOT) {
    if (!files.has(name)) checks.push({ check: 'bundle-layout', file: name, ok: false, message: `A PostProof bundle always holds ${name}; this one does not.` });
  }
  for (const name of files.names()) {
    if (name.startsWith(`${CAPTURES_DIR}/`) || REQUIRED_AT_ROOT.includes(name) || name === CUSTODY_FILE || TSA_FILE.test(name) || THREAD_FILE_PATTERN.test(name)) continue;
    checks.push({ check: 'unexpected-file', file: name, ok: false, message: 'This file is no part of a PostProof bundle: it was added after export.' });
  }
}

/**
 * The certificates of tsa/*.pem, for building token chains (never anchors). Each file must be exactly the PEM the
 * writer makes (utils/evidence/tsa-pem.ts): every fingerprint comment a person reads in it is then the fingerprint of
 * the certificate below it.
 */
async function tsaCertificates(files: EvidenceFiles, checks: VerifyCheck[]): Promise<Uint8Array[]> {
  const pems: { file: string; text: string }[] = [];
  for (const file of files.names().filter((name) => TSA_FILE.test(name))) {
    const bytes = files.bytes(file);
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    if (await isTsaPem(text)) pems.push({ file, text });
    else checks.push({ check: 'tsa-certificate', file, ok: false, message: 'The authority’s certificates are not in the form PostProof writes (a comment naming the authority, then each certificate under its SHA-256 fingerprint): what a person reads in this file may not be what it holds.' });
  }
  return readShippedCertificates(pems, pemCertificates, checks);
}

/** The SHA-256 of every captures/<id>/capture.json the bundle holds, and the key each names, by capture id. */
function captureRecordFacts(files: EvidenceFiles): { hashes: Map<string, string>; keys: Map<string, string | undefined> } {
  const hashes = new Map<string, string>();
  const keys = new Map<string, string | undefined>();
  for (const name of files.names()) {
    const match = /^captures\/([^/]+)\/capture\.json$/.exec(name);
    if (!match) continue;
    hashes.set(match[1]!, files.sha256(name)!);
    const bytes = files.bytes(name);
    const record = bytes ? parseJson(bytes) : null;
    const keyId = isObject(record) && isObject(record.signer) && typeof record.signer.keyId === 'string' ? record.signer.keyId : undefined;
    keys.set(match[1]!, keyId);
  }
  return { hashes, keys };
}

/** What a verification read, for import: each file's SHA-256 and the small files' bytes, exactly as checked. */
export interface VerifiedBundle {
  report: VerifyReport;
  files?: EvidenceFiles;
  /** The summary rows the signed contents give (captures.jsonl as it must read). */
  rows: CaptureSummary[];
}

export async function verifyBundle(input: ZipSource | Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  return (await verifyBundleFiles(input, options)).report;
}

export async function verifyBundleFiles(input: ZipSource | Uint8Array, options: VerifyOptions = {}): Promise<VerifiedBundle> {
  const checks: VerifyCheck[] = [];
  const files = await openEvidenceFiles(input, keepForParsing, options, checks);
  if (!files) return { report: { verdict: 'invalid', checks, captures: [] }, rows: [] };

  const exporter = await readExporterKey(files, SIGNER_KEY_FILE, checks);
  await checkSignedChecksums(files, exporter?.key, checks);
  const manifest = await checkManifest(files, exporter, checks);
  checkRootLayout(files, checks);
  if (manifest) checkDerivedFiles(files, manifest, checks);
  const trust = stampTrust(options, await tsaCertificates(files, checks));
  const captures = await verifyCaptures(files, manifest, exporter, trust, checks);
  const custody: Map<string, CustodyEvent[]> = await checkCustody(files, new Map(captures.map((c) => [c.record.id, c.sha256])), checks);
  // Each thread record against the capture.json files as they lie in the bundle (what sha256sum gives a person).
  const facts = captureRecordFacts(files);
  const threads = await verifyThreadFiles(files, exporter, facts.hashes, checks, { captureKeys: facts.keys });
  const rows =
    manifest && exporter && captures.length === manifest.captures.length
      ? await checkReadableFiles(files, manifest, exporter.keyId, captures, custody, checks, threads.map((thread) => thread.record))
      : [];
  const signers = checkSigners({ ...(exporter ? { exporter: exporter.keyId } : {}), captures: new Map(captures.map((c) => [c.record.id, c.keyId])) }, options, checks);

  const report: VerifyReport = {
    verdict: checks.every((c) => c.ok) ? 'valid' : 'invalid',
    checks,
    captures: captures.map(({ record, keyId, stamps }) => verifiedCaptureSummary(record, keyId, stamps.map(({ stamp }) => stamp))),
    ...(exporter ? { keyId: exporter.keyId } : {}),
    signers,
    unanchored: captures.flatMap((c) => c.stamps.flatMap(({ stamp }) => (stamp.unanchored ? [stamp.unanchored] : []))),
    ...(files.sha256(CHECKSUMS_FILE) ? { checksumsSha256: files.sha256(CHECKSUMS_FILE)! } : {}),
  };
  return { report, files, rows };
}
