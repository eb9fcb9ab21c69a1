// The contract every second-witness source keeps (one file per platform in sources/): which requests to make, and how
// to read the kept responses. `read` is pure over the kept bytes, so the verifier reads a bundle's witness exactly as
// the capture did, and any difference between the two is a finding.
import type { PlatformName, PostRecord, WitnessProof } from '../model';

/** One request of a witness: a public URL, fetched without cookies or credentials. */
export interface WitnessRequest {
  url: string;
  /** Accept header, when the source needs one (e.g. `application/json`). */
  accept?: string;
  /** A short file stem for the kept body, unique within the witness: `status`, `did`, `record` … */
  name: string;
  /** File extension of the kept body, without the dot: `json`, `car`, `html`. */
  ext: string;
}

/** A response as kept: the exact body bytes, the status and the headers that matter (lower-case names). */
export interface WitnessResponse {
  name: string;
  /** The kept file's extension (from the request; from the file's path when read back). */
  ext?: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What a witness says about the post; absent fields are absent from the witness, never guessed. */
export interface WitnessFields {
  authorId?: string;
  authorHandle?: string;
  postId?: string;
  text?: string;
  postedAt?: string;
  mediaCount?: number;
  /** The platform's own media identifiers, in the witness's order (see `mediaIdOf`). */
  mediaIds?: string[];
}

export type WitnessReading =
  | { kind: 'served'; fields: WitnessFields; proof?: WitnessProof }
  | { kind: 'not-served'; reason: string }
  | { kind: 'unavailable'; reason: string };

/** The next step of a witness: a request to make, the end, or why no (further) request can be made. */
export type WitnessStep = { request: WitnessRequest } | { done: true } | { unavailable: string };

export interface WitnessSource {
  /** Names the source in `corroboration.source`: `bluesky-atproto`, `mastodon-status-api`, `reddit-json` … */
  id: string;
  platform: PlatformName;
  /** Match patterns of the hosts its requests go to (the optional host permissions the setting asks for). */
  hostPatterns: readonly string[];
  /** The next request given the responses so far (Bluesky needs the DID document before it knows the PDS). */
  next(post: PostRecord, done: readonly WitnessResponse[]): WitnessStep;
  /** Reads the kept responses: at capture, and offline from a bundle's files, the same way. */
  read(post: PostRecord, responses: readonly WitnessResponse[]): Promise<WitnessReading>;
  /** The platform's id of a media file from its URL, as the page and the witness both give it; absent when none. */
  mediaIdOf(url: string): string | undefined;
}
