// Property-based tests (fast-check) of the strict reader and the bundle verifier: arbitrary bytes and crafted ZIP
// structures always come back as a verdict, never a throw; any single-byte change to a genuine bundle is refused;
// and a genuine bundle rebuilt with any structural deviation unzip might read differently is refused, while the
// same entries in another order (still a plain ZIP) stay valid.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRawEntries, writeRawZip, type RawZipEntry, type RawZipOptions } from '../../../test/support/raw-zip';
import { verifyBundle, writeBundle } from './index';
import { makeCaptures, makeTestKey } from '../../../test/support/bundle-captures';

let valid: Uint8Array;
let entries: RawZipEntry[];

beforeAll(async () => {
  const key = await makeTestKey();
  const captures = await makeCaptures(key, [{ text: 'first' }, { text: 'second' }]);
  valid = await writeBundle({ captures, signer: key.signer, software: 'PostProof test' });
  entries = readRawEntries(valid);
}, 60_000);

/** A structural deviation applied to one entry (chosen by index) or to the archive. */
const deviation = fc.oneof(
  fc.record({ kind: fc.constant('local-name' as const), entry: fc.nat(), suffix: fc.constantFrom('x', '/', '.bak', 'X') }),
  fc.record({ kind: fc.constant('flags' as const), entry: fc.nat(), flags: fc.constantFrom(1, 8, 0x40, 0x2000) }),
  fc.record({ kind: fc.constant('extra' as const), entry: fc.nat(), where: fc.constantFrom('local' as const, 'central' as const) }),
  fc.record({ kind: fc.constant('comment' as const), entry: fc.nat() }),
  fc.record({ kind: fc.constant('crc' as const), entry: fc.nat(), crc: fc.nat({ max: 0xffffffff }) }),
  fc.record({ kind: fc.constant('deflate' as const), entry: fc.nat() }),
  fc.record({ kind: fc.constant('unix' as const), entry: fc.nat(), mode: fc.constantFrom(0o100644, 0o120777, 0o040755) }),
  fc.record({ kind: fc.constant('gap' as const), entry: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), entry: fc.nat(), upper: fc.boolean() }),
  fc.record({ kind: fc.constant('prefix' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }), shift: fc.boolean() }),
  fc.record({ kind: fc.constant('trailing' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }) }),
  fc.record({ kind: fc.constant('archive-comment' as const), text: fc.string({ minLength: 1, maxLength: 40 }) }),
);

type Deviation = typeof deviation extends fc.Arbitrary<infer T> ? T : never;

function apply(base: readonly RawZipEntry[], changes: readonly Deviation[]): { entries: RawZipEntry[]; options: RawZipOptions } {
  const out = base.map((entry) => ({ ...entry }));
  const options: RawZipOptions = {};
  for (const change of changes) {
    if (!('entry' in change)) {
      if (change.kind === 'prefix') Object.assign(options, { prefix: change.bytes, shiftOffsets: change.shift });
      else if (change.kind === 'trailing') options.trailing = change.bytes;
      else options.comment = change.text;
      continue;
    }
    const target = out[change.entry % out.length]!;
    if (change.kind === 'local-name') target.localName = `${target.name}${change.suffix}`;
    else if (change.kind === 'flags') target.flags = change.flags;
    else if (change.kind === 'extra') target[change.where === 'local' ? 'localExtra' : 'centralExtra'] = new Uint8Array([0x75, 0x70, 1, 0, 1]);
    else if (change.kind === 'comment') target.comment = 'checked';
    else if (change.kind === 'crc') target.crc = change.crc;
    else if (change.kind === 'deflate') target.method = 'deflate';
    else if (change.kind === 'unix') Object.assign(target, { madeBy: (3 << 8) | 20, externalAttributes: (change.mode << 16) >>> 0 });
    else if (change.kind === 'gap') target.after = change.bytes;
    else out.push({ ...target, name: change.upper ? target.name.toUpperCase() : target.name });
  }
  return { entries: out, options };
}

/** Whether a deviation changes nothing at all (a CRC written as the true one). */
function isNoOp(change: Deviation, base: readonly RawZipEntry[]): boolean {
  if (change.kind !== 'crc') return false;
  const data = base[change.entry % base.length]!.data;
  return change.crc === crc32(data) >>> 0;
}

describe('the strict reader and the bundle verifier (property-based)', () => {
  it('arbitrary bytes get an invalid verdict, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect((await verifyBundle(bytes)).verdict).toBe('invalid');
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes behind a plausible end record are refused, never thrown', async () => {
    const zipLike = fc.tuple(fc.uint8Array({ minLength: 0, maxLength: 2048 }), fc.nat({ max: 0xffff }), fc.nat({ max: 4096 }), fc.nat({ max: 4096 })).map(([body, count, size, offset]) => {
      const end = new Uint8Array(22);
      const view = new DataView(end.buffer);
      view.setUint32(0, 0x06054b50, true);
      view.setUint16(8, count, true);
      view.setUint16(10, count, true);
      view.setUint32(12, size, true);
      view.setUint32(16, offset, true);
      return new Uint8Array([...body, ...end]);
    });
    await fc.assert(
      fc.asyncProperty(zipLike, async (bytes) => {
        expect((await verifyBundle(bytes)).verdict).toBe('invalid');
      }),
      { numRuns: 300 },
    );
  });

  it('any single-byte change anywhere in a genuine bundle is refused', async () => {
    expect((await verifyBundle(valid)).verdict).toBe('valid');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const changed = valid.slice();
        changed[at] = changed[at]! ^ delta;
        expect((await verifyBundle(changed)).verdict, `byte ${at} ^ ${delta}`).toBe('invalid');
      }),
      { numRuns: 400 },
    );
  });

  it('a genuine bundle rebuilt with any structural deviation is refused; its entries in another order stay valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(deviation, { minLength: 0, maxLength: 3 }), fc.boolean(), async (changes, shuffle) => {
        const rebuilt = apply(entries, changes);
        if (shuffle) rebuilt.entries.reverse();
        const report = await verifyBundle(writeRawZip(rebuilt.entries, rebuilt.options));
        const deviates = changes.some((change) => !isNoOp(change, entries));
        expect(report.verdict, JSON.stringify(changes.map((c) => c.kind))).toBe(deviates ? 'invalid' : 'valid');
      }),
      { numRuns: 300 },
    );
  });
});
