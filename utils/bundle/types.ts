// The bundle writer's inputs and the verifier's report.

import type { StoredCapture } from '../model';

/** One capture to export: its stored row, a way to read its artifacts, and its annotations (never signed). */
export interface BundleCaptureSource {
  stored: StoredCapture;
  /** Bytes of an artifact by its path relative to the capture's folder, as listed in capture.json `artifacts[]`. */
  readArtifact(path: string): Promise<Uint8Array>;
  notes?: unknown;
}

/** The install key as the writer needs it; the private key never leaves `sign`. */
export interface BundleSigner {
  keyId: string;
  publicKeySpki: Uint8Array;
  /** DER ECDSA P-384/SHA-256 signature over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface BundleProgress {
  done: number;
  /** 0 while the number of captures is not known yet (captures given as an async iterable). */
  total: number;
  phase: 'captures' | 'summaries' | 'zip';
}

export interface WriteBundleInput {
  captures: Iterable<BundleCaptureSource> | AsyncIterable<BundleCaptureSource>;
  signer: BundleSigner;
  /** Written into manifest.json, e.g. "PostProof 0.1.0". */
  software: string;
  now?: Date;
  onProgress?: (progress: BundleProgress) => void;
}

export interface VerifyCheck {
  /** Stable id of the check, e.g. `file-hash`, `capture-signature`, `sequence-chain`. */
  check: string;
  file?: string;
  ok: boolean;
  message: string;
  /** Set on passing checks worth telling the reader about (a gap in the sequence). */
  note?: boolean;
}

export interface VerifyReport {
  verdict: 'valid' | 'invalid';
  checks: VerifyCheck[];
  captures: { id: string; author?: string; permalink?: string; capturedAt?: string }[];
  keyId?: string;
}
