import { describe, expect, it } from 'vitest';
import { bytesSource } from './source';
import { StrictZip } from './strict-reader';
import { memorySink, zipInMemory } from './memory-sink';

describe('memorySink', () => {
  it('joins bytes and Blobs in the order written', async () => {
    const sink = memorySink();
    await sink.write(new Uint8Array([1, 2]));
    await sink.write(new Blob([new Uint8Array([3])]));
    await sink.write(new Uint8Array([4]));
    expect([...sink.bytes()]).toEqual([1, 2, 3, 4]);
  });

  it('gives a ZIP the strict reader accepts', async () => {
    const bytes = await zipInMemory(new Date(Date.UTC(2026, 0, 2, 3, 4, 6)), async (zip) => {
      await zip.add('a.txt', new TextEncoder().encode('hello'));
      await zip.add('b/c.txt', new TextEncoder().encode('world'));
    });
    const zip = await StrictZip.open(bytesSource(bytes));
    if (Array.isArray(zip)) throw new Error(zip.map((p) => p.message).join('; '));
    expect(zip.entries.map((e) => e.name)).toEqual(['a.txt', 'b/c.txt']);
    expect(new TextDecoder().decode(await zip.readEntry('b/c.txt'))).toBe('world');
  });
});
