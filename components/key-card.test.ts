// The key card offered in the popup and on the options page: this install's key, named by the collector's name from
// the settings when one is set, and read by the same parser verify.html and the CLI use for trusted keys.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseTrustedKeys } from '../utils/evidence/trusted-keys';
import { keyCardText } from '../utils/provenance/key-card';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { openPostProofDb } from '../utils/store/db';
import { readSettings, writeSettings } from '../utils/store/settings';
import { installKeyCard } from './key-card';

describe('installKeyCard', () => {
  it('is this install’s key, with the collector’s name once the settings give one', async () => {
    const db = await openPostProofDb(`key-card-${crypto.randomUUID()}`);
    const now = new Date('2026-03-04T05:06:07.000Z');
    const unnamed = await installKeyCard(db, now);
    const key = await getOrCreateInstallKey(db);
    expect(unnamed).toEqual({ keyId: key.keyId, spki: new Uint8Array(key.spki), createdAt: '2026-03-04T05:06:07.000Z' });
    await writeSettings(db, { ...(await readSettings(db)), collector: { name: '  Lina Haddad ', organization: 'Desk' } });
    const named = await installKeyCard(db, now);
    expect(named.name).toBe('Lina Haddad');
    expect(await parseTrustedKeys(keyCardText(named))).toEqual({ keys: [{ keyId: key.keyId, label: 'Lina Haddad' }], problems: [] });
    db.close();
  });
});
