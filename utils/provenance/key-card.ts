// The key card a collector publishes: the install key's fingerprint and public key in one text file that people read,
// `openssl pkey` reads (it skips the text before the PEM block) and `postproof verify --trusted-keys` reads.

import { spkiToPem } from './ecdsa';

export interface KeyCardInput {
  keyId: string;
  spki: Uint8Array;
  /** The collector's name or the install's label ("Newsroom laptop"); one line. */
  name?: string;
  /** When the card was made, ISO 8601. */
  createdAt?: string;
}

const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();

export function keyCardText(card: KeyCardInput): string {
  const name = card.name ? oneLine(card.name) : '';
  return `PostProof signing key
=====================
Fingerprint (SHA-256 of the public key): ${card.keyId}
${name ? `Name: ${name}\n` : ''}${card.createdAt ? `Made: ${card.createdAt}\n` : ''}
Publish this card (on your website, in a signed statement, with your newsroom) so that anyone checking a
PostProof evidence bundle can tell it was signed by this key:
  npx postproof verify BUNDLE.zip --expect-key ${card.keyId}
or, with stock tools, in the unpacked bundle:
  openssl pkey -pubin -in signer.pem -outform DER | sha256sum
must print the fingerprint above. The key below has it too:
  openssl pkey -pubin -in THIS_CARD -outform DER | sha256sum

${spkiToPem(card.spki)}`;
}

/** `postproof-key-<first 16 hex>.txt`. */
export function keyCardFileName(keyId: string): string {
  return `postproof-key-${keyId.slice(0, 16)}.txt`;
}
