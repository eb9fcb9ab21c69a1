// One export session, whatever the format and size: plan the volumes → write each with its format's writer into the
// one ZIP writer (in memory for one small file, streamed to Blobs for volumes) → log custody → name → hand the files
// to the download. A cancelled or failed export leaves no file behind and logs nothing.
import { writeBundleZip } from '../formats/bundle/bundle-writer';
import { sha256Hex } from '../provenance/hash';
import type { PostProofDb } from '../store/db';
import { memorySink } from '../zip/memory-sink';
import { StoredZipWriter, type ByteSink } from '../zip/stored-writer';
import { logExport } from './custody';
import { nothingSelected } from './errors';
import { exportFileName } from './names';
import { captureSizes, DEFAULT_VOLUME_BYTES, needsVolumes, planVolumes } from './plan';
import { exportProgress, streamProgress } from './progress';
import { signerInputs } from './signer-inputs';
import { captureSources, threadSources } from './sources';
import type { ExportedBundle, ExportedVolume, ExportedVolumeSet, ExportOptions } from './types';
import { blobVolumeFiles, type VolumeFile } from './volume-files';

/** `memory`: one file built in memory; `stream`: volumes written to Blobs; `auto`: streamed when the set is large. */
export type ExportMode = 'memory' | 'stream' | 'auto';

export function runExport(db: PostProofDb, ids: readonly string[], options: ExportOptions & { mode: 'memory' }): Promise<ExportedBundle>;
export function runExport(db: PostProofDb, ids: readonly string[], options: ExportOptions & { mode: 'stream' }): Promise<ExportedVolumeSet>;
export function runExport(db: PostProofDb, ids: readonly string[], options: ExportOptions & { mode: ExportMode }): Promise<ExportedBundle | ExportedVolumeSet>;
export async function runExport(db: PostProofDb, ids: readonly string[], options: ExportOptions & { mode: ExportMode }): Promise<ExportedBundle | ExportedVolumeSet> {
  if (ids.length === 0) throw nothingSelected();
  const format = options.format ?? 'zip';
  // A WACZ is always one file, built in memory (its index points into the WARC).
  if (format === 'wacz') return writeInMemory(db, ids, options);
  // The plan is made from the sizes' ids: sizes of any other captures would export another set, so they are read again.
  const given = options.sizes;
  const sizes = given && given.length === ids.length && given.every((size, n) => size.id === ids[n]) ? given : await captureSizes(db, ids);
  const limitBytes = options.limitBytes ?? DEFAULT_VOLUME_BYTES;
  const stream = options.mode === 'stream' || (options.mode === 'auto' && needsVolumes(sizes, limitBytes));
  // In the order the captures were made, whatever order they were chosen in.
  if (!stream) return writeInMemory(db, [...sizes].sort((a, b) => a.sequence - b.sequence).map((s) => s.id), options);
  // A thread's members stay in one volume where they fit in one, so its record goes with them.
  const threads = await threadSources(db, ids);
  return writeVolumes(db, planVolumes(sizes, limitBytes, threads.map((thread) => thread.memberIds)), sizes, options);
}

/** One bundle or WACZ, built in memory; the custody log records the whole file's SHA-256. */
async function writeInMemory(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle> {
  const now = options.now ?? new Date();
  const format = options.format ?? 'zip';
  const { onProgress, signal } = options;
  onProgress?.({ percent: 0, status: `Exporting ${ids.length} capture(s)${format === 'wacz' ? ' as WACZ' : ''}…` });
  const problems: string[] = [];
  const input = {
    ...(await signerInputs(db, options.version)),
    captures: captureSources(db, ids, signal),
    threads: await threadSources(db, ids),
    now,
    onProgress: onProgress && ((progress: Parameters<typeof exportProgress>[0]) => onProgress(exportProgress(progress, ids.length))),
  };
  const sink = memorySink();
  const zip = new StoredZipWriter(sink, now);
  // The WACZ writer and its RFC 3161 client load on the first WACZ export: the popup exports bundles only.
  const wacz = format === 'wacz' ? await import('./wacz-session') : undefined;
  if (wacz) await wacz.writeWaczZip(zip, { ...input, stampDatapackage: await wacz.datapackageTimestamper(db, problems) });
  else await writeBundleZip(zip, { ...input, annotateScreenshot: options.annotateScreenshot, signal });
  await zip.finish();
  signal?.throwIfAborted();
  const bytes = sink.bytes();
  const fileName = exportFileName({ format, now, captures: ids.length });
  // The custody log records which file left, by its SHA-256; the file itself carries the events before it.
  await logExport(db, [{ captureIds: ids, details: { bundleFile: fileName, bundleSha256: await sha256Hex(bytes), captures: ids.length } }], now);
  onProgress?.({ percent: 100, status: `${format === 'wacz' ? 'WACZ' : 'Bundle'} ready: ${fileName}` });
  return wacz ? { fileName, bytes, notice: [...problems, wacz.REPLAY_NOTICE].join(' ') } : { fileName, bytes };
}

/**
 * Bundles streamed as volumes, each a complete bundle that verifies on its own. All are finished before any is handed
 * back, so no part of a set can pass for a complete export; the custody log names each volume and its signed
 * manifest's SHA-256 (the whole file's would mean reading it again).
 */
async function writeVolumes(
  db: PostProofDb,
  plan: readonly string[][],
  sizes: readonly { bytes: number; files: number }[],
  options: ExportOptions,
): Promise<ExportedVolumeSet> {
  const now = options.now ?? new Date();
  const { signal } = options;
  const inputs = await signerInputs(db, options.version);
  // Every volume is offered the threads of the whole set: each goes into the one volume holding all its members.
  const threads = await threadSources(db, plan.flat());
  const openFile = options.files ?? blobVolumeFiles;
  const progress = streamProgress(
    { files: sizes.reduce((sum, s) => sum + s.files, 0), bytes: sizes.reduce((sum, s) => sum + s.bytes, 0), volumes: plan.length },
    options.onProgress,
  );
  const written: { file: VolumeFile; volume: ExportedVolume }[] = [];
  let current: VolumeFile | undefined;
  try {
    for (const [index, volumeIds] of plan.entries()) {
      const fileName = exportFileName({ format: 'zip', now, captures: volumeIds.length, volume: { n: index + 1, of: plan.length, caseName: options.caseName } });
      current = await openFile(fileName);
      const { manifestSha256 } = await writeVolume(current, now, {
        ...inputs,
        captures: captureSources(db, volumeIds, signal),
        threads,
        now,
        signal,
        streamed: true,
        annotateScreenshot: options.annotateScreenshot,
        onFile: (file) => progress.added(index + 1, file.bytes),
      });
      signal?.throwIfAborted();
      const file = current;
      current = undefined;
      written.push({ file, volume: { fileName, file: await file.close(), captures: volumeIds.length, manifestSha256 } });
    }
  } catch (error) {
    await current?.discard();
    for (const { file } of written) await file.discard();
    throw error;
  }
  await logExport(
    db,
    written.map(({ volume }, index) => ({
      captureIds: plan[index]!,
      details: { bundleFile: volume.fileName, volume: `${index + 1} of ${written.length}`, manifestSha256: volume.manifestSha256, captures: volume.captures },
    })),
    now,
  );
  const volumes = written.map((w) => w.volume);
  // A thread larger than a volume could not stay whole in one: its members are exported, its record is not; said.
  const split = threads.filter((thread) => !plan.some((volumeIds) => thread.memberIds.every((id) => volumeIds.includes(id))));
  const splitNote = split.length > 0 ? ` ${split.length} thread record(s) left out: the thread's captures are larger than one volume and are spread over several; export each such thread alone, or raise the volume size.` : '';
  progress.done((volumes.length > 1 ? `${volumes.length} volumes ready: ${volumes.map((v) => v.fileName).join(', ')}` : `Bundle ready: ${volumes[0]!.fileName}`) + splitNote);
  return { volumes, bytes: volumes.reduce((sum, v) => sum + v.file.size, 0) };
}

async function writeVolume(sink: ByteSink, now: Date, input: Parameters<typeof writeBundleZip>[1]) {
  const zip = new StoredZipWriter(sink, now);
  const written = await writeBundleZip(zip, input);
  await zip.finish();
  return written;
}
