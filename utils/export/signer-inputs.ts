// The one place an export (or "Verify this capture") gathers what every format writer signs with: the install key as
// a signer, the software's name, and the authorities' certificates.
import type { BundleSigner, BundleTsaChain } from '../evidence/capture-source';
import { softwareName } from '../extension/software';
import { signDer } from '../provenance/ecdsa';
import type { PostProofDb, StoredKey } from '../store/db';
import { getOrCreateInstallKey } from '../store/install-key';
import { tsaChainsById } from '../store/stamps';

export interface SignerInputs {
  signer: BundleSigner;
  /** "PostProof x.y.z". */
  software: string;
  tsaChains: ReadonlyMap<string, BundleTsaChain>;
}

/** The install key as the writers want it: the private key stays inside `sign`. */
export function installSigner(key: StoredKey): BundleSigner {
  return { keyId: key.keyId, publicKeySpki: key.spki, sign: (data) => signDer(key.privateKey, data) };
}

export async function signerInputs(db: PostProofDb, version: string): Promise<SignerInputs> {
  return { signer: installSigner(await getOrCreateInstallKey(db)), software: softwareName(version), tsaChains: await tsaChainsById(db) };
}
