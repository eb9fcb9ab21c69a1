// Restores evidence bundles into the store (the bundles are the backup format): each bundle is verified first, then
// every capture it holds is stored with its exact capture.json bytes, signature, artifacts, tokens, custody and notes.
// Captures signed by another install's key are kept read-only with that key, outside this install's sequence chain.
import type { BundleManifest, CaptureNotes, CaptureRecord } from '../model';
import type { StoredArtifact, StoredCapture, StoredCustodyLine, StoredStamp, StoredTsaChain } from '../store/rows';
import { verifyBundleFiles } from '../formats/bundle/bundle-verifier';
import type { CaptureSummary } from '../evidence/capture-summary';
import { CAPTURE_NOTES_FILE, CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE, captureFilePath, CUSTODY_FILE, MANIFEST_FILE, SIGNER_KEY_FILE, tsaCertificateFile } from '../formats/bundle/layout';
import { indexRow } from '../store/index-row';
import type { EvidenceFiles } from '../evidence/evidence-files';
import { asSource } from '../evidence/evidence-files';
import type { VerifyOptions } from '../evidence/verify-types';
import { pemToSpki } from '../provenance/ecdsa';
import { parseCustodyLine } from '../provenance/custody';
import { sha256Hex, toHex } from '../provenance/hash';
import { pemCertificates } from '../provenance/tsa-token';
import { getOrCreateInstallKey } from '../store/install-key';
import { createCase } from '../store/annotations';
import { storedArtifact } from '../store/captures';
import { indexCaptureInTransaction } from '../store/capture-index';
import type { PostProofDb } from '../store/db';
import type { ZipSource } from '../zip/source';
import { StrictZip } from '../zip/strict-reader';
import { errorMessage } from '../error-message';

export class ImportError extends Error {
  constructor(
    readonly code: 'IMPORT_INVALID_BUNDLE' | 'IMPORT_CONFLICT' | 'IMPORT_FILE_CHANGED',
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportResult {
  /** Captures added to the store. */
  imported: string[];
  /** Captures the store held already (same id and same signed bytes): nothing was added for them. */
  alreadyPresent: string[];
  /** Key fingerprints of other installs whose captures were imported read-only. */
  otherKeys: string[];
}

const decoder = new TextDecoder();
const json = <T>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;

/** What a bundle holds for one capture, as the verification read it. */
interface BundledCapture {
  record: CaptureRecord;
  recordBytes: Uint8Array;
  recordSha256: string;
  signature: Uint8Array;
  artifacts: StoredArtifact[];
  custody: StoredCustodyLine[];
  stamps: StoredStamp[];
  notes?: CaptureNotes;
}

/** tsa/<id>.pem's header line names the authority and its URL (utils/evidence/tsa-pem.ts). */
function tsaChainOf(tsaId: string, pem: string, now: string): StoredTsaChain {
  const header = /authority (.*) \((\S*)\), as its tokens/.exec(pem);
  return { tsaId, name: header?.[1] ?? tsaId, url: header?.[2] ?? '', certificates: pemCertificates(pem), updatedAt: now };
}

/** A small file as verified (kept by the verification); it is there, since the bundle verified. */
function verifiedBytes(files: EvidenceFiles, name: string): Uint8Array {
  const bytes = files.bytes(name);
  if (!bytes) throw new ImportError('IMPORT_INVALID_BUNDLE', `${name} was not read by the verification; nothing was imported.`);
  return bytes;
}

/**
 * An artifact's bytes, read again from the bundle to be stored: they must hash to what the verification found (and
 * the signed record gives), or the file changed on disk since it was checked and nothing of it is stored.
 */
async function artifactBytes(zip: StrictZip, files: EvidenceFiles, name: string): Promise<Uint8Array> {
  let data: Uint8Array;
  try {
    data = await zip.readEntry(name);
  } catch (error) {
    throw new ImportError('IMPORT_FILE_CHANGED', `${name} could not be read again after it was verified (${errorMessage(error)}); nothing more was imported from this bundle.`);
  }
  if ((await sha256Hex(data)) !== files.sha256(name)) {
    throw new ImportError('IMPORT_FILE_CHANGED', `${name} changed after the bundle was verified (the file on disk was altered meanwhile); nothing more was imported from this bundle.`);
  }
  return data;
}

async function readCapture(zip: StrictZip, files: EvidenceFiles, id: string, summary: CaptureSummary | undefined, custodyLines: string[], now: string): Promise<BundledCapture> {
  const recordFile = captureFilePath(id, CAPTURE_RECORD_FILE);
  const recordBytes = verifiedBytes(files, recordFile);
  const record = json<CaptureRecord>(recordBytes);
  const artifacts: StoredArtifact[] = [];
  for (const artifact of record.artifacts) artifacts.push(storedArtifact(id, artifact.path, await artifactBytes(zip, files, captureFilePath(id, artifact.path))));
  const stamps: StoredStamp[] = (summary?.timestamps ?? []).map((stamp) => ({
    captureId: id,
    tsaId: stamp.tsaId,
    tsaName: stamp.tsa,
    tsaUrl: '',
    state: 'stamped',
    attempts: 1,
    queuedAt: now,
    tsr: verifiedBytes(files, captureFilePath(id, stamp.file)),
    genTime: stamp.genTime,
  }));
  const custody = custodyLines.flatMap((line) => {
    const event = parseCustodyLine(line);
    return event?.captureId === id ? [{ captureId: id, index: event.index, line }] : [];
  });
  const notesFile = captureFilePath(id, CAPTURE_NOTES_FILE);
  return {
    record,
    recordBytes,
    recordSha256: files.sha256(recordFile)!,
    signature: verifiedBytes(files, captureFilePath(id, CAPTURE_SIGNATURE_FILE)),
    artifacts,
    custody,
    stamps,
    ...(files.has(notesFile) ? { notes: json<CaptureNotes>(verifiedBytes(files, notesFile)) } : {}),
  };
}

/** The lowest local slot for a capture outside this install's chain: imported rows count down from -1. */
async function nextForeignSlot(db: PostProofDb): Promise<number> {
  const lowest = await db.transaction('captures').store.index('bySequence').openKeyCursor();
  const min = (lowest?.key as number | undefined) ?? 0;
  return Math.min(min, 0) - 1;
}

/**
 * Imports one bundle. It must verify as a whole (the same verifier as the verify page and the CLI) or nothing is
 * imported; captures already in the store are left as they are, so importing a bundle twice adds nothing.
 */
export async function importBundle(db: PostProofDb, input: ZipSource | Uint8Array, now: Date = new Date(), options: VerifyOptions = {}): Promise<ImportResult> {
  const source = asSource(input);
  const { report, files, rows } = await verifyBundleFiles(source, options);
  if (report.verdict !== 'valid' || !files) {
    const failed = report.checks.filter((check) => !check.ok).slice(0, 5).map((check) => `${check.file ? `${check.file}: ` : ''}${check.message}`);
    throw new ImportError('IMPORT_INVALID_BUNDLE', `This bundle does not verify, so nothing was imported from it. ${failed.join(' ')}`);
  }
  const zip = await StrictZip.open(source);
  if (Array.isArray(zip)) throw new ImportError('IMPORT_FILE_CHANGED', 'The bundle changed on disk after it was verified; nothing was imported from it.');
  const manifest = json<BundleManifest>(verifiedBytes(files, MANIFEST_FILE));
  const bundleSpki = pemToSpki(decoder.decode(verifiedBytes(files, SIGNER_KEY_FILE)));
  const bundleKeyId = report.keyId!;
  const summaries = new Map(rows.map((row) => [row.id, row]));
  const custodyLines = files.has(CUSTODY_FILE) ? decoder.decode(verifiedBytes(files, CUSTODY_FILE)).split('\n').filter(Boolean) : [];
  const local = await getOrCreateInstallKey(db);
  const at = now.toISOString();
  const result: ImportResult = { imported: [], alreadyPresent: [], otherKeys: [] };

  for (const id of manifest.captures) {
    const existing = await db.get('captures', id);
    if (existing) {
      if (existing.recordSha256 !== files.sha256(captureFilePath(id, CAPTURE_RECORD_FILE))) {
        throw new ImportError('IMPORT_CONFLICT', `Capture ${id} is already in this browser with a different record; the bundle's copy was not imported. Keep both bundles and report the problem.`);
      }
      result.alreadyPresent.push(id);
      continue;
    }
    const bundled = await readCapture(zip, files, id, summaries.get(id), custodyLines, at);
    const keyId = bundled.record.signer.keyId;
    // A record of another install names its key; the bundle carries it as signer.pem or captures/<id>/signer.pem.
    const recordSpki = keyId === bundleKeyId ? bundleSpki : pemToSpki(decoder.decode(verifiedBytes(files, captureFilePath(id, SIGNER_KEY_FILE))));
    const foreign = keyId !== local.keyId;
    const row: StoredCapture = {
      ...indexRow(bundled.record, bundled.recordBytes, bundled.recordSha256, bundled.signature),
      ...(foreign ? { sequence: await nextForeignSlot(db), foreignSigner: { keyId, spki: recordSpki, importedAt: at } } : {}),
    };
    if (foreign && !result.otherKeys.includes(keyId)) result.otherKeys.push(keyId);
    const cases = await Promise.all((bundled.notes?.cases ?? []).map(async (name) => (await createCase(db, name, now)).id));
    const chains = [...new Set(bundled.stamps.map((s) => s.tsaId))].flatMap((tsaId) => {
      const pem = files.bytes(tsaCertificateFile(tsaId));
      return pem ? [tsaChainOf(tsaId, decoder.decode(pem), at)] : [];
    });

    const tx = db.transaction(['captures', 'artifacts', 'custody', 'stamps', 'tsaChains', 'listings', 'searchPostings', 'annotations'], 'readwrite');
    await tx.objectStore('captures').add(row);
    for (const artifact of bundled.artifacts) await tx.objectStore('artifacts').add(artifact);
    for (const line of bundled.custody) await tx.objectStore('custody').add(line);
    for (const stamp of bundled.stamps) await tx.objectStore('stamps').add({ ...stamp, tsaUrl: chains.find((c) => c.tsaId === stamp.tsaId)?.url ?? '' });
    for (const chain of chains) {
      const known = await tx.objectStore('tsaChains').get(chain.tsaId);
      const have = new Set(known?.certificates.map(toHex));
      const added = chain.certificates.filter((der) => !have.has(toHex(der)));
      if (!known || added.length) await tx.objectStore('tsaChains').put(known ? { ...known, certificates: [...known.certificates, ...added], updatedAt: at } : chain);
    }
    await indexCaptureInTransaction(tx, row);
    if (bundled.notes) {
      const { tags = [], note = '', updatedAt = at } = bundled.notes;
      await tx.objectStore('annotations').put({ captureId: id, cases, tags, note, updatedAt });
    }
    await tx.done;
    result.imported.push(id);
  }
  return result;
}

/** Imports several bundles in turn; one that fails does not stop the others. */
export async function importBundles(
  db: PostProofDb,
  files: readonly { name: string; source: ZipSource | Uint8Array }[],
  now?: Date,
  options: VerifyOptions = {},
): Promise<{ name: string; result?: ImportResult; error?: string }[]> {
  const outcomes: { name: string; result?: ImportResult; error?: string }[] = [];
  for (const file of files) {
    try {
      outcomes.push({ name: file.name, result: await importBundle(db, file.source, now, options) });
    } catch (error) {
      outcomes.push({ name: file.name, error: errorMessage(error) });
    }
  }
  return outcomes;
}
