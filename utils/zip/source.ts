// Where a ZIP's bytes come from when it is read: a file on disk (the CLI), a File or Blob chosen in a page (verify.html,
// import), or bytes in memory (tests). The reader asks for ranges only, so a bundle is never held whole in memory.

export interface ZipSource {
  /** Size of the whole file, in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset`; rejects when the source cannot give them (cut short, unreadable). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new RangeError(`Bytes ${offset}–${offset + length} lie outside the file (${size} bytes).`);
  }
}

/** Bytes already in memory; reads are views, not copies. */
export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read: async (offset, length) => {
      checkRange(bytes.length, offset, length);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A File or Blob: each read is a slice, so the browser reads it from disk as it goes. */
export function blobSource(blob: Blob): ZipSource {
  return {
    size: blob.size,
    read: async (offset, length) => {
      checkRange(blob.size, offset, length);
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      // A file changed on disk since it was chosen gives fewer bytes: never pad, never guess.
      if (bytes.length !== length) throw new RangeError(`The file gave ${bytes.length} bytes where ${length} were asked for; it changed while it was read.`);
      return bytes;
    },
  };
}
