import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { verifyBundle } from '../formats/bundle/bundle-verifier';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures } from '../export/export';
import { importBundle } from './import-bundles';
import { getOrCreateInstallKey } from '../store/install-key';
import { createCase, readAnnotation, saveAnnotation } from '../store/annotations';
import { listListings } from '../store/capture-index';
import { readChainHead } from '../store/captures';
import { readCustodyLines } from '../store/custody-log';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { bytesSource } from '../zip/source';
import { StrictZip } from '../zip/strict-reader';

async function capture(db: PostProofDb, text: string): Promise<string> {
  const made = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db, key: await getOrCreateInstallKey(db), software: 'PostProof 0.0.0-test', fetch });
  if (!made.ok) throw new Error(made.message);
  return made.captureId;
}

describe('import evidence bundles (backup and restore)', () => {
  it('restores every capture into a fresh store, read-only under its own key, without duplicates or touching the local chain', async () => {
    const source = await openPostProofDb(`import-src-${crypto.randomUUID()}`);
    const ids = [await capture(source, 'first flood report'), await capture(source, 'second flood report')];
    const flood = await createCase(source, 'Flood 2026');
    await saveAnnotation(source, ids[1]!, { cases: [flood.id], tags: ['river'], note: 'seen twice' });
    const sourceKey = await getOrCreateInstallKey(source);
    const backup = await exportCaptures(source, ids, { version: '0.0.0-test' });

    const fresh = await openPostProofDb(`import-dst-${crypto.randomUUID()}`);
    const freshKey = await getOrCreateInstallKey(fresh);
    const first = await importBundle(fresh, backup.bytes);
    expect(first).toEqual({ imported: ids, alreadyPresent: [], otherKeys: [sourceKey.keyId] });
    const again = await importBundle(fresh, backup.bytes);
    expect(again).toMatchObject({ imported: [], alreadyPresent: ids });
    expect(await fresh.count('captures')).toBe(2);
    expect(await readChainHead(fresh)).toEqual({ id: 'chain', sequence: 0, lastSha256: null });
    for (const id of ids) expect((await fresh.get('captures', id))!.recordBytes).toEqual((await source.get('captures', id))!.recordBytes);
    expect(await readAnnotation(fresh, ids[1]!)).toMatchObject({ tags: ['river'], note: 'seen twice' });
    expect((await readCustodyLines(fresh, ids[1]!)).map((line) => JSON.parse(line).event)).toEqual(['captured', 'annotated']);
    expect((await listListings(fresh)).map((row) => row.id).sort()).toEqual([...ids].sort());

    // A capture made here afterwards starts this install's own chain; re-exporting all three verifies.
    const own = await capture(fresh, 'local capture after restore');
    expect((await fresh.get('captures', own))!.sequence).toBe(1);
    const reexport = await exportCaptures(fresh, [...ids, own], { version: '0.0.0-test' });
    const report = await verifyBundle(reexport.bytes);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.keyId).toBe(freshKey.keyId);
    expect(report.checks.filter((c) => c.check === 'capture-signer')).toHaveLength(2);

    // The re-export imported back into the original store adds only the capture it lacked.
    const back = await importBundle(source, reexport.bytes);
    expect(back).toMatchObject({ imported: [own], alreadyPresent: ids, otherKeys: [freshKey.keyId] });
  });

  it('imports nothing from a bundle that does not verify', async () => {
    const source = await openPostProofDb(`import-bad-${crypto.randomUUID()}`);
    const id = await capture(source, 'tampered');
    const bundle = await exportCaptures(source, [id], { version: '0.0.0-test' });
    const bytes = bundle.bytes.slice();
    const at = new TextDecoder('latin1').decode(bytes).indexOf('tampered');
    bytes[at] = 'T'.charCodeAt(0);
    const fresh = await openPostProofDb(`import-bad-dst-${crypto.randomUUID()}`);
    await expect(importBundle(fresh, bytes)).rejects.toMatchObject({ code: 'IMPORT_INVALID_BUNDLE' });
    expect(await fresh.count('captures')).toBe(0);
  });

  it('stores nothing of a bundle whose file changes on disk after it was verified (no second reading trusted)', async () => {
    const source = await openPostProofDb(`import-toctou-${crypto.randomUUID()}`);
    const id = await capture(source, 'changes under us');
    const { bytes } = await exportCaptures(source, [id], { version: '0.0.0-test' });
    // A source that gives the genuine bytes while the bundle is verified, then a changed screenshot.
    const zip = (await StrictZip.open(bytesSource(bytes))) as StrictZip;
    const screenshot = zip.entries.find((entry) => entry.name.endsWith('/screenshot.png'))!;
    const changed = bytes.slice();
    changed[screenshot.dataOffset] = changed[screenshot.dataOffset]! ^ 1;
    // The verification reads the entries in one pass from byte 0; a read starting at the screenshot is the import's.
    const swapping = {
      size: bytes.length,
      read: async (offset: number, length: number) => (offset === screenshot.offset ? changed : bytes).slice(offset, offset + length),
    };
    const fresh = await openPostProofDb(`import-toctou-dst-${crypto.randomUUID()}`);
    await expect(importBundle(fresh, swapping)).rejects.toMatchObject({ code: 'IMPORT_FILE_CHANGED' });
    expect(await fresh.count('captures')).toBe(0);
  });
});

