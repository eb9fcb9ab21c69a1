// The in-memory end of the streaming writer: a ByteSink that keeps what it is given, for a ZIP small enough to hold
// whole (one bundle or WACZ of a few captures, tests). `zipInMemory` writes one ZIP into it and hands back its bytes.
import { StoredZipWriter, type ByteSink, type ZipPart } from './stored-writer';

export interface MemorySink extends ByteSink {
  /** Everything written so far, as one array. */
  bytes(): Uint8Array;
}

export function memorySink(): MemorySink {
  const chunks: Uint8Array[] = [];
  return {
    write: async (chunk: ZipPart) => {
      chunks.push(chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk);
    },
    bytes: () => concatBytes(chunks),
  };
}

/** One ZIP written by `fill` into memory, dated `date`; its bytes once the central directory is written. */
export async function zipInMemory(date: Date, fill: (zip: StoredZipWriter) => Promise<unknown>): Promise<Uint8Array> {
  const sink = memorySink();
  const zip = new StoredZipWriter(sink, date);
  await fill(zip);
  await zip.finish();
  return sink.bytes();
}

/** The chunks one after another in one new array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
