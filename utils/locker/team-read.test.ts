import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { getOrCreateInstallKey } from '../store/install-key';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { buildFolder, readFolderFile } from './folder';
import { MemoryS3 } from './memory-s3.fixtures';
import { pushFiles } from './push';
import { listTeamCaptures, MAX_FOLDER_OBJECTS, openTeamCapture } from './team-read';

const RETAIN = { mode: 'COMPLIANCE' as const, retainUntil: '2027-01-01T00:00:00.000Z', legalHold: false };

async function pushedCapture(s3: MemoryS3, text: string): Promise<{ db: PostProofDb; id: string; folder: string }> {
  const db = await openPostProofDb(`team-read-${crypto.randomUUID()}`);
  const result = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db, key: await getOrCreateInstallKey(db), software: 'PostProof test', fetch });
  if (!result.ok) throw new Error(result.message);
  const built = await buildFolder(db, result.captureId, { prefix: 'team' }, '1.2.3');
  const byName = new Map(built.files.map((f) => [f.name, f]));
  await pushFiles(s3, built.files, (name, start, end) => readFolderFile(built.source, byName.get(name)!, start, end), RETAIN, { save: async () => undefined });
  return { db, id: result.captureId, folder: built.folder };
}

describe('team captures read back from the locker', () => {
  it('lists each member’s folders and verifies one as the bundle it is', async () => {
    const s3 = new MemoryS3(() => new Date('2026-12-06T10:00:00Z'));
    const a = await pushedCapture(s3, 'First member’s capture');
    const b = await pushedCapture(s3, 'Second member’s capture');
    s3.plant('team/.postproof-test/probe.txt', new Uint8Array([1]), {});
    const listed = await listTeamCaptures(s3, 'team', new Set([a.id]));
    expect(listed.map((c) => c.captureId).sort()).toEqual([a.id, b.id].sort());
    expect(listed.every((c) => c.complete && c.caseName === 'no-case')).toBe(true);
    expect(listed.find((c) => c.captureId === a.id)!.local).toBe(true);
    expect(listed.find((c) => c.captureId === b.id)!.local).toBe(false);

    const opened = await openTeamCapture(s3, b.folder);
    expect(opened.result.report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(opened.result.verified).toBe(true);
    expect(opened.result.report.captures.map((c) => c.id)).toEqual([b.id]);
    expect(opened.result.report.keyId).toBe((await getOrCreateInstallKey(b.db)).keyId);
    expect(opened.bundle?.byteLength).toBeGreaterThan(1000);
  });

  it('refuses a capture with an object written over after the push, even when the new bytes are the same', async () => {
    const s3 = new MemoryS3(() => new Date('2026-12-06T10:00:00Z'));
    const { id, folder } = await pushedCapture(s3, 'A post someone wants gone');
    const key = `${folder}captures/${id}/capture.json`;
    const original = (await s3.getObject(key)).body;
    s3.plant(key, original, {});
    const opened = await openTeamCapture(s3, folder);
    expect(opened.result.verified).toBe(false);
    expect(opened.result.overwritten).toEqual([key]);
    expect(opened.result.report.verdict).toBe('invalid');
    expect(opened.result.report.checks.find((c) => c.check === 'locker-versions')?.message).toMatch(/written over/);
  });

  it('refuses a changed record: the bundle verifier finds it', async () => {
    const s3 = new MemoryS3(() => new Date('2026-12-06T10:00:00Z'));
    const { id, folder } = await pushedCapture(s3, 'Original words');
    const key = `${folder}captures/${id}/capture.json`;
    s3.corrupt(key);
    const opened = await openTeamCapture(s3, folder);
    expect(opened.result.verified).toBe(false);
    expect(opened.result.report.checks.some((c) => !c.ok && c.file?.includes('capture.json'))).toBe(true);
  });

  it('refuses a folder whose bundle holds another capture than its name says', async () => {
    const s3 = new MemoryS3(() => new Date('2026-12-06T10:00:00Z'));
    const { folder } = await pushedCapture(s3, 'Moved by hand');
    const elsewhere = 'team/no-case/00000000-0000-4000-8000-000000000000/';
    for (const object of await s3.listObjects(folder)) {
      const body = (await s3.getObject(object.key)).body;
      s3.plant(elsewhere + object.key.slice(folder.length), body, {});
    }
    const opened = await openTeamCapture(s3, elsewhere);
    expect(opened.result.verified).toBe(false);
    expect(opened.result.report.checks.find((c) => c.check === 'locker-folder')?.message).toMatch(/put there by hand/);
  });

  it('does not read a folder of more objects than a capture has, nor one with an unsafe name', async () => {
    const s3 = new MemoryS3(() => new Date('2026-12-06T10:00:00Z'));
    for (let n = 0; n <= MAX_FOLDER_OBJECTS; n++) s3.plant(`team/x/flood/f${n}`, new Uint8Array([n & 255]), {});
    const flood = await openTeamCapture(s3, 'team/x/flood/');
    expect(flood.result.verified).toBe(false);
    expect(flood.bundle).toBeUndefined();
    expect(flood.result.report.checks[0]!.message).toMatch(/more than 2000 objects/);

    s3.plant('team/x/odd/a\\b', new Uint8Array([1]), {});
    const odd = await openTeamCapture(s3, 'team/x/odd/');
    expect(odd.result.verified).toBe(false);
    expect(odd.result.report.checks.at(-1)!.message).toMatch(/unsafe name/);
  });
});
