// What an export is asked for and what it hands to the download: one file in memory, or a set of streamed volumes.
import type { ScreenshotAnnotator } from '../evidence/capture-source';
import type { CaptureSize } from './plan';
import type { VolumeFiles } from './volume-files';

export type ExportFormat = 'zip' | 'wacz';

/** What the UI shows while an export runs: a percentage for the progress bar and a sentence for the status line. */
export interface ExportProgress {
  percent: number;
  status: string;
  /** Files and bytes written so far and in all, where the export knows them (a streamed export). */
  files?: { done: number; total: number };
  bytes?: { done: number; total: number };
}

export interface ExportOptions {
  /** The extension's version (the manifest's), written into the bundle as "PostProof x.y.z". */
  version: string;
  onProgress?: (progress: ExportProgress) => void;
  now?: Date;
  /** Cancels the export: it then rejects with an AbortError, leaves no file and logs nothing. */
  signal?: AbortSignal;
  /** `zip` (the evidence bundle, the default) or `wacz` (utils/formats/wacz/). */
  format?: ExportFormat;
  /** Draws each screenshot's annotated copy (the ZIP bundle only; a WACZ carries none); none when absent. */
  annotateScreenshot?: ScreenshotAnnotator;
  /** Volume size, bytes (setting `exportVolumeBytes`). */
  limitBytes?: number;
  /** Named in the volumes' file names. */
  caseName?: string;
  /** Where streamed volumes go (Blobs by default). */
  files?: VolumeFiles;
  /** The captures' sizes when the caller has read them already: not read again. */
  sizes?: readonly CaptureSize[];
}

/** One file built in memory. */
export interface ExportedBundle {
  fileName: string;
  bytes: Uint8Array;
  /** What the user must be told about this file (a WACZ: what ReplayWeb.page does and does not show). */
  notice?: string;
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
