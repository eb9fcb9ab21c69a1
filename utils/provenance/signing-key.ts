// Making an install's signing key (DESIGN.md §3): an ECDSA P-384 pair whose private half can never be exported, with
// its SPKI and the fingerprint people compare. Pure: keeping it is the store's (utils/store/install-key.ts).
import { keyIdFromSpki } from './ecdsa';

const KEY_PARAMS: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-384' };

export interface SigningKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** Lowercase hex SHA-256 of `spki`: the key's fingerprint. */
  keyId: string;
}

/** A new key pair; the private key is non-extractable and may only sign. */
export async function generateSigningKey(): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(KEY_PARAMS, false, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spki, keyId: await keyIdFromSpki(spki) };
}
