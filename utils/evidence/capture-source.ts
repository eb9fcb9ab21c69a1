// What both formats' writers take for each capture (its stored row, artifacts, tokens, annotations) and the key that
// signs what they write; the store makes the sources (utils/store/capture-rows.ts), the export session the signer.

import type { CaptureSource } from '../store/capture-source';
import type { PinnedRoot } from '../provenance/tsa-roots';

/** One capture to export: defined by the store, which makes it (utils/store/capture-rows.ts captureSource). */
export type BundleCaptureSource = CaptureSource;

/** One token for a capture's record, with what the TSA said when it was checked at stamping time. */
export interface BundleStamp {
  tsaId: string;
  tsaName: string;
  /** The full TimeStampResp. */
  tsr: Uint8Array;
  genTime: string;
  /** SHA-256 of the certificate whose signature on the token was checked when it was stamped (absent for an imported token). */
  signerSha256?: string;
}

/** A timestamp authority's certificates, written to tsa/<tsaId>.pem. */
export interface BundleTsaChain {
  name: string;
  url: string;
  certificates: Uint8Array[];
}

/** A preserved thread as the store keeps it (utils/store/rows.ts StoredThread): its signed bytes, signature and members. */
export interface ThreadSource {
  id: string;
  recordBytes: Uint8Array;
  recordSha256: string;
  signature: Uint8Array;
  memberIds: readonly string[];
}

/** The install key as the writer needs it; the private key never leaves `sign`. */
export interface BundleSigner {
  keyId: string;
  publicKeySpki: Uint8Array;
  /** DER ECDSA P-384/SHA-256 signature over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * Draws the derived copy of a screenshot: the original image's pixels unchanged (no scaling) below a header strip
 * holding `lines`, as a new PNG. Injected so the writer runs in Node; the browser one is utils/evidence/annotated-screenshot.ts.
 */
export type ScreenshotAnnotator = (screenshot: Uint8Array, lines: readonly string[]) => Promise<AnnotatedScreenshot>;

export interface AnnotatedScreenshot {
  png: Uint8Array;
  /** Size of the original image, px, and the strip's height above it: the PNG is width × (height + stripHeight). */
  width: number;
  height: number;
  stripHeight: number;
}

/** How far a format writer is: captures read and checked, summaries written, the ZIP finished. */
export interface WriteProgress {
  done: number;
  /** 0 while the number of captures is not known yet (captures given as an async iterable). */
  total: number;
  phase: 'captures' | 'summaries' | 'zip';
}

/** What both formats' writers take. */
export interface WriteInput {
  captures: Iterable<BundleCaptureSource> | AsyncIterable<BundleCaptureSource>;
  signer: BundleSigner;
  /** Written into manifest.json, e.g. "PostProof 0.1.0". */
  software: string;
  now?: Date;
  onProgress?: (progress: WriteProgress) => void;
  /** Certificates of the authorities that stamped these captures, by tsaId. */
  tsaChains?: ReadonlyMap<string, BundleTsaChain>;
  /** When given, each screenshot also gets a derived, annotated copy (manifest `derived[]`); a failure is reported, not thrown. */
  annotateScreenshot?: ScreenshotAnnotator;
  /** The preset authorities' pinned roots (utils/provenance/tsa-roots.ts by default; tests give their own). */
  pinnedRoots?: readonly PinnedRoot[];
  /** Preserved threads that may go with these captures: each is exported when all its members are (thread-files.ts). */
  threads?: readonly ThreadSource[];
}
