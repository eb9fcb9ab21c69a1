import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { verifyBundle } from '../formats/bundle';
import { createCase, saveAnnotation } from '../store/annotations';
import { getOrCreateInstallKey } from '../store/install-key';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { queuedStamps, saveStampRow } from '../store/stamps';
import { zipInMemory } from '../zip/memory-sink';
import { buildFolder, FolderNotReady, readFolderFile } from './folder';

async function freshDb(): Promise<PostProofDb> {
  return openPostProofDb(`locker-folder-${crypto.randomUUID()}`);
}

async function commit(db: PostProofDb, text: string, capturedAt = '2026-12-01T10:00:00.000Z'): Promise<string> {
  const result = await preservePost(sampleCaptureRequest(text), sampleScreenshot, {
    db,
    key: await getOrCreateInstallKey(db),
    software: 'PostProof 0.0.0-test',
    fetch,
    now: () => new Date(capturedAt),
  });
  if (!result.ok) throw new Error(result.message);
  return result.captureId;
}

describe('a capture’s locker folder', () => {
  it('is a one-capture bundle under <prefix>/<case>/<id>/, closed by SHA256SUMS.sig, whose files read back as a bundle that verifies', async () => {
    const db = await freshDb();
    const id = await commit(db, 'The last message from the siege');
    const aleppo = await createCase(db, 'East Aleppo');
    await saveAnnotation(db, id, { cases: [aleppo.id], tags: [], note: '' });
    const built = await buildFolder(db, id, { prefix: '/team/' }, '1.2.3', new Date('2026-12-02T00:00:00Z'));
    expect(built.folder).toBe(`team/east-aleppo/${id}/`);
    expect(built.files.at(-1)!.name).toBe('SHA256SUMS.sig');
    expect(built.files.at(-2)!.name).toBe('SHA256SUMS');
    expect(built.files.map((f) => f.name)).toContain(`captures/${id}/capture.json`);

    const contents: [string, Uint8Array][] = [];
    for (const file of built.files) {
      expect(file.key).toBe(built.folder + file.name);
      const data = await readFolderFile(built.source, file, 0, file.bytes);
      expect(createHash('sha256').update(data).digest('hex')).toBe(file.sha256);
      expect(createHash('md5').update(data).digest('base64')).toBe(file.md5Base64);
      contents.push([file.name, data]);
    }
    const html = built.files.find((f) => f.name.endsWith('.html'))!;
    expect(html.contentType).toMatch(/^text\/plain/);
    const middle = await readFolderFile(built.source, built.files[0]!, 1, 3);
    expect(middle).toEqual(contents[0]![1].subarray(1, 3));
    await expect(readFolderFile(built.source, built.files[0]!, 0, built.files[0]!.bytes + 1)).rejects.toThrow(RangeError);

    const rezipped = await zipInMemory(new Date(0), async (zip) => {
      for (const [name, data] of contents) await zip.add(name, data);
    });
    const report = await verifyBundle(rezipped);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.captures.map((c) => c.id)).toEqual([id]);
    db.close();
  });

  it('waits for a trusted timestamp still being asked for, but not beyond an hour after the capture', async () => {
    const db = await freshDb();
    const id = await commit(db, 'Waiting for time', '2026-12-01T10:00:00.000Z');
    for (const stamp of queuedStamps(id, [{ id: 'freetsa', name: 'FreeTSA', url: 'https://freetsa.org/tsr' }], new Date('2026-12-01T10:00:00Z'))) await saveStampRow(db, stamp);
    await expect(buildFolder(db, id, { prefix: '' }, '1.2.3', new Date('2026-12-01T10:05:00Z'))).rejects.toBeInstanceOf(FolderNotReady);
    const late = await buildFolder(db, id, { prefix: '' }, '1.2.3', new Date('2026-12-01T11:05:00Z'));
    expect(late.folder).toBe(`no-case/${id}/`);
    db.close();
  });

  it('says so when the capture is gone', async () => {
    const db = await freshDb();
    await expect(buildFolder(db, 'no-such-capture', { prefix: '' }, '1.2.3')).rejects.toThrow(/no longer in this install/);
    db.close();
  });
});
