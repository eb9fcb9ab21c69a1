// Writes an evidence bundle (DESIGN.md §5): every capture's signed record and artifacts, the summaries, the signed
// manifest and SHA256SUMS, as a ZIP of STORED entries in a fixed order.

import JSZip from 'jszip';
import { BUNDLE_FORMAT, CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type BundleManifest, type CaptureRecord, type DerivedFileEntry } from '../../model';
import { parseCustodyLine } from '../../provenance/custody';
import { importPublicKeySpki, keyIdFromSpki, spkiToPem, verifyDer } from '../../provenance/ecdsa';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { annotatedCopy } from '../../evidence/annotated-screenshot';
import { summarizeCapture, capturesJsonl, type CaptureSummary } from './capture-summary';
import { capturesCsv } from './captures-csv';
import { formatChecksums } from '../../evidence/checksum-checks';
import { authorityPems } from '../../evidence/tsa-pem';
import { PINNED_TSA_ROOTS, type PinnedRoot } from '../../provenance/tsa-roots';
import { describeStamps } from './stamp-chains';
import { isSafeSegment, unsafeEntryNameReason } from '../../zip/entry-names';
import { BundleError, errorMessage } from '../../evidence/errors';
import {
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  CAPTURE_SIGNER_FILE,
  captureFilePath,
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  CSV_FILE,
  CUSTODY_FILE,
  JSONL_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  MAX_BUNDLE_BYTES,
  REPORT_FILE,
  SIGNER_KEY_FILE,
  tsaCertificateFile,
  VERIFY_GUIDE_FILE,
} from './layout';
import { renderReportHtml } from './report-html';
import { bundleStamps } from '../../evidence/stamp-order';
import type { BundleCaptureSource, BundleTsaChain, ScreenshotAnnotator, WriteBundleInput } from './types';
import { renderVerifyGuide } from './verify-guide';

/** A file as the manifest and SHA256SUMS list it. */
export interface BundleEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BundleFile extends BundleEntry {
  data: Uint8Array;
}

/**
 * A stored file passed on unread (the volume export): its Blob, and the CRC-32 taken when it was stored. Its entry's
 * SHA-256 is the one in the signed record: a copy damaged in storage since would fail `unzip -t` (CRC-32),
 * `sha256sum -c` and the verifier, rather than be stopped here.
 */
export interface BundlePart extends BundleEntry {
  blob: Blob;
  crc32: number;
}

/** How collectCapture keeps what it read: `keepPart` takes the stored files it need not read (the volume export). */
export interface CollectOptions<F> {
  annotate?: ScreenshotAnnotator;
  keepPart?: (part: BundlePart) => F | Promise<F>;
  /** The authorities' certificates, to say which root each token's chain reaches. */
  tsaChains?: ReadonlyMap<string, BundleTsaChain>;
  /** The preset authorities' pinned roots (tsa-roots.ts by default; tests give their own). */
  pinnedRoots?: readonly PinnedRoot[];
}

export interface CollectedCapture<F extends BundleEntry = BundleFile> {
  summary: CaptureSummary;
  files: F[];
  custody: string[];
  /** The annotated screenshot copy, for manifest.json `derived[]`. */
  derived?: DerivedFileEntry;
  /** The pinned root each authority's tokens reach, by tsaId: shipped in tsa/<id>.pem so the chain is complete. */
  pinnedRoots: Map<string, PinnedRoot>;
}

const RESERVED_IN_CAPTURE = new Set([CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_NOTES_FILE, CAPTURE_SIGNER_FILE]);
/** capture.json.tsr and capture.json.<tsa>.tsr are the writer's own names. */
const isReservedInCapture = (path: string) => RESERVED_IN_CAPTURE.has(path) || path.startsWith(`${CAPTURE_RECORD_FILE}.`);

async function bundleFile(path: string, data: Uint8Array | string): Promise<BundleFile> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return { path, data: bytes, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

function damagedArtifact(captureId: string, path: string): BundleError {
  return new BundleError(
    'BUNDLE_ARTIFACT_DAMAGED',
    `The stored file ${path} of capture ${captureId} no longer matches the hash in its signed record; the stored copy is damaged. Leave this capture out of the export and report the problem.`,
  );
}

function parseRecord(bytes: Uint8Array): CaptureRecord | null {
  try {
    const record = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as CaptureRecord;
    return record?.format === CAPTURE_FORMAT ? record : null;
  } catch {
    return null;
  }
}

/**
 * Reads and checks one capture, one file at a time. `keep` decides what stays of each file: the whole file (the
 * in-memory writer) or only its entry once the file is written out (the streaming writer, utils/export/volumes.ts).
 */
export async function collectCapture<F extends BundleEntry>(
  source: BundleCaptureSource,
  signer: WriteBundleInput['signer'],
  publicKey: CryptoKey,
  keep: (file: BundleFile) => F | Promise<F>,
  { annotate, keepPart, tsaChains, pinnedRoots: pinned }: CollectOptions<F> = {},
): Promise<CollectedCapture<F>> {
  const { stored } = source;
  if (!isSafeSegment(stored.id)) {
    throw new BundleError('BUNDLE_UNSAFE_PATH', `The capture id "${stored.id}" cannot be used as a folder name; this capture record is not one PostProof made.`);
  }
  const damaged = (why: string) =>
    new BundleError('BUNDLE_RECORD_DAMAGED', `Capture ${stored.id} cannot be exported: ${why}. The stored copy may be damaged; leave this capture out of the export and report the problem.`);
  // Both hashes at once; the record's is checked, the signature's is its SHA256SUMS line.
  const [recordSha256, signatureSha256] = await Promise.all([sha256Hex(stored.recordBytes), sha256Hex(stored.signature)]);
  if (recordSha256 !== stored.recordSha256) throw damaged('its record no longer matches the hash taken when it was saved');
  const record = parseRecord(stored.recordBytes);
  if (!record || record.id !== stored.id) throw damaged('its record is not a readable PostProof capture record');
  // An imported capture of another install travels with that install's key (captures/<id>/signer.pem).
  const foreign = record.signer?.keyId !== signer.keyId && stored.foreignSigner?.keyId === record.signer?.keyId ? stored.foreignSigner : undefined;
  if (foreign && (await keyIdFromSpki(foreign.spki)) !== foreign.keyId) throw damaged('the key it was imported with is not the key it names');
  if (record.signer?.keyId !== signer.keyId && !foreign) {
    throw new BundleError(
      'BUNDLE_RECORD_OTHER_KEY',
      `Capture ${stored.id} was signed by another key (${record.signer?.keyId ?? 'none'}) than this install’s (${signer.keyId}); export it from the install that made it.`,
    );
  }
  const stamps = bundleStamps(source.stamps ?? []);
  for (const { stamp } of stamps) {
    if (!isSafeSegment(stamp.tsaId)) throw damaged(`its timestamp authority id "${stamp.tsaId}" cannot be used in a file name`);
  }
  const recordKey = foreign ? await importPublicKeySpki(foreign.spki) : publicKey;
  const [verified, stampFiles, signerFile] = await Promise.all([
    verifyDer(recordKey, stored.recordBytes, stored.signature),
    Promise.all(stamps.map(({ stamp, file }) => bundleFile(captureFilePath(stored.id, file), stamp.tsr))),
    foreign ? bundleFile(captureFilePath(stored.id, CAPTURE_SIGNER_FILE), spkiToPem(foreign.spki)) : undefined,
  ]);
  if (!verified) throw damaged('its signature does not verify');

  const known = (name: string, data: Uint8Array, sha256: string): BundleFile => ({ path: captureFilePath(stored.id, name), data, bytes: data.length, sha256 });
  const files = [
    await keep(known(CAPTURE_RECORD_FILE, stored.recordBytes, recordSha256)),
    await keep(known(CAPTURE_SIGNATURE_FILE, stored.signature, signatureSha256)),
    ...(signerFile ? [await keep(signerFile)] : []),
  ];
  for (const file of stampFiles) files.push(await keep(file));
  const labels = stamps.map((s) => s.summary);
  const { timestamps, pinnedRoots } = stamps.length ? await describeStamps(stamps, tsaChains, pinned ?? PINNED_TSA_ROOTS, damaged) : { timestamps: [], pinnedRoots: new Map<string, PinnedRoot>() };
  const artifacts = [...record.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const screenshotArtifact = record.artifacts.find((a) => a.role === 'screenshot');
  for (const artifact of artifacts) {
    const unsafe = unsafeEntryNameReason(artifact.path);
    if (unsafe || artifact.path.endsWith('/') || isReservedInCapture(artifact.path)) {
      throw new BundleError('BUNDLE_UNSAFE_PATH', `Capture ${stored.id} lists a file named "${artifact.path}" that cannot be written safely (${unsafe ?? 'reserved name'}).`);
    }
    const path = captureFilePath(stored.id, artifact.path);
    let data: Uint8Array | undefined;
    let part: { blob: Blob; crc32: number } | undefined;
    try {
      part = keepPart ? await source.readArtifactBlob?.(artifact.path) : undefined;
      if (!part) data = await source.readArtifact(artifact.path);
    } catch (error) {
      throw new BundleError(
        'BUNDLE_ARTIFACT_UNREADABLE',
        `The file ${artifact.path} of capture ${stored.id} could not be read from storage (${errorMessage(error)}); the export was stopped so no bundle leaves with a file missing.`,
      );
    }
    // Outside the try: a cancel or a full volume while the file is added must not read as a storage failure.
    if (part && keepPart) {
      if (part.blob.size !== artifact.bytes) throw damagedArtifact(stored.id, artifact.path);
      files.push(await keepPart({ path, bytes: artifact.bytes, sha256: artifact.sha256, blob: part.blob, crc32: part.crc32 }));
      continue;
    }
    const file = await bundleFile(path, data!);
    if (file.sha256 !== artifact.sha256 || file.bytes !== artifact.bytes) throw damagedArtifact(stored.id, artifact.path);
    files.push(await keep(file));
  }
  let derived: DerivedFileEntry | undefined;
  let annotationProblem: string | undefined;
  if (annotate && screenshotArtifact) {
    const outcome = await annotatedCopy(source, { record, screenshot: screenshotArtifact, timestamps: labels, annotate });
    if (outcome.ok) {
      const { copy, png } = outcome;
      const entry = { path: copy.entry.path, bytes: copy.bytes, sha256: copy.sha256 };
      files.push(keepPart && !png ? await keepPart({ ...entry, blob: copy.data, crc32: copy.crc32 }) : await keep({ ...entry, data: png ?? new Uint8Array(await copy.data.arrayBuffer()) }));
      derived = copy.entry;
    } else {
      annotationProblem = outcome.problem;
    }
  }
  if (source.notes !== undefined) {
    files.push(await keep(await bundleFile(captureFilePath(stored.id, CAPTURE_NOTES_FILE), `${JSON.stringify(source.notes, null, 2)}\n`)));
  }
  const custody = source.custody ?? [];
  const events = custody.flatMap((line) => {
    const event = parseCustodyLine(line);
    return event ? [{ event: event.event, at: event.at }] : [];
  });
  const summary = summarizeCapture({
    record,
    recordSha256,
    timestamps,
    custody: events,
    ...(source.notes ? { notes: source.notes } : {}),
    ...(derived ? { annotatedScreenshot: derived.path.slice(captureFilePath(stored.id, '').length) } : {}),
    ...(annotationProblem ? { annotatedScreenshotProblem: annotationProblem } : {}),
  });
  return { summary, files, custody, pinnedRoots, ...(derived ? { derived } : {}) };
}

/**
 * tsa/<id>.pem for every authority that stamped a capture in this bundle (utils/evidence/tsa-pem.ts): a convenience
 * copy; the verifier and VERIFY.txt never take a root from it.
 */
async function tsaFiles(collected: readonly CollectedCapture<BundleEntry>[], chains: WriteBundleInput['tsaChains']): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const [id, pem] of await authorityPems(collected, chains)) files.push(await bundleFile(tsaCertificateFile(id), pem));
  return files;
}

/** Rough ZIP size: data plus a local header and a directory entry per file. */
export function zipBytes(files: readonly BundleEntry[]): number {
  return files.reduce((sum, file) => sum + file.bytes + 128 + 2 * file.path.length, 22);
}

function tooLarge(): BundleError {
  return new BundleError('BUNDLE_TOO_LARGE', 'These captures add up to more than 4 GiB, more than one bundle can hold. Export them in smaller groups.');
}

export async function writeBundle(input: WriteBundleInput): Promise<Uint8Array> {
  const { signer, onProgress } = input;
  const createdAt = (input.now ?? new Date()).toISOString();
  const publicKey = await importPublicKeySpki(signer.publicKeySpki);
  const total = Array.isArray(input.captures) ? input.captures.length : 0;

  const collected: CollectedCapture[] = [];
  const ids = new Set<string>();
  let size = 0;
  for await (const source of input.captures) {
    checkNotChosenTwice(ids, source.stored.id);
    const capture = await collectCapture(source, signer, publicKey, (file) => file, { annotate: input.annotateScreenshot, tsaChains: input.tsaChains, pinnedRoots: input.pinnedRoots });
    size += zipBytes(capture.files);
    if (size > MAX_BUNDLE_BYTES) throw tooLarge();
    collected.push(capture);
    onProgress?.({ done: collected.length, total, phase: 'captures' });
  }
  onProgress?.({ done: 0, total: 1, phase: 'summaries' });
  const sealed = await sealBundle(collected, { signer, software: input.software, createdAt, tsaChains: input.tsaChains });
  const all = [...sealed.head, ...sealed.summaries, ...sortedCaptures(collected).flatMap((c) => c.files)];
  if (zipBytes(all) > MAX_BUNDLE_BYTES) throw tooLarge();
  onProgress?.({ done: 1, total: 1, phase: 'summaries' });

  const zip = new JSZip();
  const date = new Date(createdAt);
  for (const file of all) zip.file(file.path, file.data, { binary: true, date, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' }, (meta) =>
    onProgress?.({ done: Math.round(meta.percent), total: 100, phase: 'zip' }),
  );
}

export function checkNotChosenTwice(ids: Set<string>, id: string): void {
  if (ids.has(id)) {
    throw new BundleError('BUNDLE_DUPLICATE_CAPTURE', `Capture ${id} was chosen twice for this export; each capture can appear once.`);
  }
  ids.add(id);
}

/** Sequence order is the order the captures were made, whatever order they were chosen in. */
function sortedCaptures<F extends BundleEntry>(collected: readonly CollectedCapture<F>[]): CollectedCapture<F>[] {
  return [...collected].sort((a, b) => a.summary.sequence - b.summary.sequence || (a.summary.id < b.summary.id ? -1 : 1));
}

export interface SealOptions {
  signer: WriteBundleInput['signer'];
  software: string;
  createdAt: string;
  tsaChains?: WriteBundleInput['tsaChains'];
}

/**
 * Everything a bundle holds besides the captures' own files, given those files' entries: the summaries, the signed
 * manifest (listing every file), and SHA256SUMS with its signature. Both writers seal with this, so their bundles cannot drift apart.
 */
export async function sealBundle(
  collected: readonly CollectedCapture<BundleEntry>[],
  { signer, software, createdAt, tsaChains }: SealOptions,
): Promise<{ head: BundleFile[]; summaries: BundleFile[] }> {
  const ordered = sortedCaptures(collected);
  const summaryRows = ordered.map((c) => c.summary);
  const custodyLines = ordered.flatMap((c) => c.custody);
  const derived = ordered.flatMap((c) => (c.derived ? [c.derived] : []));
  const summaries = [
    await bundleFile(SIGNER_KEY_FILE, spkiToPem(signer.publicKeySpki)),
    await bundleFile(VERIFY_GUIDE_FILE, renderVerifyGuide({ keyId: signer.keyId, software, createdAt, hasCustody: custodyLines.length > 0 }, summaryRows)),
    await bundleFile(REPORT_FILE, await renderReportHtml(summaryRows, { createdAt, software, keyId: signer.keyId })),
    await bundleFile(CSV_FILE, capturesCsv(summaryRows)),
    await bundleFile(JSONL_FILE, capturesJsonl(summaryRows)),
    ...(custodyLines.length > 0 ? [await bundleFile(CUSTODY_FILE, custodyLines.map((line) => `${line}\n`).join(''))] : []),
    ...(await tsaFiles(ordered, tsaChains)),
  ];
  const listed: BundleEntry[] = [...summaries, ...ordered.flatMap((c) => c.files)];
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
