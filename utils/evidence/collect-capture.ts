// Reads and checks one capture for export, the same for both formats: its record against the hash taken when it was
// saved and against its signature (this install's key, or an imported capture's own), each artifact against the
// record, its tokens' chains, the annotated screenshot copy and notes; and what the summaries say of it.

import type { CaptureRecord, DerivedFileEntry } from '../model';
import { CAPTURE_FORMAT } from '../model';
import { parseCustodyLine } from '../provenance/custody';
import { importPublicKeySpki, keyIdFromSpki, spkiToPem, verifyDer } from '../provenance/ecdsa';
import { sha256Hex, utf8 } from '../provenance/hash';
import { PINNED_TSA_ROOTS, type PinnedRoot } from '../provenance/tsa-roots';
import { isSafeSegment, unsafeEntryNameReason } from '../zip/entry-names';
import { annotatedCopy } from './annotated-screenshot';
import { CAPTURE_NOTES_FILE, CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE, captureFilePath } from './capture-layout';
import type { BundleCaptureSource, BundleSigner, BundleTsaChain, ScreenshotAnnotator } from './capture-source';
import { summarizeCapture, type CaptureSummary } from './capture-summary';
import { BundleError } from './errors';
import { errorMessage } from '../error-message';
import { bundleStamps } from './stamp-order';
import { describeStamps } from './stamp-chains';

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

export async function evidenceFile(path: string, data: Uint8Array | string): Promise<BundleFile> {
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
  signer: BundleSigner,
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
    Promise.all(stamps.map(({ stamp, file }) => evidenceFile(captureFilePath(stored.id, file), stamp.tsr))),
    foreign ? evidenceFile(captureFilePath(stored.id, CAPTURE_SIGNER_FILE), spkiToPem(foreign.spki)) : undefined,
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
    const file = await evidenceFile(path, data!);
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
    files.push(await keep(await evidenceFile(captureFilePath(stored.id, CAPTURE_NOTES_FILE), `${JSON.stringify(source.notes, null, 2)}\n`)));
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

export function checkNotChosenTwice(ids: Set<string>, id: string): void {
  if (ids.has(id)) {
    throw new BundleError('BUNDLE_DUPLICATE_CAPTURE', `Capture ${id} was chosen twice for this export; each capture can appear once.`);
  }
  ids.add(id);
}
