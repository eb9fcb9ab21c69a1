// The trusted-collectors list of verify.html: what is stored, what is refused, what a card adds, and what a
// verification is given (nothing while the list is empty; the list and this browser's key once it is not).
import { describe, expect, it } from 'vitest';
import { makeTestKey } from '../test/support/bundle-captures';
import { spkiToPem } from '../utils/provenance/ecdsa';
import { keyCardText } from '../utils/provenance/key-card';
import {
  addCollector,
  cleanLabel,
  keysFromCard,
  readTrustedCollectors,
  removeCollector,
  TRUSTED_COLLECTORS_KEY,
  verificationKeys,
  writeTrustedCollectors,
  type CollectorStorage,
} from './trusted-collectors';

function memoryStorage(initial: Record<string, unknown> = {}): CollectorStorage & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (more) => void Object.assign(items, more),
  };
}

const A = 'a1'.repeat(32);
const B = 'b2'.repeat(32);
const OWN = 'c3'.repeat(32);

describe('trusted collectors', () => {
  it('adds a pasted fingerprint in any usual spelling, with a name, and refuses what cannot be pinned', () => {
    const pasted = A.toUpperCase().match(/../g)!.join(':');
    const first = addCollector([], pasted, '  Field   reporter\u202e ', OWN);
    expect(first).toEqual({ list: [{ keyId: A, label: 'Field reporter' }], added: { keyId: A, label: 'Field reporter' } });
    const list = 'list' in first ? first.list : [];
    expect(addCollector(list, A, 'Again', OWN)).toEqual({ refused: 'already-listed' });
    expect(addCollector(list, OWN, 'Me', OWN)).toEqual({ refused: 'own-key' });
    expect(addCollector(list, B, '   ', OWN)).toEqual({ refused: 'no-label' });
    expect(addCollector(list, B.slice(2), 'Short', OWN)).toEqual({ refused: 'not-fingerprint' });
    expect(addCollector(list, `${B.slice(2)}zz`, 'Not hex', OWN)).toEqual({ refused: 'not-fingerprint' });
    expect(removeCollector(list, A)).toEqual([]);
  });

  it('keeps names on one line without bidi overrides, Arabic intact', () => {
    expect(cleanLabel('غرفة\nالأخبار\u2067 X')).toBe('غرفة الأخبار X');
    expect(cleanLabel('x'.repeat(500))).toHaveLength(120);
  });

  it('stores the list under trustedCollectors and reads back only well-formed entries', async () => {
    const storage = memoryStorage();
    await writeTrustedCollectors(storage, [{ keyId: A, label: 'A' }]);
    expect(storage.items[TRUSTED_COLLECTORS_KEY]).toEqual([{ keyId: A, label: 'A' }]);
    expect(await readTrustedCollectors(storage)).toEqual([{ keyId: A, label: 'A' }]);
    const messy = memoryStorage({ [TRUSTED_COLLECTORS_KEY]: [{ keyId: B.toUpperCase(), label: 'B' }, { keyId: 'nope', label: 'x' }, null, 'text', { keyId: B, label: 'dup' }, { keyId: A }] });
    expect(await readTrustedCollectors(messy)).toEqual([{ keyId: B, label: 'B' }, { keyId: A, label: '' }]);
    expect(await readTrustedCollectors(memoryStorage({ [TRUSTED_COLLECTORS_KEY]: 'broken' }))).toEqual([]);
  });

  it('reads a real key card, named by the card unless a name is given, and refuses a card whose key is not its fingerprint', async () => {
    const { signer } = await makeTestKey();
    const card = keyCardText({ keyId: signer.keyId, spki: signer.publicKeySpki, name: 'Newsroom laptop' });
    expect(await keysFromCard(card, '', 'postproof-key-x')).toEqual({ keys: [{ keyId: signer.keyId, label: 'Newsroom laptop' }], problems: [] });
    expect((await keysFromCard(card, 'Chosen', 'file')).keys).toEqual([{ keyId: signer.keyId, label: 'Chosen' }]);
    const unnamed = keyCardText({ keyId: signer.keyId, spki: signer.publicKeySpki });
    expect((await keysFromCard(unnamed, '', 'postproof-key-abc')).keys).toEqual([{ keyId: signer.keyId, label: 'postproof-key-abc' }]);
    const other = await makeTestKey();
    const forged = card.slice(0, card.indexOf('-----BEGIN')) + spkiToPem(other.signer.publicKeySpki);
    const read = await keysFromCard(forged, '', 'f');
    expect(read.keys).toEqual([]);
    expect(read.problems.join(' ')).toMatch(/is not the fingerprint of its key/);
    expect((await keysFromCard('hello', '', 'f')).problems.length).toBe(1);
  });

  it('pins nothing while the list is empty, and the list with this browser’s key once it holds a collector', () => {
    expect(verificationKeys([], OWN, 'This browser')).toBeUndefined();
    expect(verificationKeys([{ keyId: A, label: 'A' }], OWN, 'This browser')).toEqual([
      { keyId: OWN, label: 'This browser' },
      { keyId: A, label: 'A' },
    ]);
    expect(verificationKeys([{ keyId: A, label: '' }], undefined, 'This browser')).toEqual([{ keyId: A }]);
  });
});
