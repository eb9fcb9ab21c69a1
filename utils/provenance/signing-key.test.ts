import { describe, expect, it } from 'vitest';
import { importPublicKeySpki, signDer, verifyDer } from './ecdsa';
import { sha256Hex, utf8 } from './hash';
import { generateSigningKey } from './signing-key';

describe('generateSigningKey', () => {
  it('makes a P-384 pair whose private half cannot be exported, named by the SHA-256 of its SPKI', async () => {
    const key = await generateSigningKey();
    expect(key.privateKey.extractable).toBe(false);
    expect(key.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-384' });
    expect(key.keyId).toBe(await sha256Hex(key.spki));
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
  });

  it('signs what its SPKI verifies, and each call makes another key', async () => {
    const key = await generateSigningKey();
    const data = utf8('capture.json');
    const signature = await signDer(key.privateKey, data);
    expect(await verifyDer(await importPublicKeySpki(key.spki), data, signature)).toBe(true);
    expect((await generateSigningKey()).keyId).not.toBe(key.keyId);
  });
});
