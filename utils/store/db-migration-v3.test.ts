import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { openV2 } from '../../test/support/old-schemas';
import { preservePost } from '../capture/worker/pipeline';
import { getOrCreateInstallKey } from './install-key';
import { readAnnotation, saveAnnotation, createCase } from './annotations';
import { findCaptureByPost, listListings } from './capture-index';
import { listCaptures } from './captures';
import { readCustodyLines } from './custody-log';
import { openPostProofDb } from './db';
import { searchIds } from '../../test/support/search-ids';

const V2_STORES = ['captures', 'artifacts', 'keys', 'meta', 'stamps', 'tsaChains', 'custody', 'settings'] as const;

describe('store upgrade from version 2 to 3', () => {
  it('keeps every v2 row, lists and indexes the existing captures, and new captures are indexed in their commit', async () => {
    const name = `migration-v3-${crypto.randomUUID()}`;
    // v2 rows as the capture pipeline writes them (unchanged in v3), copied row by row into a store with the v2 schema.
    const source = await openPostProofDb(`${name}-source`);
    const key = await getOrCreateInstallKey(source);
    const texts = ['Élection à Montréal: résultats', 'مُحَمَّدٌ يكتبُ عن الانتخابات', 'Unrelated weather report'];
    for (const [n, text] of texts.entries()) {
      const request = sampleCaptureRequest(text);
      request.post.id = `post-${n}`;
      const made = await preservePost(request, sampleScreenshot, { db: source, key, software: 'PostProof 0.1.0', fetch });
      if (!made.ok) throw new Error(made.message);
    }
    const v2 = await openV2(name);
    const copied: Record<string, number> = {};
    for (const store of V2_STORES) {
      const rows = await source.getAll(store);
      copied[store] = rows.length;
      // settings is keyed out of line; the rest carry their key paths.
      const keys = await source.getAllKeys(store);
      for (const [i, row] of rows.entries()) await (store === 'settings' ? v2.add(store, row, keys[i]) : v2.add(store, row));
    }
    const ids = (await listCaptures(source)).map((c) => c.id);
    source.close();
    v2.close();

    const db = await openPostProofDb(name);
    for (const store of V2_STORES) expect(await db.count(store)).toBe(copied[store]);
    const listings = await listListings(db);
    expect(listings.map((l) => l.id)).toEqual(ids);
    expect(listings[0]).toMatchObject({ platform: 'x', postId: 'post-2', authorName: 'Some One', screenshotPath: 'screenshot.png', mediaCount: 0 });
    expect((await findCaptureByPost(db, 'x', 'post-0'))?.id).toBe(ids[2]);
    expect(await findCaptureByPost(db, 'x', 'post-9')).toBeUndefined();
    expect(await findCaptureByPost(db, 'mastodon', 'post-0')).toBeUndefined();

    // Folded and prefix search over the migrated captures: accents, case and Arabic diacritics do not matter.
    expect(await searchIds(db, 'election MONTR')).toEqual(new Set([ids[2]]));
    expect(await searchIds(db, 'محمد')).toEqual(new Set([ids[1]]));
    expect(await searchIds(db, 'some')).toEqual(new Set(ids));
    expect(await searchIds(db, 'weather nothing')).toEqual(new Set());

    // A capture after the upgrade joins the active case and the index in its own commit.
    const investigation = await createCase(db, 'Flood 2026');
    const later = sampleCaptureRequest('Flooding reported downtown');
    later.post.id = 'post-3';
    const made = await preservePost(later, sampleScreenshot, { db, key: await getOrCreateInstallKey(db), software: 'PostProof 0.0.0-test', fetch, cases: [investigation.id] });
    if (!made.ok) throw new Error(made.message);
    expect(await searchIds(db, 'flood')).toEqual(new Set([made.captureId]));
    expect((await findCaptureByPost(db, 'x', 'post-3'))?.id).toBe(made.captureId);
    expect(await readAnnotation(db, made.captureId)).toMatchObject({ cases: [investigation.id], tags: [], note: '' });

    // Annotating an upgraded capture logs it after its "captured" line.
    await saveAnnotation(db, ids[0]!, { cases: [investigation.id], tags: ['weather'], note: 'context' });
    const lines = await readCustodyLines(db, ids[0]!);
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(['captured', 'annotated']);
    db.close();
  });
});
