// Verifies a PostProof WACZ (docs/wacz.md) as a person's stock tools would see it, and more: the strict ZIP, signer.pem,
// the signed SHA256SUMS (which binds datapackage-digest.json and its token), nothing unlisted, datapackage.json and
// its anonymous signature by signer.pem's own key, the package token anchored outside the file, the WARC's records
// every one accounted for by a signed capture record or the package, each capture's signature, artifacts and tokens,
// the sequence chain, the readable files against the signed records, and the signing keys against the person's pins.
// Every failure names its file (or WARC record) and check; nothing is thrown.

import { checkSignedChecksums, CHECKSUMS_FILE } from '../../evidence/checksum-checks';
import { openEvidenceFiles } from '../../evidence/evidence-files';
import { readExporterKey } from '../../evidence/signer-key';
import { checkSigners } from '../../evidence/signer-pins';
import { stampTrust } from '../../evidence/stamp-checks';
import type { VerifyCheck, VerifyOptions, VerifyReport } from '../../evidence/verify-types';
import type { ZipSource } from '../../zip/source';
import { verifiedCaptureSummary } from '../../evidence/capture-summary';
import { verifyThreadFiles } from '../../evidence/thread-files';
import { KEY_FILE } from './layout';
import { checkLayout, checkPackage, checkPackageToken, tokenCertificates } from './package-checks';
import { checkReadableFiles } from './readable-checks';
import { keepForParsing } from './read-limits';
import { checkWarcinfo, RecordClaims, reportUnaccounted } from './record-claims';
import { readTsaRecords } from './tsa-records';
import { captureFile, verifyWarcCaptures, type WaczCapture } from './warc-captures';
import { readWarc } from './warc-reading';

export async function verifyWacz(input: ZipSource | Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const files = await openEvidenceFiles(input, keepForParsing, options, checks);
  if (!files) return { verdict: 'invalid', checks, captures: [] };

  const exporter = await readExporterKey(files, KEY_FILE, checks);
  await checkSignedChecksums(files, exporter?.key, checks);
  checkLayout(files, checks);
  const pkg = await checkPackage(files, exporter, checks);
  const warc = await readWarc(files, checks);
  const claims = warc ? new RecordClaims(warc) : null;
  const created = pkg.datapackage?.created;
  const shipped = [...(claims ? await readTsaRecords(claims, created, checks) : []), ...(await tokenCertificates(pkg.digest, checks))];
  const trust = stampTrust(options, shipped);
  const packageStamp = await checkPackageToken(pkg, trust, checks);
  const captures = claims ? await verifyWarcCaptures(claims, exporter, trust, checks) : [];
  // Each thread record against the capture records in the WARC (their capture.json bytes, as signed).
  const threads = await verifyThreadFiles(files, exporter, new Map(captures.map((c) => [c.record.id, c.sha256])), checks, {
    captureFile,
    captureKeys: new Map(captures.map((c) => [c.record.id, c.record.signer.keyId])),
  });
  if (claims) {
    checkWarcinfo(claims, pkg.datapackage, checks);
    reportUnaccounted(claims, checks);
    if (pkg.datapackage && exporter) await checkReadableFiles(files, claims, pkg.datapackage, exporter.keyId, captures, checks, threads.map((thread) => thread.record));
  }
  const signers = checkSigners(
    { ...(exporter ? { exporter: exporter.keyId } : {}), captures: new Map(captures.flatMap((c) => (c.keyId ? [[c.record.id, c.keyId] as const] : []))) },
    options,
    checks,
  );
  return {
    verdict: checks.every((c) => c.ok) ? 'valid' : 'invalid',
    checks,
    captures: captures.map(({ record, keyId, stamps }) => verifiedCaptureSummary(record, keyId, stamps)),
    ...(exporter ? { keyId: exporter.keyId } : {}),
    signers,
    unanchored: [packageStamp, ...captures.flatMap((c) => c.stamps)].flatMap((stamp) => (stamp?.unanchored ? [stamp.unanchored] : [])),
    ...(files.sha256(CHECKSUMS_FILE) ? { checksumsSha256: files.sha256(CHECKSUMS_FILE)! } : {}),
  };
}
