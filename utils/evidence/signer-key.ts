// A signer.pem of an evidence file: exactly the PEM PostProof writes for one P-384 public key, nothing before or after
// it (openssl would read a first key and ignore the rest, a person might read another), and its fingerprint.

import { importPublicKeySpki, keyIdFromSpki, pemToSpki, spkiToPem } from '../provenance/ecdsa';
import type { EvidenceFiles } from './evidence-files';
import type { VerifyCheck } from './verify-types';
import { errorMessage } from '../error-message';

export interface SignerKey {
  key: CryptoKey;
  keyId: string;
  spki: Uint8Array;
}

const KEY_FILE_LIMIT = 'a public key file';

/** The key in `file`, or why it cannot be used (as a sentence); never throws. */
export async function readKeyFile(files: EvidenceFiles, file: string): Promise<SignerKey | string> {
  const bytes = files.read(file, KEY_FILE_LIMIT);
  if (typeof bytes === 'string') return bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const spki = pemToSpki(text);
    if (spkiToPem(spki) !== text) return `${file} holds more than the one public key PostProof writes (other text, or a second key).`;
    return { key: await importPublicKeySpki(spki), keyId: await keyIdFromSpki(spki), spki };
  } catch (error) {
    return `${file} is not an ECDSA P-384 public key (${errorMessage(error)}).`;
  }
}

/** The exporting key (signer.pem at the root): every file-level signature is checked with it. */
export async function readExporterKey(files: EvidenceFiles, file: string, checks: VerifyCheck[]): Promise<SignerKey | undefined> {
  const key = await readKeyFile(files, file);
  if (typeof key === 'string') {
    checks.push({ check: 'signer-key', file, ok: false, message: `The signing key is missing or unusable: ${key} No signature can be checked.` });
    return undefined;
  }
  checks.push({ check: 'signer-key', file, ok: true, message: `The file was signed by the key with fingerprint ${key.keyId}.` });
  return key;
}
