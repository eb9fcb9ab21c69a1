import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { capturePosts, makeThread } from '../../test/support/thread-captures';
import { readThreadFromBundle } from '../../test/support/threads';
import { unpack } from '../../test/support/wacz-tools';
import { verifyEvidenceFile } from '../formats/verify-any';
import { openPostProofDb } from '../store/db';
import { bytesSource } from '../zip/source';
import { runExport } from './session';
import { importBundle } from '../restore/import-bundles';
import { listThreads } from '../store/threads';

const now = new Date(Date.UTC(2026, 1, 2, 3, 4, 5));
const freshDb = () => openPostProofDb(`thread-export-${crypto.randomUUID()}`);

describe('exporting a thread from the store', () => {
  it('puts the thread kept by the background into a bundle of its members, which verifies; a bundle missing one member has none', async () => {
    const db = await freshDb();
    const { threadId, captureIds } = await makeThread(db, ['p0', 'r1', 'r2']);
    const [other] = await capturePosts(db, ['unrelated']);
    const whole = await runExport(db, [...captureIds, other!], { version: '1.2.3', now, mode: 'memory' });
    const threads = await readThreadFromBundle(whole.bytes);
    expect(threads.map((t) => t.id)).toEqual([threadId]);
    expect(threads[0]).toMatchObject({ signatureOk: true, membersOk: true });
    expect(threads[0]!.record.members.map((m) => m.captureId)).toEqual(captureIds);
    const report = await verifyEvidenceFile(bytesSource(whole.bytes));
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);

    const partial = await runExport(db, captureIds.slice(0, 2), { version: '1.2.3', now, mode: 'memory' });
    expect(await readThreadFromBundle(partial.bytes)).toEqual([]);
    db.close();
  });

  it('puts it into a WACZ and into the streamed volume that holds its members', async () => {
    const db = await freshDb();
    const { threadId, captureIds } = await makeThread(db, ['p0', 'r1']);
    const wacz = await runExport(db, captureIds, { version: '1.2.3', now, mode: 'memory', format: 'wacz' });
    expect([...(await unpack(wacz.bytes)).keys()]).toContain(`threads/${threadId}/thread.json`);
    expect((await verifyEvidenceFile(bytesSource(wacz.bytes))).verdict).toBe('valid');

    const streamed = await runExport(db, captureIds, { version: '1.2.3', now, mode: 'stream' });
    expect(streamed.volumes).toHaveLength(1);
    const bytes = new Uint8Array(await streamed.volumes[0]!.file.arrayBuffer());
    expect((await readThreadFromBundle(bytes)).map((t) => t.id)).toEqual([threadId]);
    expect((await verifyEvidenceFile(bytesSource(bytes))).verdict).toBe('valid');
    db.close();
  });

  it('restores the captures of a bundle with a thread into another store (the thread itself is not imported)', async () => {
    const db = await freshDb();
    const { captureIds } = await makeThread(db, ['p0', 'r1']);
    const bundle = await runExport(db, captureIds, { version: '1.2.3', now, mode: 'memory' });
    const other = await freshDb();
    const imported = await importBundle(other, bundle.bytes);
    expect(imported.imported).toEqual(captureIds);
    expect(await listThreads(other)).toEqual([]);
    db.close();
    other.close();
  });
});
