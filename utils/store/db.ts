// The IndexedDB schema of PostProof (idb): captures, their artifact bytes, the install key, and the chain head.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredArtifact, StoredCapture } from '../model';

export const DB_NAME = 'postproof';
export const DB_VERSION = 1;

/** The install's signing key, kept as non-extractable CryptoKey objects (structured clone). */
export interface StoredKey {
  id: 'install';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: Uint8Array;
  keyId: string;
  createdAt: string;
}

/** Head of the per-install sequence chain: the last committed capture. */
export interface ChainHead {
  id: 'chain';
  sequence: number;
  lastSha256: string | null;
}

export interface PostProofSchema extends DBSchema {
  captures: { key: string; value: StoredCapture; indexes: { bySequence: number; byCapturedAt: string } };
  artifacts: { key: [string, string]; value: StoredArtifact; indexes: { byCapture: string } };
  keys: { key: string; value: StoredKey };
  meta: { key: string; value: ChainHead };
}

export type PostProofDb = IDBPDatabase<PostProofSchema>;

export function openPostProofDb(name: string = DB_NAME): Promise<PostProofDb> {
  return openDB<PostProofSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const captures = db.createObjectStore('captures', { keyPath: 'id' });
        captures.createIndex('bySequence', 'sequence', { unique: true });
        captures.createIndex('byCapturedAt', 'capturedAt');
        const artifacts = db.createObjectStore('artifacts', { keyPath: ['captureId', 'path'] });
        artifacts.createIndex('byCapture', 'captureId');
        db.createObjectStore('keys', { keyPath: 'id' });
        db.createObjectStore('meta', { keyPath: 'id' });
      }
    },
  });
}
