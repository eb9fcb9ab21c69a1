// The install's own signing key (made by utils/provenance/signing-key.ts): made once, kept in IndexedDB as
// non-extractable CryptoKey objects.
import { generateSigningKey } from '../provenance/signing-key';
import type { PostProofDb, StoredKey } from './schema';

/** Returns the install key, creating it on first use. Concurrent first calls agree on one key. */
export async function getOrCreateInstallKey(db: PostProofDb): Promise<StoredKey> {
  const existing = await db.get('keys', 'install');
  if (existing) return existing;
  const candidate: StoredKey = { id: 'install', ...(await generateSigningKey()), createdAt: new Date().toISOString() };
  const tx = db.transaction('keys', 'readwrite');
  const raced = await tx.store.get('install');
  if (!raced) await tx.store.add(candidate);
  await tx.done;
  return raced ?? candidate;
}
