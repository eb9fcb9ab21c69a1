// What the store hands an export for one capture (capture-rows.ts captureSource): its row, ways to read its files
// and derived copies, its stamped tokens, custody log and notes. The formats write bundles from it
// (utils/formats/bundle/types.ts names it BundleCaptureSource).
import type { CaptureNotes } from '../model';
import type { StoredCapture, StoredDerivedCopy } from './rows';
import type { ExportableStamp } from './stamps';

/** One capture to export: its stored row, a way to read its artifacts, and its annotations (never signed). */
export interface CaptureSource {
  stored: StoredCapture;
  /** Bytes of an artifact by its path relative to the capture's folder, as listed in capture.json `artifacts[]`. */
  readArtifact(path: string): Promise<Uint8Array>;
  /** The stored Blob and its CRC-32, for a writer that passes files on unread; undefined where only bytes are kept. */
  readArtifactBlob?(path: string): Promise<{ blob: Blob; crc32: number } | undefined>;
  /** A derived copy kept in the store (the annotated screenshot), by its path in the capture's folder. */
  derivedCopy?(path: string): Promise<StoredDerivedCopy | undefined>;
  /** Keeps a derived copy drawn now, for the next export. */
  keepDerivedCopy?(copy: StoredDerivedCopy): Promise<void>;
  notes?: CaptureNotes;
  /** RFC 3161 tokens obtained for this capture (only stamped ones). */
  stamps?: ExportableStamp[];
  /** The capture's custody log lines, in order (utils/provenance/custody.ts). */
  custody?: string[];
}
