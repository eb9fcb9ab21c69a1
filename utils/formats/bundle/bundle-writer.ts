// Writes an evidence bundle (DESIGN.md §5) into a ZIP, every entry STORED: each capture read and checked
// (utils/evidence/collect-capture.ts), then sealed (bundle-seal.ts). Held, it is written in the §5 order (manifest,
// checksums, summaries, then the captures by sequence); streamed (a volume), each capture's files go out as they are
// read, the stored ones as Blobs passed on unread, and the summaries and the manifest follow. The export session
// (utils/export/) gives the ZIP; `writeBundle` is one held bundle in memory.

import { importPublicKeySpki } from '../../provenance/ecdsa';
import { checkNotChosenTwice, collectCapture, type BundleEntry, type BundleFile, type CollectedCapture } from '../../evidence/collect-capture';
import { BundleError } from '../../evidence/errors';
import { collectThreads } from '../../evidence/thread-files';
import { zipInMemory } from '../../zip/memory-sink';
import type { StoredZipWriter } from '../../zip/stored-writer';
import { sealBundle, sortedCaptures } from './bundle-seal';
import { MAX_BUNDLE_BYTES } from './layout';
import type { WriteBundleInput } from './types';

export interface BundleZipInput extends WriteBundleInput {
  /**
   * Write each file as it is read, passing the store's files on as Blobs, unread, with the CRC-32 taken when they were
   * stored (a volume: the browser reads them from disk at download). Otherwise every file is read, checked against its
   * signed hash and held until the bundle is sealed.
   */
  streamed?: boolean;
  /** Called as each file is added (the export's byte and file counts). */
  onFile?: (file: BundleEntry) => void;
  signal?: AbortSignal;
}

export interface WrittenBundle {
  /** SHA-256 of the signed manifest.json: names the bundle's content. */
  manifestSha256: string;
  captures: number;
}

/** Rough ZIP size: data plus a local header and a directory entry per file. */
export function zipBytes(files: readonly BundleEntry[]): number {
  return files.reduce((sum, file) => sum + file.bytes + 128 + 2 * file.path.length, 22);
}

function tooLarge(): BundleError {
  return new BundleError('BUNDLE_TOO_LARGE', 'These captures add up to more than 4 GiB, more than one bundle can hold. Export them in smaller groups.');
}

/** Writes one bundle into `zip` (the caller finishes it). */
export async function writeBundleZip(zip: StoredZipWriter, input: BundleZipInput): Promise<WrittenBundle> {
  const { signer, onProgress, signal } = input;
  const createdAt = (input.now ?? new Date()).toISOString();
  const publicKey = await importPublicKeySpki(signer.publicKeySpki);
  const total = Array.isArray(input.captures) ? input.captures.length : 0;
  let size = 0;
  const put = async (file: BundleEntry, add: () => Promise<void>): Promise<void> => {
    signal?.throwIfAborted();
    size += zipBytes([file]) - 22;
    if (size > MAX_BUNDLE_BYTES) throw tooLarge();
    await add();
  };
  // A capture's file: counted for the progress, and only its entry kept for the manifest.
  const added = async (file: BundleEntry, add: () => Promise<void>): Promise<BundleEntry> => {
    await put(file, add);
    input.onFile?.(file);
    return { path: file.path, bytes: file.bytes, sha256: file.sha256 };
  };
  const held: BundleFile[] = [];
  const keep = async (file: BundleFile): Promise<BundleEntry> => {
    if (input.streamed) return added(file, () => zip.add(file.path, file.data));
    await put(file, async () => void held.push(file));
    input.onFile?.(file);
    return file;
  };
  const collected: CollectedCapture<BundleEntry>[] = [];
  const ids = new Set<string>();
  for await (const source of input.captures) {
    checkNotChosenTwice(ids, source.stored.id);
    collected.push(
      await collectCapture(source, signer, publicKey, keep, {
        annotate: input.annotateScreenshot,
        keepPart: input.streamed ? (part) => added(part, () => zip.addStored(part.path, part.blob, part.crc32)) : undefined,
        tsaChains: input.tsaChains,
        pinnedRoots: input.pinnedRoots,
      }),
    );
    onProgress?.({ done: collected.length, total, phase: 'captures' });
  }
  // The threads whose members are all in this bundle, checked against the capture records just read.
  const threads = await collectThreads(input.threads ?? [], new Map(collected.map((c) => [c.summary.id, c.summary.captureSha256])), signer, publicKey);
  const threadFiles = threads.flatMap((thread) => thread.files);
  for (const file of threadFiles) await put(file, input.streamed ? () => zip.add(file.path, file.data) : async () => undefined);
  onProgress?.({ done: 0, total: 1, phase: 'summaries' });
  const sealed = await sealBundle(collected, { signer, software: input.software, createdAt, tsaChains: input.tsaChains, threads });
  if (input.streamed) {
    for (const file of [...sealed.summaries, ...sealed.head]) await put(file, () => zip.add(file.path, file.data));
  } else {
    for (const file of [...sealed.head, ...sealed.summaries]) await put(file, async () => undefined);
    const byPath = new Map(held.map((file) => [file.path, file]));
    const captureFiles = sortedCaptures(collected).flatMap((c) => c.files.map((entry) => byPath.get(entry.path)!));
    for (const file of [...sealed.head, ...sealed.summaries, ...captureFiles, ...threadFiles]) await zip.add(file.path, file.data);
  }
  onProgress?.({ done: 1, total: 1, phase: 'summaries' });
  onProgress?.({ done: 100, total: 100, phase: 'zip' });
  return { manifestSha256: sealed.head[0]!.sha256, captures: collected.length };
}

/** One bundle, in memory. */
export async function writeBundle(input: WriteBundleInput): Promise<Uint8Array> {
  return zipInMemory(input.now ?? new Date(), (zip) => writeBundleZip(zip, input));
}
