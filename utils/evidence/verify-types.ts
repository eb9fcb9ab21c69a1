// What a verification is asked (trust anchors and pins, how to read) and what it answers, for both evidence formats
// (the bundle ZIP and the WACZ), the CLI, verify.html and import.

import type { PinnedRoot } from '../provenance/tsa-roots';
import type { Crc32Function, HasherFactory } from '../zip/entry-hash';

/** A collector's key the person verifying trusts, by fingerprint (SHA-256 of the SPKI DER, lowercase hex). */
export interface TrustedKey {
  keyId: string;
  /** How the person knows it ("Newsroom laptop"); shown beside the fingerprint. */
  label?: string;
}

export interface VerifyOptions {
  /** Root certificates (DER) the person trusts for timestamps besides the preset authorities' pinned roots (`--tsa-ca`). */
  tsaRoots?: Uint8Array[];
  /** The preset authorities' pinned roots: utils/provenance/tsa-roots.ts unless a test gives its own. */
  pinnedRoots?: readonly PinnedRoot[];
  /** The fingerprint the exporting key must have (`--expect-key`). */
  expectKey?: string;
  /** Keys the person trusts (`--trusted-keys`, the trusted collectors of verify.html): every signing key must be one. */
  trustedKeys?: readonly TrustedKey[];
  /** How entries are hashed and CRC-checked (the CLI passes Node's native ones). */
  hasher?: HasherFactory;
  crc32?: Crc32Function;
  /** Bytes read so far of all, while the archive is read. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** How a token's time is anchored: a root pinned in PostProof for a preset authority, or one the person gave. */
export type StampAnchor = { kind: 'pinned' | 'user'; label: string; rootSha256: string };

/** A token the verifier checked and found anchored, as the report shows it. */
export interface VerifiedTimestamp {
  file: string;
  /** Subject of the TSA certificate. */
  tsa: string;
  /** The TSA's time, ISO 8601 UTC. */
  genTime: string;
  anchor: StampAnchor;
}

/** A token whose time is not anchored: who signed it and which root its chain ends in, but no time. */
export interface UnanchoredTimestamp {
  file: string;
  /** Subject of the TSA certificate, as the token names it. */
  tsa: string;
  /** The self-signed certificate its chain ends in, when there is one. */
  rootSubject?: string;
  captureId?: string;
}

/** One key that signed something in the file, and whether the person pinned it. */
export interface SignerVerdict {
  keyId: string;
  /** `exporter`: signed the file as a whole (and its own captures); `capture`: signed imported capture records only. */
  role: 'exporter' | 'capture';
  pinned: boolean;
  label?: string;
  /** Capture ids whose records this key signed. */
  captures: string[];
}

export interface VerifyCheck {
  /** Stable id of the check, e.g. `file-hash`, `capture-signature`, `sequence-chain`. */
  check: string;
  file?: string;
  ok: boolean;
  message: string;
  /** Set on passing checks worth telling the reader about (a gap in the sequence, an unpinned key). */
  note?: boolean;
}

export interface VerifiedCaptureSummary {
  id: string;
  author?: string;
  permalink?: string;
  capturedAt?: string;
  serverDate?: string;
  timestamps?: VerifiedTimestamp[];
  /** Fingerprint of the key that signed this capture's record. */
  keyId?: string;
}

export interface VerifyReport {
  verdict: 'valid' | 'invalid';
  checks: VerifyCheck[];
  captures: VerifiedCaptureSummary[];
  /** The exporting key's fingerprint. */
  keyId?: string;
  /** Every signing key, exporter first. */
  signers?: SignerVerdict[];
  /**
   * Tokens whose signature and imprint hold but whose chain reaches no root known from outside the file: named, never
   * shown as a trusted time. `captureId` is absent for a WACZ's package token.
   */
  unanchored?: UnanchoredTimestamp[];
  /**
   * SHA-256 of the file's SHA256SUMS, which its signature covers and which lists every other file's SHA-256: one
   * value that names exactly this content (the custody log's "verified" events carry it).
   */
  checksumsSha256?: string;
}
