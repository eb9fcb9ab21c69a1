import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../formats/bundle';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { exportVolumes } from './volumes';
import { captureSizes, planVolumes, type CaptureSize } from './plan';
import { blobVolumeFiles, type VolumeFiles } from './volume-files';
import { getOrCreateInstallKey } from '../store/install-key';
import { readCustodyLines } from '../store/custody-log';
import { openPostProofDb, type PostProofDb } from '../store/db';
import JSZip from 'jszip';
import { crc32 } from '../zip/crc32';
import type { StoredArtifact } from '../store/rows';

const MB = 1024 ** 2;
const size = (id: string, sequence: number, bytes: number, files = 5): CaptureSize => ({ id, sequence, bytes, files });

async function dbWithCaptures(count: number): Promise<{ db: PostProofDb; ids: string[] }> {
  const db = await openPostProofDb(`volumes-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await preservePost(sampleCaptureRequest(`Post ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch, now: () => new Date(Date.UTC(2026, 0, 1, 0, i)) });
    if (!reply.ok) throw new Error(reply.message);
    ids.push(reply.captureId);
  }
  return { db, ids };
}

describe('planVolumes', () => {
  it('fills volumes in capture order up to the limit and never splits a capture', () => {
    const sizes = [size('c', 3, 40 * MB), size('a', 1, 40 * MB), size('b', 2, 40 * MB), size('d', 4, 10 * MB)];
    expect(planVolumes(sizes, 100 * MB)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(planVolumes(sizes, 1024 * MB)).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('gives a capture larger than the limit a volume of its own, and refuses one no ZIP can hold', () => {
    expect(planVolumes([size('a', 1, 1 * MB), size('big', 2, 300 * MB), size('c', 3, 1 * MB)], 100 * MB)).toEqual([['a'], ['big'], ['c']]);
    expect(() => planVolumes([size('huge', 1, 4 * 1024 * MB)], 100 * MB)).toThrow(/more than 4 GiB/);
  });

  it('keeps a thread’s members in one volume where they fit in one, so its record goes with them', () => {
    const sizes = [size('a', 1, 40 * MB), size('t1', 2, 30 * MB), size('t2', 3, 30 * MB), size('t3', 5, 20 * MB), size('d', 4, 10 * MB)];
    // Without the thread, the volume breaks between t2 and t3 (t1, t2 and t3 would be spread over two volumes).
    expect(planVolumes(sizes, 100 * MB)).toEqual([['a', 't1'], ['t2', 'd', 't3']]);
    expect(planVolumes(sizes, 100 * MB, [['t1', 't2', 't3']])).toEqual([['a'], ['t1', 't2', 't3', 'd']]);
    // Two threads sharing a member are one set; a set larger than a volume is split where it must be.
    expect(planVolumes(sizes, 100 * MB, [['t1', 't2'], ['t2', 't3']]).find((v) => v.includes('t1'))).toEqual(['t1', 't2', 't3', 'd']);
    expect(planVolumes(sizes, 60 * MB, [['t1', 't2', 't3']]).flat().sort()).toEqual(['a', 'd', 't1', 't2', 't3']);
  });

  it('starts a new volume before a ZIP would hold 65,535 entries', () => {
    const many = Array.from({ length: 30 }, (_, i) => size(`c${i}`, i, 1000, 5000));
    const plan = planVolumes(many, 1024 * MB);
    expect(plan.length).toBe(3);
    expect(plan.flat()).toEqual(many.map((c) => c.id));
  });
});

describe('blobVolumeFiles', () => {
  it('gives the pieces in order, Blobs passed on as they are, also after folding what it held into one Blob', async () => {
    const file = await blobVolumeFiles('v.zip');
    const big = new Uint8Array(9 * MB).fill(5);
    const pieces = [new Uint8Array([1, 2]), new Blob([new Uint8Array([3])]), big, new Uint8Array([4]), new Blob([new Uint8Array([6, 7])])];
    for (const piece of pieces) await file.write(piece);
    const bytes = new Uint8Array(await (await file.close()).arrayBuffer());
    expect(bytes.length).toBe(2 + 1 + big.length + 1 + 2);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([1, 2, 3, 5]);
    expect(Array.from(bytes.subarray(-4))).toEqual([5, 4, 6, 7]);
  });
  it('keeps the order across many segments of stored files and headers', async () => {
    const file = await blobVolumeFiles('v.zip');
    // 1,000 stored files, each after a header: several segments of parts.
    for (let n = 0; n < 1000; n++) {
      await file.write(new Uint8Array([n & 0xff]));
      await file.write(new Blob([new Uint8Array([(n >> 8) & 0xff, 0xee])]));
    }
    const bytes = new Uint8Array(await (await file.close()).arrayBuffer());
    expect(bytes.length).toBe(3000);
    for (let n = 0; n < 1000; n++) expect([bytes[3 * n], bytes[3 * n + 1], bytes[3 * n + 2]]).toEqual([n & 0xff, (n >> 8) & 0xff, 0xee]);
  });
});

describe('exportVolumes', () => {
  it('splits a set over the limit into volumes that each verify, and logs each capture’s volume', async () => {
    const { db, ids } = await dbWithCaptures(5);
    const sizes = await captureSizes(db, ids);
    // Room for two captures a volume, besides the overhead the planner keeps free.
    const limit = Math.max(...sizes.map((s) => s.bytes)) * 2 + 256 * 1024 + 100;
    const progress: number[] = [];
    const set = await exportVolumes(db, [...ids].reverse(), { version: '1.2.3', limitBytes: limit, now: new Date(Date.UTC(2026, 10, 28, 1, 53)), onProgress: (p) => progress.push(p.percent) });
    expect(set.volumes.map((v) => v.fileName)).toEqual(['postproof-20261128-0153-vol1of3.zip', 'postproof-20261128-0153-vol2of3.zip', 'postproof-20261128-0153-vol3of3.zip']);
    expect(set.volumes.map((v) => v.captures)).toEqual([2, 2, 1]);
    const seen: string[] = [];
    for (const volume of set.volumes) {
      const report = await verifyBundle(new Uint8Array(await volume.file.arrayBuffer()));
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      seen.push(...report.captures.map((c) => c.id));
    }
    expect(seen).toEqual(ids);
    expect(progress.at(-1)).toBe(100);
    const custody = await readCustodyLines(db, ids[4]!);
    expect(custody.at(-1)).toContain('vol3of3');
    db.close();
  });

  it('uses sizes read before only when they are of the chosen captures', async () => {
    const { db, ids } = await dbWithCaptures(3);
    const sizes = await captureSizes(db, ids);
    const exportedIds = async (given: CaptureSize[]) => {
      const set = await exportVolumes(db, ids, { version: '1.2.3', sizes: given });
      return (await verifyBundle(new Uint8Array(await set.volumes[0]!.file.arrayBuffer()))).captures.map((c) => c.id);
    };
    expect(await exportedIds(sizes)).toEqual(ids);
    // As many sizes, but one of another capture: the chosen ones are still what is exported.
    expect(await exportedIds([sizes[0]!, sizes[1]!, { ...sizes[1]!, id: 'another' }])).toEqual(ids);
    db.close();
  });

  it('when cancelled, discards every volume written so far and logs nothing', async () => {
    const { db, ids } = await dbWithCaptures(4);
    const sizes = await captureSizes(db, ids);
    const discarded: string[] = [];
    const files: VolumeFiles = async (name) => {
      const file = await blobVolumeFiles(name);
      return { ...file, discard: async () => void discarded.push(name) };
    };
    const controller = new AbortController();
    const run = exportVolumes(db, ids, {
      version: '1.2.3',
      limitBytes: Math.max(...sizes.map((s) => s.bytes)) + 256 * 1024 + 100,
      files,
      signal: controller.signal,
      // Cancelled once the third of four volumes has begun: two are finished by then.
      onProgress: (p) => {
        if (p.status.startsWith('Volume 3 of 4')) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(discarded.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect((await readCustodyLines(db, id)).join('\n')).not.toContain('exported');
    db.close();
  });

  it('passes stored files on unread, so a copy damaged in storage since capture fails the verifier instead', async () => {
    const { db, ids } = await dbWithCaptures(1);
    const row = (await db.get('artifacts', [ids[0]!, 'post.html']))!;
    expect(row.data).toBeInstanceOf(Blob);
    expect(row.crc32).toBe(crc32(new Uint8Array(await (row.data as Blob).arrayBuffer())));
    // Same size, one byte changed, the CRC of the original kept: what a damaged disk would leave.
    const damaged = new Uint8Array(await (row.data as Blob).arrayBuffer());
    damaged[0]! ^= 1;
    await db.put('artifacts', { ...row, data: new Blob([damaged]) });
    const set = await exportVolumes(db, ids, { version: '1.2.3' });
    const bytes = new Uint8Array(await set.volumes[0]!.file.arrayBuffer());
    const report = await verifyBundle(bytes);
    expect(report.checks.filter((c) => !c.ok).map((c) => `${c.file} ${c.message}`).join('\n')).toContain('post.html');
    // The ZIP carries the CRC-32 taken at capture, so any unzip reports the damage too.
    await expect(JSZip.loadAsync(bytes, { checkCRC32: true })).rejects.toThrow(/crc32/i);
    db.close();
  });

  it('reads, checks and exports a file stored as bytes without a CRC (rows from before), and refuses it when damaged', async () => {
    const { db, ids } = await dbWithCaptures(1);
    const row = (await db.get('artifacts', [ids[0]!, 'post.html']))!;
    const bytes = new Uint8Array(await (row.data as Blob).arrayBuffer());
    const legacy: StoredArtifact = { captureId: row.captureId, path: row.path, data: bytes };
    await db.put('artifacts', legacy);
    const set = await exportVolumes(db, ids, { version: '1.2.3' });
    const report = await verifyBundle(new Uint8Array(await set.volumes[0]!.file.arrayBuffer()));
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);

    const damaged = bytes.slice();
    damaged[0]! ^= 1;
    await db.put('artifacts', { ...legacy, data: damaged });
    await expect(exportVolumes(db, ids, { version: '1.2.3' })).rejects.toMatchObject({ code: 'BUNDLE_ARTIFACT_DAMAGED' });
    db.close();
  });

  it('reports a cancel while a stored file is being added as a cancel, not as a file that could not be read', async () => {
    const { db, ids } = await dbWithCaptures(1);
    const files: VolumeFiles = async (name) => {
      const file = await blobVolumeFiles(name);
      return {
        ...file,
        write: async (chunk) => {
          if (chunk instanceof Blob) throw new DOMException('The export was cancelled.', 'AbortError');
          await file.write(chunk);
        },
      };
    };
    await expect(exportVolumes(db, ids, { version: '1.2.3', files })).rejects.toMatchObject({ name: 'AbortError' });
    db.close();
  });
});
