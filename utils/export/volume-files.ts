// Where a streamed export's volumes go: Blobs made of the stored files' own Blobs (passed on unread) and what is
// written at export, so memory stays flat and the download reads the media straight from the browser's store.
import type { ByteSink } from '../zip/stored-writer';
import { concatBytes } from '../zip/memory-sink';

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
    if (run.length > 0) parts.push(run.length === 1 ? (run[0] as Uint8Array<ArrayBuffer>) : concatBytes(run));
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

