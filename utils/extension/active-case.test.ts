import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { activeCaseBadge, activeCaseBadgeText, activeCaseCaptureDeps, writeActiveCaseId, type KeyValueStorage } from './active-case';
import { preservePost } from '../capture/worker/pipeline';
import { getOrCreateInstallKey } from '../store/install-key';
import { createCase, readAnnotation } from '../store/annotations';
import { openPostProofDb } from '../store/db';

function memoryStorage(): KeyValueStorage {
  const items: Record<string, unknown> = {};
  return { get: async (key) => (key in items ? { [key]: items[key] } : {}), set: async (more) => void Object.assign(items, more) };
}

describe('active case', () => {
  it('puts new captures in the active case and counts today’s captures for the badge', async () => {
    const db = await openPostProofDb(`active-${crypto.randomUUID()}`);
    const key = await getOrCreateInstallKey(db);
    const storage = memoryStorage();
    expect(await activeCaseBadgeText(db, storage)).toBe('');
    const flood = await createCase(db, 'Flood');
    await writeActiveCaseId(storage, flood.id);
    expect(await activeCaseBadgeText(db, storage)).toBe('');
    const ids: string[] = [];
    for (const text of ['one', 'two']) {
      const made = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db, key, software: 'PostProof test', fetch, ...(await activeCaseCaptureDeps(storage)) });
      if (!made.ok) throw new Error(made.message);
      ids.push(made.captureId);
    }
    expect((await readAnnotation(db, ids[0]!)).cases).toEqual([flood.id]);
    expect(await activeCaseBadgeText(db, storage)).toBe('2');
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await activeCaseBadgeText(db, storage, tomorrow)).toBe('');
    await writeActiveCaseId(storage, undefined);
    expect(await activeCaseCaptureDeps(storage)).toEqual({});
    expect(await activeCaseBadgeText(db, storage)).toBe('');
  });

  it('refreshes the badge when the active case changes, not on other storage changes', async () => {
    const db = await openPostProofDb(`badge-${crypto.randomUUID()}`);
    const key = await getOrCreateInstallKey(db);
    const listeners: ((changes: Record<string, unknown>) => void)[] = [];
    const storage = { ...memoryStorage(), onChanged: { addListener: (listener: (changes: Record<string, unknown>) => void) => void listeners.push(listener) } };
    const shown: string[] = [];
    const refresh = activeCaseBadge(Promise.resolve(db), storage, async (text) => void shown.push(text));
    const flood = await createCase(db, 'Flood');
    await writeActiveCaseId(storage, flood.id);
    const made = await preservePost(sampleCaptureRequest('one'), sampleScreenshot, { db, key, software: 'PostProof test', fetch, ...(await activeCaseCaptureDeps(storage)) });
    if (!made.ok) throw new Error(made.message);
    for (const listener of listeners) listener({ quietMode: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown).toEqual([]);
    for (const listener of listeners) listener({ activeCaseId: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown).toEqual(['1']);
    await refresh();
    expect(shown).toEqual(['1', '1']);
  });
});
