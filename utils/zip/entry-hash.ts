// SHA-256 of an entry fed chunk by chunk. WebCrypto has no incremental digest, so in a page an entry up to 512 MiB is
// gathered and digested natively in one call (a capture's media may take 500 MB in all, so nearly every entry
// fits), and a larger one goes through @noble/hashes, which keeps only its state but runs at about 100 MB/s; the CLI
// passes Node's own hash instead (bin/file-source.ts), which streams natively at any size. One entry at a time is
// held: never the bundle.
import { sha256 } from '@noble/hashes/sha2.js';

export interface EntryHasher {
  update(chunk: Uint8Array): void;
  /** Lowercase hex. */
  digest(): Promise<string>;
}

/** A hasher for an entry of `size` bytes. */
export type HasherFactory = (size: number) => EntryHasher;

/** CRC-32 of `chunk` continuing from `previous` (0 at the start), as zlib's crc32(data, value). */
export type Crc32Function = (chunk: Uint8Array, previous: number) => number;

const GATHER_UP_TO = 512 * 1024 * 1024;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function gatheringHasher(size: number): EntryHasher {
  const whole = new Uint8Array(size);
  let length = 0;
  return {
    update(chunk) {
      whole.set(chunk, length);
      length += chunk.length;
    },
    async digest() {
      return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', whole.subarray(0, length))));
    },
  };
}

/** SHA-256 by @noble/hashes, holding only its state. */
export function streamingHasher(): EntryHasher {
  const state = sha256.create();
  return {
    update: (chunk) => void state.update(chunk),
    digest: async () => hex(state.digest()),
  };
}

/** WebCrypto for what fits in 512 MiB, @noble/hashes beyond. */
export const defaultHasher: HasherFactory = (size) => (size <= GATHER_UP_TO ? gatheringHasher(size) : streamingHasher());
