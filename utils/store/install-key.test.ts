import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openPostProofDb } from './db';
import { getOrCreateInstallKey } from './install-key';

describe('getOrCreateInstallKey', () => {
  it('makes the key once: concurrent first calls agree, and a reopened store returns the same key', async () => {
    const name = `install-key-${crypto.randomUUID()}`;
    const db = await openPostProofDb(name);
    const [a, b] = await Promise.all([getOrCreateInstallKey(db), getOrCreateInstallKey(db)]);
    expect(b.keyId).toBe(a.keyId);
    expect(a).toMatchObject({ id: 'install', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(a.privateKey.extractable).toBe(false);
    db.close();
    const again = await openPostProofDb(name);
    expect((await getOrCreateInstallKey(again)).keyId).toBe(a.keyId);
    expect(await again.count('keys')).toBe(1);
    again.close();
  });
});
