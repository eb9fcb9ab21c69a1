import { describe, expect, it } from 'vitest';
import { keyCardText } from '../provenance/key-card';
import { makeTestKey } from '../../test/support/bundle-captures';
import { parseTrustedKeys } from './trusted-keys';

describe('parseTrustedKeys', () => {
  it('reads key cards, plain fingerprint lines (with colons or not) and comments', async () => {
    const [a, b, c] = await Promise.all([makeTestKey(), makeTestKey(), makeTestKey()]);
    const text = [
      keyCardText({ keyId: a.signer.keyId, spki: a.signer.publicKeySpki, name: 'Newsroom laptop' }),
      '# the desk in Gaziantep',
      `${b.signer.keyId.toUpperCase().match(/../g)!.join(':')} Field phone`,
      `${c.signer.keyId}`,
    ].join('\n');
    const { keys, problems } = await parseTrustedKeys(text);
    expect(problems).toEqual([]);
    expect(keys).toEqual([
      { keyId: a.signer.keyId, label: 'Newsroom laptop' },
      { keyId: b.signer.keyId, label: 'Field phone' },
      { keyId: c.signer.keyId },
    ]);
  });

  it('refuses a card whose written fingerprint is not its key’s, and says when nothing was found', async () => {
    const [a, b] = await Promise.all([makeTestKey(), makeTestKey()]);
    const forged = keyCardText({ keyId: a.signer.keyId, spki: b.signer.publicKeySpki, name: 'Newsroom laptop' });
    const result = await parseTrustedKeys(forged);
    expect(result.keys).toEqual([]);
    expect(result.problems[0]).toMatch(/not the fingerprint of its key/);
    expect((await parseTrustedKeys('hello\nworld')).problems[0]).toMatch(/No key was found/);
  });
});
