// Writes an evidence bundle (DESIGN.md §5): every capture's signed record and artifacts, the summaries, the signed
// manifest and SHA256SUMS, as a ZIP of STORED entries in a fixed order.

import JSZip from 'jszip';
import { BUNDLE_FORMAT, CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type BundleManifest, type CaptureRecord } from '../model';
import { importPublicKeySpki, spkiToPem, verifyDer } from '../provenance/ecdsa';
import { sha256Hex, utf8 } from '../provenance/hash';
import { summarizeCapture, capturesJsonl, type CaptureSummary } from './capture-summary';
import { capturesCsv } from './captures-csv';
import { formatChecksums } from './checksums';
import { isSafeSegment, unsafeEntryNameReason } from './entry-names';
import { BundleError, errorMessage } from './errors';
import {
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  captureFilePath,
  CHECKSUMS_FILE,
  CSV_FILE,
  JSONL_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  MAX_BUNDLE_BYTES,
  REPORT_FILE,
  SIGNER_KEY_FILE,
  VERIFY_GUIDE_FILE,
} from './layout';
import { renderReportHtml } from './report-html';
import type { BundleCaptureSource, WriteBundleInput } from './types';
import { renderVerifyGuide } from './verify-guide';

interface BundleFile {
  path: string;
  data: Uint8Array;
  sha256: string;
}

interface CollectedCapture {
  summary: CaptureSummary;
  files: BundleFile[];
}

const RESERVED_IN_CAPTURE = new Set([CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_NOTES_FILE]);

async function bundleFile(path: string, data: Uint8Array | string): Promise<BundleFile> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return { path, data: bytes, sha256: await sha256Hex(bytes) };
}

function parseRecord(bytes: Uint8Array): CaptureRecord | null {
  try {
    const record = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as CaptureRecord;
    return record?.format === CAPTURE_FORMAT ? record : null;
  } catch {
    return null;
  }
}

async function collectCapture(source: BundleCaptureSource, signer: WriteBundleInput['signer'], publicKey: CryptoKey): Promise<CollectedCapture> {
  const { stored } = source;
  if (!isSafeSegment(stored.id)) {
    throw new BundleError('BUNDLE_UNSAFE_PATH', `The capture id "${stored.id}" cannot be used as a folder name; this capture record is not one PostProof made.`);
  }
  const damaged = (why: string) =>
    new BundleError('BUNDLE_RECORD_DAMAGED', `Capture ${stored.id} cannot be exported: ${why}. The stored copy may be damaged; leave this capture out of the export and report the problem.`);
  const recordSha256 = await sha256Hex(stored.recordBytes);
  if (recordSha256 !== stored.recordSha256) throw damaged('its record no longer matches the hash taken when it was saved');
  const record = parseRecord(stored.recordBytes);
  if (!record || record.id !== stored.id) throw damaged('its record is not a readable PostProof capture record');
  if (record.signer?.keyId !== signer.keyId) {
    throw new BundleError(
      'BUNDLE_RECORD_OTHER_KEY',
      `Capture ${stored.id} was signed by another key (${record.signer?.keyId ?? 'none'}) than this install’s (${signer.keyId}); export it from the install that made it.`,
    );
  }
  if (!(await verifyDer(publicKey, stored.recordBytes, stored.signature))) throw damaged('its signature does not verify');

  const files = [
    await bundleFile(captureFilePath(stored.id, CAPTURE_RECORD_FILE), stored.recordBytes),
    await bundleFile(captureFilePath(stored.id, CAPTURE_SIGNATURE_FILE), stored.signature),
  ];
  const artifacts = [...record.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const artifact of artifacts) {
    const unsafe = unsafeEntryNameReason(artifact.path);
    if (unsafe || artifact.path.endsWith('/') || RESERVED_IN_CAPTURE.has(artifact.path)) {
      throw new BundleError('BUNDLE_UNSAFE_PATH', `Capture ${stored.id} lists a file named "${artifact.path}" that cannot be written safely (${unsafe ?? 'reserved name'}).`);
    }
    let data: Uint8Array;
    try {
      data = await source.readArtifact(artifact.path);
    } catch (error) {
      throw new BundleError(
        'BUNDLE_ARTIFACT_UNREADABLE',
        `The file ${artifact.path} of capture ${stored.id} could not be read from storage (${errorMessage(error)}); the export was stopped so no bundle leaves with a file missing.`,
      );
    }
    const file = await bundleFile(captureFilePath(stored.id, artifact.path), data);
    if (file.sha256 !== artifact.sha256 || data.length !== artifact.bytes) {
      throw new BundleError(
        'BUNDLE_ARTIFACT_DAMAGED',
        `The stored file ${artifact.path} of capture ${stored.id} no longer matches the hash in its signed record; the stored copy is damaged. Leave this capture out of the export and report the problem.`,
      );
    }
    files.push(file);
  }
  if (source.notes !== undefined) {
    files.push(await bundleFile(captureFilePath(stored.id, CAPTURE_NOTES_FILE), `${JSON.stringify(source.notes, null, 2)}\n`));
  }
  return { summary: summarizeCapture(record, recordSha256), files };
}

/** Rough ZIP size: data plus a local header and a directory entry per file. */
function zipBytes(files: readonly BundleFile[]): number {
  return files.reduce((sum, file) => sum + file.data.length + 128 + 2 * file.path.length, 22);
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
    if (ids.has(source.stored.id)) {
      throw new BundleError('BUNDLE_DUPLICATE_CAPTURE', `Capture ${source.stored.id} was chosen twice for this export; each capture can appear once.`);
    }
    ids.add(source.stored.id);
    const capture = await collectCapture(source, signer, publicKey);
    size += zipBytes(capture.files);
    if (size > MAX_BUNDLE_BYTES) throw tooLarge();
    collected.push(capture);
    onProgress?.({ done: collected.length, total, phase: 'captures' });
  }
  // Sequence order is the order the captures were made, whatever order they were chosen in.
  collected.sort((a, b) => a.summary.sequence - b.summary.sequence || (a.summary.id < b.summary.id ? -1 : 1));
  const summaries = collected.map((c) => c.summary);
  onProgress?.({ done: 0, total: 1, phase: 'summaries' });

  const listed = [
    await bundleFile(SIGNER_KEY_FILE, spkiToPem(signer.publicKeySpki)),
    await bundleFile(VERIFY_GUIDE_FILE, renderVerifyGuide({ keyId: signer.keyId, captureIds: summaries.map((s) => s.id) })),
    await bundleFile(REPORT_FILE, await renderReportHtml(summaries, { createdAt, software: input.software, keyId: signer.keyId })),
    await bundleFile(CSV_FILE, capturesCsv(summaries)),
    await bundleFile(JSONL_FILE, capturesJsonl(summaries)),
    ...collected.flatMap((c) => c.files),
  ];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt,
    software: input.software,
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: signer.keyId, publicKeyFile: SIGNER_KEY_FILE },
    captures: summaries.map((s) => s.id),
    files: listed.map((file) => ({ path: file.path, bytes: file.data.length, sha256: file.sha256 })),
  };
  const manifestFile = await bundleFile(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  const signatureFile = await bundleFile(MANIFEST_SIGNATURE_FILE, await signer.sign(manifestFile.data));
  const summed = [manifestFile, signatureFile, ...listed];
  const checksums = await bundleFile(CHECKSUMS_FILE, formatChecksums(summed));
  const all = [manifestFile, signatureFile, checksums, ...listed];
  if (zipBytes(all) > MAX_BUNDLE_BYTES) throw tooLarge();
  onProgress?.({ done: 1, total: 1, phase: 'summaries' });

  const zip = new JSZip();
  const date = new Date(createdAt);
  for (const file of all) zip.file(file.path, file.data, { binary: true, date, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' }, (meta) =>
    onProgress?.({ done: Math.round(meta.percent), total: 100, phase: 'zip' }),
  );
}
