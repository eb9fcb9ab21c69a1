import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import JSZip from 'jszip';
import { verifyBundle } from '../formats/bundle';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures } from '../export/export';
import { getOrCreateInstallKey } from './install-key';
import { captureIdsInCase, countCaseCapturesSince, createCase, listCases, normalizeTags, readAnnotation, saveAnnotation } from './annotations';
import { readCustodyLines } from './custody-log';
import { openPostProofDb } from './db';

async function storeWithCaptures(texts: string[]) {
  const db = await openPostProofDb(`annotations-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (const text of texts) {
    const made = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch });
    if (!made.ok) throw new Error(made.message);
    ids.push(made.captureId);
  }
  return { db, ids };
}

describe('annotations', () => {
  it('keeps cases, tags and notes beside the record, logs each edit, and exports them in notes.json and the CSV', async () => {
    const { db, ids } = await storeWithCaptures(['first post', 'second post']);
    const [first, second] = ids as [string, string];
    const recordBefore = (await db.get('captures', first))!.recordBytes;
    const flood = await createCase(db, '  Flood   2026 ');
    expect(await createCase(db, 'flood 2026')).toEqual(flood);
    const other = await createCase(db, 'Other');
    expect((await listCases(db)).map((c) => c.name)).toEqual(['Flood 2026', 'Other']);

    await saveAnnotation(db, first, { cases: [flood.id], tags: ['urgent'], note: 'first note' }, new Date('2026-01-01T00:00:00Z'));
    await saveAnnotation(db, first, { cases: [flood.id, other.id], tags: ['urgent', ' Urgent ', 'verified'], note: 'Seen via tip line, "=quoted"' });
    expect(await readAnnotation(db, first)).toMatchObject({ cases: [flood.id, other.id], tags: ['urgent', 'verified'] });
    expect(await readAnnotation(db, second)).toMatchObject({ cases: [], tags: [], note: '' });
    expect(await captureIdsInCase(db, other.id)).toEqual([first]);
    expect(await countCaseCapturesSince(db, flood.id, new Date(Date.now() - 60_000))).toBe(1);
    expect(await countCaseCapturesSince(db, flood.id, new Date(Date.now() + 60_000))).toBe(0);
    // The signed record is untouched; the log grew by one "annotated" line per edit.
    expect((await db.get('captures', first))!.recordBytes).toEqual(recordBefore);
    expect((await readCustodyLines(db, first)).map((l) => JSON.parse(l).event)).toEqual(['captured', 'annotated', 'annotated']);

    const { bytes } = await exportCaptures(db, ids, { version: '0.0.0-test' });
    const report = await verifyBundle(bytes);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const zip = await JSZip.loadAsync(bytes);
    const text = (path: string) => zip.file(path)!.async('string');
    expect(JSON.parse(await text(`captures/${first}/notes.json`))).toMatchObject({ cases: ['Flood 2026', 'Other'], tags: ['urgent', 'verified'], note: 'Seen via tip line, "=quoted"' });
    expect(zip.file(`captures/${second}/notes.json`)).toBeNull();
    const csv = await text('captures.csv');
    expect(csv.split('\r\n')[0]).toMatch(/,cases,tags,note,witness,witness_differs$/);
    expect(csv).toContain('Flood 2026; Other,urgent; verified,"Seen via tip line, ""=quoted"""');
    const logged = (await text('custody.jsonl')).trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.captureId === first);
    expect(logged.map((e) => e.event)).toEqual(['captured', 'annotated', 'annotated']);
    db.close();
  });

  it('normalizes tags', () => {
    expect(normalizeTags([' a  b ', 'A B', '', 'c'])).toEqual(['a b', 'c']);
  });
});
