// Property-based tests (fast-check) of the bundle reader and verifier: arbitrary bytes and mutated valid bundles
// always come back as a verdict, never as a thrown error, and mutations are never reported valid by accident.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleReader } from './bundle-reader';
import { verifyBundle, writeBundle } from './index';
import { makeCaptures, makeTestKey } from './test-support';
import type { VerifyCheck } from './types';

let valid: Uint8Array;

beforeAll(async () => {
  const key = await makeTestKey();
  const captures = await makeCaptures(key, [{ text: 'first' }, { text: 'second' }]);
  valid = await writeBundle({ captures, signer: key.signer, software: 'PostProof test' });
}, 60_000);

/** Byte edits, truncations, insertions and cuts, aimed half the time at the central directory at the end. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), nearEnd: fc.boolean() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), value: fc.constant(0), nearEnd: fc.boolean() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), nearEnd: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(0), nearEnd: fc.boolean() }),
);

interface Mutation {
  kind: 'set' | 'truncate' | 'insert' | 'delete';
  at: number;
  value: number;
  nearEnd: boolean;
}

function mutate(bytes: Uint8Array, edits: Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const edit of edits) {
    if (out.length === 0) break;
    const tail = Math.min(out.length, 2048);
    const at = edit.nearEnd ? out.length - tail + (edit.at % tail) : edit.at % out.length;
    if (edit.kind === 'set') out[at] = edit.value;
    else if (edit.kind === 'truncate') out = out.subarray(0, at);
    else if (edit.kind === 'insert') out = new Uint8Array([...out.subarray(0, at), edit.value, ...out.subarray(at)]);
    else out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + 1)]);
  }
  return out;
}

describe('bundle reader and verifier (property-based)', () => {
  it('arbitrary bytes get an invalid verdict, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const report = await verifyBundle(bytes);
        expect(report.verdict).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary bytes behind a real ZIP end record are read as a directory or refused, never thrown', async () => {
    // A plausible end-of-directory record pointing into random bytes drives the parser past its first check.
    const zipLike = fc.tuple(fc.uint8Array({ minLength: 0, maxLength: 2048 }), fc.nat({ max: 0xffff }), fc.nat({ max: 4096 }), fc.nat({ max: 4096 })).map(
      ([body, count, size, offset]) => {
        const end = new Uint8Array(22);
        const view = new DataView(end.buffer);
        view.setUint32(0, 0x06054b50, true);
        view.setUint16(8, count, true);
        view.setUint16(10, count, true);
        view.setUint32(12, size, true);
        view.setUint32(16, offset, true);
        return new Uint8Array([...body, ...end]);
      },
    );
    await fc.assert(
      fc.asyncProperty(zipLike, async (bytes) => {
        const checks: VerifyCheck[] = [];
        const reader = await BundleReader.open(bytes, checks);
        if (reader) for (const name of reader.fileNames()) await reader.read(name).catch((error: unknown) => expect(error).toBeInstanceOf(Error));
        else expect(checks.some((check) => !check.ok)).toBe(true);
        expect((await verifyBundle(bytes)).verdict).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });

  it('a mutated valid bundle gets a verdict, never a throw, and is valid only when the bytes are unchanged', async () => {
    expect((await verifyBundle(valid)).verdict).toBe('valid');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (edits) => {
        const bytes = mutate(valid, edits);
        const report = await verifyBundle(bytes);
        expect(['valid', 'invalid']).toContain(report.verdict);
        // A change to any byte of an entry's data is caught; changes in ZIP metadata a reader ignores may pass.
        if (report.verdict === 'valid') expect(bytes.length).toBe(valid.length);
      }),
      { numRuns: 300 },
    );
  });
});
