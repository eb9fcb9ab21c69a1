// The install's own ECDSA P-384 signing key: made once, private half non-extractable, kept in IndexedDB.
import type { PostProofDb, StoredKey } from './schema';
import { sha256Hex } from '../provenance/hash';

const KEY_PARAMS: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-384' };

/** Returns the install key, creating it on first use. Concurrent first calls agree on one key. */
export async function getOrCreateInstallKey(db: PostProofDb): Promise<StoredKey> {
  const existing = await db.get('keys', 'install');
  if (existing) return existing;
  const pair = (await crypto.subtle.generateKey(KEY_PARAMS, false, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const candidate: StoredKey = {
    id: 'install',
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    spki,
    keyId: await sha256Hex(spki),
    createdAt: new Date().toISOString(),
  };
  const tx = db.transaction('keys', 'readwrite');
  const raced = await tx.store.get('install');
  if (!raced) await tx.store.add(candidate);
  await tx.done;
  return raced ?? candidate;
}
