// Seals an evidence bundle (DESIGN.md §5): given the entries of every capture's files, everything else it holds —
// the summaries (signer.pem, VERIFY.txt, report.html, CSV, JSONL, custody.jsonl, tsa/*.pem), the signed manifest
// listing every file, and SHA256SUMS with its signature.

import { BUNDLE_FORMAT, SIGNATURE_ALGORITHM, type BundleManifest } from '../../model';
import { spkiToPem } from '../../provenance/ecdsa';
import { capturesJsonl } from '../../evidence/capture-summary';
import { formatChecksums } from '../../evidence/checksum-checks';
import { evidenceFile as bundleFile, type BundleEntry, type BundleFile, type CollectedCapture } from '../../evidence/collect-capture';
import type { BundleSigner, BundleTsaChain } from '../../evidence/capture-source';
import { authorityPems } from '../../evidence/tsa-pem';
import type { ExportedThread } from '../../evidence/thread-files';
import { capturesCsv } from './captures-csv';
import {
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  CSV_FILE,
  CUSTODY_FILE,
  JSONL_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  REPORT_FILE,
  SIGNER_KEY_FILE,
  tsaCertificateFile,
  VERIFY_GUIDE_FILE,
} from './layout';
import { renderReportHtml } from './report-html';
import { renderVerifyGuide } from './verify-guide';

/**
 * tsa/<id>.pem for every authority that stamped a capture in this bundle (utils/evidence/tsa-pem.ts): a convenience
 * copy; the verifier and VERIFY.txt never take a root from it.
 */
async function tsaFiles(collected: readonly CollectedCapture<BundleEntry>[], chains: ReadonlyMap<string, BundleTsaChain> | undefined): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const [id, pem] of await authorityPems(collected, chains)) files.push(await bundleFile(tsaCertificateFile(id), pem));
  return files;
}

/** Sequence order is the order the captures were made, whatever order they were chosen in. */
export function sortedCaptures<F extends BundleEntry>(collected: readonly CollectedCapture<F>[]): CollectedCapture<F>[] {
  return [...collected].sort((a, b) => a.summary.sequence - b.summary.sequence || (a.summary.id < b.summary.id ? -1 : 1));
}

export interface SealOptions {
  signer: BundleSigner;
  software: string;
  createdAt: string;
  tsaChains?: ReadonlyMap<string, BundleTsaChain>;
  /** The threads exported with these captures (threads/<id>/), in the order they were preserved. */
  threads?: readonly ExportedThread[];
}

/**
 * Everything a bundle holds besides the captures' own files, given those files' entries: the summaries, the signed
 * manifest (listing every file), and SHA256SUMS with its signature. The one bundle writer (bundle-writer.ts) seals with this.
 */
export async function sealBundle(
  collected: readonly CollectedCapture<BundleEntry>[],
  { signer, software, createdAt, tsaChains, threads = [] }: SealOptions,
): Promise<{ head: BundleFile[]; summaries: BundleFile[] }> {
  const ordered = sortedCaptures(collected);
  const summaryRows = ordered.map((c) => c.summary);
  const custodyLines = ordered.flatMap((c) => c.custody);
  const derived = ordered.flatMap((c) => (c.derived ? [c.derived] : []));
  const threadRecords = threads.map((thread) => thread.record);
  const summaries = [
    await bundleFile(SIGNER_KEY_FILE, spkiToPem(signer.publicKeySpki)),
    await bundleFile(VERIFY_GUIDE_FILE, renderVerifyGuide({ keyId: signer.keyId, software, createdAt, hasCustody: custodyLines.length > 0 }, summaryRows, threadRecords)),
    await bundleFile(REPORT_FILE, await renderReportHtml(summaryRows, { createdAt, software, keyId: signer.keyId }, threadRecords)),
    await bundleFile(CSV_FILE, capturesCsv(summaryRows)),
    await bundleFile(JSONL_FILE, capturesJsonl(summaryRows)),
    ...(custodyLines.length > 0 ? [await bundleFile(CUSTODY_FILE, custodyLines.map((line) => `${line}\n`).join(''))] : []),
    ...(await tsaFiles(ordered, tsaChains)),
  ];
  const listed: BundleEntry[] = [...summaries, ...ordered.flatMap((c) => c.files), ...threads.flatMap((thread) => thread.files)];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt,
    software,
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: signer.keyId, publicKeyFile: SIGNER_KEY_FILE },
    captures: summaryRows.map((s) => s.id),
    files: listed.map((file) => ({ path: file.path, bytes: file.bytes, sha256: file.sha256 })),
    ...(derived.length > 0 ? { derived } : {}),
  };
  const manifestFile = await bundleFile(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  const signatureFile = await bundleFile(MANIFEST_SIGNATURE_FILE, await signer.sign(manifestFile.data));
  const checksums = await bundleFile(CHECKSUMS_FILE, formatChecksums([manifestFile, signatureFile, ...listed]));
  // What binds every file for stock tools: openssl dgst -verify, then sha256sum -c.
  const checksumsSignature = await bundleFile(CHECKSUMS_SIGNATURE_FILE, await signer.sign(checksums.data));
  return { head: [manifestFile, signatureFile, checksums, checksumsSignature], summaries };
}
