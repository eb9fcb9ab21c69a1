// Large exports: the chosen captures split into numbered volumes, each a complete bundle that verifies on its own,
// each a Blob made of the stored files' own Blobs (passed on unread) and what is written at export, so memory stays
// flat and the download reads the media straight from the browser's store.
import { checkNotChosenTwice, collectCapture, sealBundle, type BundleEntry, type CollectedCapture } from '../formats/bundle/bundle-writer';
import { BundleError } from '../evidence/errors';
import { MAX_BUNDLE_BYTES } from '../formats/bundle/layout';
import type { ScreenshotAnnotator } from '../formats/bundle/types';
import { MAX_ZIP_ENTRIES, StoredZipWriter, type ByteSink } from '../zip/stored-writer';
import type { CaptureRecord, StoredCapture } from '../model';
import { importPublicKeySpki } from '../provenance/ecdsa';
import { getOrCreateInstallKey } from '../store/install-key';
import { softwareName } from '../extension/software';
import { appendCustodyEvents } from '../store/custody-log';
import { tsaChainsById } from '../store/stamps';
import type { PostProofDb } from '../store/db';
import { captureSources, ExportError, installSigner, type ExportProgress } from './export';

/** Default volume size (setting `exportVolumeBytes`): 2 GiB, half of what a ZIP without ZIP64 can hold. */
export const DEFAULT_VOLUME_BYTES = 2 * 1024 ** 3;
/** Above this estimated size an export streams to disk even when it fits in one volume. */
export const STREAM_ABOVE_BYTES = 64 * 1024 ** 2;
/** Room kept in every volume for signer.pem, VERIFY.txt, report.html's frame, tsa/*.pem and the directory. */
const VOLUME_OVERHEAD_BYTES = 256 * 1024;
/** Per capture: its rows in report.html, the CSV, JSONL and custody.jsonl, its manifest and SHA256SUMS lines. */
const SUMMARY_BYTES_PER_CAPTURE = 16 * 1024;
/** Per file: ZIP headers, directory entry, manifest and SHA256SUMS lines. */
const BYTES_PER_FILE = 512;
/** Entries a volume may hold besides the captures' files. */
const SUMMARY_ENTRIES = 64;

/** What one capture adds to a volume, read from its signed record without touching the artifacts. */
export interface CaptureSize {
  id: string;
  sequence: number;
  bytes: number;
  files: number;
}

export function captureSize(stored: StoredCapture, stamps = 1): CaptureSize {
  const record = JSON.parse(new TextDecoder().decode(stored.recordBytes)) as Pick<CaptureRecord, 'artifacts'>;
  // The screenshot's annotated copy (utils/evidence/annotated-screenshot.ts): a new PNG of about its size, and a strip.
  const screenshot = record.artifacts.find((a) => a.role === 'screenshot');
  const annotated = screenshot ? 2 * screenshot.bytes + 64 * 1024 : 0;
  const files = record.artifacts.length + 3 + stamps + (screenshot ? 1 : 0);
  const data = record.artifacts.reduce((sum, a) => sum + a.bytes, 0) + annotated + stored.recordBytes.length + stored.signature.length + stamps * 8 * 1024;
  return { id: stored.id, sequence: stored.sequence, bytes: data + files * BYTES_PER_FILE + SUMMARY_BYTES_PER_CAPTURE, files };
}

/**
 * Splits captures into volumes of at most `limitBytes` (estimated) in the order they were made, so each volume's
 * chain is unbroken inside it. A capture is never split; one larger than the limit gets a volume of its own.
 */
export function planVolumes(captures: readonly CaptureSize[], limitBytes: number): string[][] {
  const limit = Math.min(limitBytes, MAX_BUNDLE_BYTES) - VOLUME_OVERHEAD_BYTES;
  const ordered = [...captures].sort((a, b) => a.sequence - b.sequence);
  const volumes: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  let files = SUMMARY_ENTRIES;
  for (const capture of ordered) {
    if (capture.bytes > MAX_BUNDLE_BYTES - VOLUME_OVERHEAD_BYTES) {
      throw new BundleError('BUNDLE_TOO_LARGE', `Capture ${capture.id} alone holds more than 4 GiB, more than any ZIP bundle can; it cannot be exported as a bundle.`);
    }
    if (current.length > 0 && (bytes + capture.bytes > limit || files + capture.files > MAX_ZIP_ENTRIES)) {
      volumes.push(current);
      current = [];
      bytes = 0;
      files = SUMMARY_ENTRIES;
    }
    current.push(capture.id);
    bytes += capture.bytes;
    files += capture.files;
  }
  if (current.length > 0) volumes.push(current);
  return volumes;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A case name as a file-name part: letters and digits of any script, the rest as single dashes. */
export function caseSlug(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 48).toLowerCase();
}

/** `postproof-<case>-YYYYMMDD-HHMM-vol1of3.zip` (UTC); the case part when one is chosen, the volume part when there are several. */
export function volumeFileName(options: { now: Date; volume: number; volumes: number; caseName?: string }): string {
  const { now, volume, volumes } = options;
  const slug = options.caseName ? caseSlug(options.caseName) : '';
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
  return `postproof-${slug ? `${slug}-` : ''}${stamp}${volumes > 1 ? `-vol${volume}of${volumes}` : ''}.zip`;
}

/** One volume's file while it is written; `close` gives the finished file for download, `discard` drops it. */
export interface VolumeFile extends ByteSink {
  close(): Promise<Blob>;
  discard(): Promise<void>;
}
export type VolumeFiles = (fileName: string) => Promise<VolumeFile>;

/**
 * Volumes as Blobs made of parts: the stored files are the store's own Blobs, passed on unread (the browser keeps
 * them on disk and the download reads them from there). What is made at export (headers, records, summaries) stays
 * in the page until about 8 MiB of it is held, or 256 parts are waiting; then they become one segment, a Blob the
 * browser keeps. Making a Blob costs about 0.1 ms a part, more when one Blob takes thousands of parts at once
 * (measured in Chromium: 6,000 parts in one call 0.7–0.9 s, in segments of 256 about 0.5 s), and a segment at a time
 * never holds the page up for long.
 */
const HELD_BYTES = 8 * 1024 * 1024;
const PARTS_PER_SEGMENT = 256;

export const blobVolumeFiles: VolumeFiles = async () => {
  let segments: Blob[] = [];
  let parts: BlobPart[] = [];
  // Bytes in a row (a header, a record, its signature…) become one part: a Blob of fewer parts is quicker to make.
  let run: Uint8Array[] = [];
  let held = 0;
  const endRun = () => {
    if (run.length > 0) parts.push(run.length === 1 ? (run[0] as Uint8Array<ArrayBuffer>) : concat(run));
    run = [];
  };
  const endSegment = () => {
    endRun();
    if (parts.length > 0) segments.push(new Blob(parts));
    parts = [];
    held = 0;
  };
  return {
    write: async (chunk) => {
      if (chunk instanceof Blob) {
        endRun();
        parts.push(chunk);
      } else {
        run.push(chunk);
        held += chunk.length;
      }
      if (held >= HELD_BYTES || parts.length >= PARTS_PER_SEGMENT) endSegment();
    },
    close: async () => {
      endSegment();
      return new Blob(segments, { type: 'application/zip' });
    },
    discard: async () => {
      segments = [];
      parts = [];
      run = [];
    },
  };
};

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export interface ExportedVolume {
  fileName: string;
  file: Blob;
  captures: number;
  /** SHA-256 of the volume's signed manifest.json: names its content, and is what the custody log records. */
  manifestSha256: string;
}

export interface ExportedVolumeSet {
  volumes: ExportedVolume[];
  bytes: number;
}

export interface VolumeExportOptions {
  version: string;
  /** Volume size, bytes (setting `exportVolumeBytes`). */
  limitBytes?: number;
  caseName?: string;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  now?: Date;
  files?: VolumeFiles;
  /** Draws each screenshot's annotated copy (utils/evidence/annotate-canvas.ts); none when absent. */
  annotateScreenshot?: ScreenshotAnnotator;
  /** The captures' sizes when the caller has read them already (to choose this export): not read again. */
  sizes?: readonly CaptureSize[];
}

/** Sizes of the chosen captures, from their records only. */
export async function captureSizes(db: PostProofDb, ids: readonly string[]): Promise<CaptureSize[]> {
  // One readonly transaction for all of them: a transaction per capture costs more than reading its record.
  const tx = db.transaction(['captures', 'stamps']);
  const stampsByCapture = tx.objectStore('stamps').index('byCapture');
  const [records, stampCounts] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('captures').get(id))),
    Promise.all(ids.map((id) => stampsByCapture.count(id))),
  ]);
  await tx.done;
  return ids.map((id, n) => {
    const stored = records[n];
    if (!stored) {
      throw new ExportError('EXPORT_CAPTURE_GONE', `Capture ${id} is no longer in this browser's store, so it cannot be exported. Reload the list and choose again.`);
    }
    return captureSize(stored, stampCounts[n]);
  });
}

function megabytes(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0);
}

/**
 * Exports the captures as volumes. All volumes are finished before any is handed back: a cancelled or failed
 * export leaves no file behind and logs nothing, so no part of a set can pass for a complete export.
 */
export async function exportVolumes(db: PostProofDb, ids: readonly string[], options: VolumeExportOptions): Promise<ExportedVolumeSet> {
  if (ids.length === 0) throw new ExportError('EXPORT_NOTHING_SELECTED', 'Choose at least one capture to export.');
  const now = options.now ?? new Date();
  const { onProgress, signal } = options;
  // The plan is made from the sizes' ids: sizes of any other captures would export another set, so they are read again.
  const given = options.sizes;
  const sizes = given && given.length === ids.length && given.every((size, n) => size.id === ids[n]) ? given : await captureSizes(db, ids);
  const plan = planVolumes(sizes, options.limitBytes ?? DEFAULT_VOLUME_BYTES);
  const bytesTotal = sizes.reduce((sum, s) => sum + s.bytes, 0);
  const filesTotal = sizes.reduce((sum, s) => sum + s.files, 0);
  const key = await getOrCreateInstallKey(db);
  const signer = installSigner(key);
  const publicKey = await importPublicKeySpki(signer.publicKeySpki);
  const tsaChains = await tsaChainsById(db);
  const software = softwareName(options.version);
  const createdAt = now.toISOString();
  const openFile = options.files ?? blobVolumeFiles;

  const written: { file: VolumeFile; volume: ExportedVolume }[] = [];
  let current: VolumeFile | undefined;
  let files = 0;
  let bytes = 0;
  // A report when the percentage or the volume moves, or a quarter second passed: one per file would redraw the
  // page thousands of times in an export that takes seconds.
  let reported = { percent: -1, volume: 0, at: 0 };
  const report = (volume: number) => {
    const percent = Math.min(99, Math.floor((100 * bytes) / Math.max(bytesTotal, 1)));
    const now = performance.now();
    if (percent === reported.percent && volume === reported.volume && now - reported.at < 250) return;
    reported = { percent, volume, at: now };
    onProgress?.({
      percent,
      status: `Volume ${volume} of ${plan.length}: ${files} of ${filesTotal} files, ${megabytes(bytes)} of ${megabytes(bytesTotal)} MB…`,
      files: { done: files, total: filesTotal },
      bytes: { done: bytes, total: bytesTotal },
    });
  };
  try {
    const chosen = new Set<string>();
    for (const [index, volumeIds] of plan.entries()) {
      const fileName = volumeFileName({ now, volume: index + 1, volumes: plan.length, caseName: options.caseName });
      current = await openFile(fileName);
      const zip = new StoredZipWriter(current, now);
      const added = async (file: BundleEntry, add: () => Promise<void>): Promise<BundleEntry> => {
        signal?.throwIfAborted();
        await add();
        files += 1;
        bytes += file.bytes;
        report(index + 1);
        return { path: file.path, bytes: file.bytes, sha256: file.sha256 };
      };
      const collected: CollectedCapture<BundleEntry>[] = [];
      for await (const source of captureSources(db, volumeIds, signal)) {
        checkNotChosenTwice(chosen, source.stored.id);
        collected.push(
          await collectCapture(source, signer, publicKey, (file) => added(file, () => zip.add(file.path, file.data)), {
            annotate: options.annotateScreenshot,
            keepPart: (part) => added(part, () => zip.addStored(part.path, part.blob, part.crc32)),
            tsaChains,
          }),
        );
      }
      const sealed = await sealBundle(collected, { signer, software, createdAt, tsaChains });
      for (const file of [...sealed.summaries, ...sealed.head]) await zip.add(file.path, file.data);
      await zip.finish();
      signal?.throwIfAborted();
      const volumeFile = current;
      current = undefined;
      written.push({ file: volumeFile, volume: { fileName, file: await volumeFile.close(), captures: volumeIds.length, manifestSha256: sealed.head[0]!.sha256 } });
    }
  } catch (error) {
    await current?.discard();
    for (const { file } of written) await file.discard();
    throw error;
  }
  // The custody log names the volume and its signed manifest's SHA-256 (the whole file's would mean hashing it twice).
  for (const [index, { volume }] of written.entries()) {
    const details = { bundleFile: volume.fileName, volume: `${index + 1} of ${written.length}`, manifestSha256: volume.manifestSha256, captures: volume.captures };
    await appendCustodyEvents(db, plan[index]!, 'exported', details, now);
  }
  const volumes = written.map((w) => w.volume);
  onProgress?.({
    percent: 100,
    status: volumes.length > 1 ? `${volumes.length} volumes ready: ${volumes.map((v) => v.fileName).join(', ')}` : `Bundle ready: ${volumes[0]!.fileName}`,
    files: { done: filesTotal, total: filesTotal },
    bytes: { done: bytesTotal, total: bytesTotal },
  });
  return { volumes, bytes: volumes.reduce((sum, v) => sum + v.file.size, 0) };
}

/** Whether a set needs the volume export: more than one volume, or too big to build in memory. */
export function needsVolumes(sizes: readonly CaptureSize[], limitBytes: number): boolean {
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  return total > STREAM_ABOVE_BYTES || planVolumes(sizes, limitBytes).length > 1;
}
