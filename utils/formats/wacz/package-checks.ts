// The package level of WACZ verification: the root holds PostProof's files and nothing else; datapackage.json lists
// exactly the WARC, index, pages, guide and key with their sizes and hashes; datapackage-digest.json carries that
// file's hash, signed in the anonymous mode by signer.pem's own key; and the package token (bound by SHA256SUMS, whose
// signature was checked before) is anchored outside the file and not dated before the export.

import { pemCertificates } from '../../provenance/tsa-token';
import { fromBase64, sha256Hex } from '../../provenance/hash';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { SignerKey } from '../../evidence/signer-key';
import { checkStamp, readShippedCertificates, type CheckedStamp, type StampTrust } from '../../evidence/stamp-checks';
import type { VerifyCheck, VerifiedTimestamp } from '../../evidence/verify-types';
import { datapackageProblem, digestProblem, serializeJson, verifyAnonymousSignature, type Datapackage, type DatapackageDigest } from './datapackage';
import { DATAPACKAGE_FILE, DIGEST_FILE, LISTED_FILES, WACZ_FILES } from './layout';
import { sameBytes } from '../../evidence/text-compare';
import { isTsaPem } from '../../evidence/tsa-pem';
import { THREAD_FILE_PATTERN } from '../../evidence/thread-files';

export interface CheckedPackage {
  datapackage: Datapackage | null;
  datapackageBytes?: Uint8Array;
  digest: DatapackageDigest | null;
}

const TOKEN_FILE = `${DIGEST_FILE}#timestamp`;

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

/** The root holds the files of a PostProof WACZ, each once, its thread records (threads/<id>/), and nothing else. */
export function checkLayout(files: EvidenceFiles, checks: VerifyCheck[]): void {
  for (const name of WACZ_FILES) {
    if (!files.has(name)) checks.push({ check: 'wacz-layout', file: name, ok: false, message: `A PostProof WACZ always holds ${name}; this one does not.` });
  }
  for (const name of files.names()) {
    if (!WACZ_FILES.includes(name) && !THREAD_FILE_PATTERN.test(name)) checks.push({ check: 'unexpected-file', file: name, ok: false, message: 'This file is no part of a PostProof WACZ: it was added after export.' });
  }
}

/**
 * datapackage.json lists exactly the WARC, index, pages, guide and key, then the thread records the WACZ holds, each
 * with its size and SHA-256.
 */
function checkResources(files: EvidenceFiles, datapackage: Datapackage, checks: VerifyCheck[]): void {
  const before = checks.length;
  const paths = datapackage.resources.map((r) => r.path);
  const threadFiles = files.names().filter((name) => THREAD_FILE_PATTERN.test(name));
  const expected = [...LISTED_FILES, ...threadFiles];
  if (paths.length !== expected.length || !expected.every((path, i) => paths[i] === path)) {
    checks.push({
      check: 'datapackage',
      file: DATAPACKAGE_FILE,
      ok: false,
      message: `Its resources are ${JSON.stringify(paths).slice(0, 300)}; a PostProof WACZ lists exactly ${LISTED_FILES.join(', ')}, then its thread records (${threadFiles.length} file(s) here), in that order.`,
    });
    for (const name of threadFiles) if (!paths.includes(name)) checks.push({ check: 'file-hash', file: name, ok: false, message: `${DATAPACKAGE_FILE} does not list this file: it was added after export.` });
  }
  for (const { path, hash, bytes } of datapackage.resources) {
    if (!files.has(path)) checks.push({ check: 'file-hash', file: path, ok: false, message: `${DATAPACKAGE_FILE} lists this file, but the WACZ does not hold it.` });
    else if (files.size(path) !== bytes || `sha256:${files.sha256(path)}` !== hash) checks.push({ check: 'file-hash', file: path, ok: false, message: `The file differs from the size and SHA-256 ${DATAPACKAGE_FILE} gives for it.` });
  }
  if (checks.length === before) checks.push({ check: 'file-hash', file: DATAPACKAGE_FILE, ok: true, message: `All ${paths.length} files ${DATAPACKAGE_FILE} lists match their sizes and hashes.` });
}

function readDigest(files: EvidenceFiles, checks: VerifyCheck[]): DatapackageDigest | null {
  const bytes = files.read(DIGEST_FILE, 'a package digest');
  if (typeof bytes === 'string') {
    checks.push({ check: 'datapackage-digest', file: DIGEST_FILE, ok: false, message: `The package digest could not be read: ${bytes}` });
    return null;
  }
  const value = parse(bytes);
  const why = digestProblem(value);
  // Written as JSON.stringify(…, null, 2): another form (a key given twice, that jq and a person read differently) is refused.
  if (why || !sameBytes(bytes, serializeJson(value))) {
    checks.push({ check: 'datapackage-digest', file: DIGEST_FILE, ok: false, message: `${DIGEST_FILE} is not a signed WACZ digest as PostProof writes it: ${why ?? 'it is not in the form PostProof writes'}.` });
    return null;
  }
  return value as DatapackageDigest;
}

/** The digest covers datapackage.json and is signed by the exporting key (signer.pem). */
async function checkDigest(bytes: Uint8Array, datapackage: Datapackage | null, digest: DatapackageDigest, exporter: SignerKey | undefined, checks: VerifyCheck[]): Promise<void> {
  const hash = `sha256:${await sha256Hex(bytes)}`;
  const agree = digest.hash === hash && digest.signedData.hash === hash;
  const same = !datapackage || (digest.signedData.created === datapackage.created && digest.signedData.software === datapackage.software);
  checks.push(
    agree && same
      ? { check: 'datapackage-digest', file: DATAPACKAGE_FILE, ok: true, message: `${DATAPACKAGE_FILE} matches the signed hash in ${DIGEST_FILE}.` }
      : {
          check: 'datapackage-digest',
          file: agree ? DIGEST_FILE : DATAPACKAGE_FILE,
          ok: false,
          message: agree ? `The signed "created" or "software" differs from ${DATAPACKAGE_FILE}’s.` : `${DATAPACKAGE_FILE} does not match the signed hash in ${DIGEST_FILE}: the list of files was changed after export.`,
        },
  );
  const signature = await verifyAnonymousSignature(digest.signedData);
  checks.push(
    signature.ok
      ? { check: 'datapackage-signature', file: DIGEST_FILE, ok: true, message: `The package signature verifies (ECDSA P-384, key ${signature.keyId}). ReplayWeb.page shows this key but never this verdict.` }
      : { check: 'datapackage-signature', file: DIGEST_FILE, ok: false, message: `The package signature does not hold: ${signature.problem}.` },
  );
  if (!signature.keyId || !exporter) return;
  checks.push(
    signature.keyId === exporter.keyId
      ? { check: 'datapackage-key', file: DIGEST_FILE, ok: true, message: 'The package is signed with signer.pem’s key, the key that signed SHA256SUMS.' }
      : { check: 'datapackage-key', file: DIGEST_FILE, ok: false, message: `The package signature is by key ${signature.keyId}, not by signer.pem’s key ${exporter.keyId}: ReplayWeb.page would show another signer than the one that signed the files.` },
  );
}

/** datapackage.json and datapackage-digest.json; the WARC and its records are checked elsewhere. */
export async function checkPackage(files: EvidenceFiles, exporter: SignerKey | undefined, checks: VerifyCheck[]): Promise<CheckedPackage> {
  const bytes = files.read(DATAPACKAGE_FILE, 'a package description');
  let datapackage: Datapackage | null = null;
  if (typeof bytes === 'string') {
    checks.push({ check: 'datapackage', file: DATAPACKAGE_FILE, ok: false, message: `The package description could not be read: ${bytes}` });
  } else {
    const value = parse(bytes);
    const why = datapackageProblem(value);
    if (why) checks.push({ check: 'datapackage', file: DATAPACKAGE_FILE, ok: false, message: `${DATAPACKAGE_FILE} is not a WACZ 1.1.1 package description: ${why}.` });
    else datapackage = value as Datapackage;
  }
  if (datapackage) checkResources(files, datapackage, checks);
  const digest = readDigest(files, checks);
  if (digest && typeof bytes !== 'string') await checkDigest(bytes, datapackage, digest, exporter, checks);
  return { datapackage, digest, ...(typeof bytes !== 'string' ? { datapackageBytes: bytes } : {}) };
}

/** The certificates the package token's entry carries (chain links, never anchors). */
export async function tokenCertificates(digest: DatapackageDigest | null, checks: VerifyCheck[]): Promise<Uint8Array[]> {
  const timestamp = digest?.timestamp;
  if (!timestamp) return [];
  const file = `${TOKEN_FILE}.tsaChain`;
  if (!(await isTsaPem(timestamp.tsaChain, timestamp.tsa, timestamp.tsaUrl))) {
    checks.push({ check: 'tsa-certificate', file, ok: false, message: 'The authority’s certificates are not in the form PostProof writes (a comment naming the authority, then each certificate under its SHA-256 fingerprint).' });
    return [];
  }
  return pemCertificates(timestamp.tsaChain).length > 0 ? readShippedCertificates([{ file, text: timestamp.tsaChain }], pemCertificates, checks) : [];
}

/** The package token over datapackage.json, anchored outside the file; none is a note. Returns it when anchored. */
export async function checkPackageToken(pkg: CheckedPackage, trust: StampTrust, checks: VerifyCheck[]): Promise<CheckedStamp | undefined> {
  const { digest, datapackage, datapackageBytes } = pkg;
  if (!digest || !datapackageBytes) return undefined;
  if (!digest.timestamp) {
    checks.push({
      check: 'timestamp',
      file: DIGEST_FILE,
      ok: true,
      note: true,
      message: 'Note: the package carries no RFC 3161 timestamp (timestamping was off, or the authority out of reach, at export): the export time rests on the collector’s clock. No token was removed since: SHA256SUMS, signed, lists this file as it is.',
    });
    return undefined;
  }
  const tsr = fromBase64(digest.timestamp.tsr);
  if (!tsr) {
    checks.push({ check: 'timestamp', file: TOKEN_FILE, ok: false, message: 'The timestamp token is not base64.' });
    return undefined;
  }
  const subject = { file: TOKEN_FILE, data: datapackageBytes, what: DATAPACKAGE_FILE, ...(datapackage ? { madeAt: datapackage.created, madeBy: 'the export time in datapackage.json' } : {}) };
  return (await checkStamp(tsr, subject, trust, checks)) ?? undefined;
}
