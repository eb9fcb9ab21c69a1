// The keys a person trusts, as given to `postproof verify --trusted-keys FILE` or added on verify.html: key cards
// (utils/provenance/key-card.ts), PEM public keys, or plain lines "FINGERPRINT label". A card whose written
// fingerprint and key disagree is refused, not half-trusted.

import { keyIdFromSpki, pemToSpki } from '../provenance/ecdsa';
import { normalizeFingerprint } from './signer-pins';
import type { TrustedKey } from './verify-types';
import { errorMessage } from '../error-message';

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;
const FINGERPRINT_LINE = /^\s*(?:fingerprint[^:]*:\s*)?((?:[0-9a-f]{2}:){31}[0-9a-f]{2}|[0-9a-f]{64})(?:\s+(.*))?$/i;
const NAME_LINE = /^\s*name:\s*(.+)$/i;

export interface TrustedKeysResult {
  keys: TrustedKey[];
  /** Sentences naming what could not be read. */
  problems: string[];
}

function add(keys: TrustedKey[], key: TrustedKey): void {
  const known = keys.find((k) => k.keyId === key.keyId);
  if (!known) keys.push(key);
  else if (!known.label && key.label) known.label = key.label;
}

/** Reads a list of trusted keys; never throws. */
export async function parseTrustedKeys(text: string): Promise<TrustedKeysResult> {
  const keys: TrustedKey[] = [];
  const problems: string[] = [];
  // Each part ends with a PEM block (a card) or is the text after the last one.
  const parts: { text: string; pem?: string }[] = [];
  let at = 0;
  for (const match of text.matchAll(PEM_BLOCK)) {
    parts.push({ text: text.slice(at, match.index), pem: match[0] });
    at = match.index! + match[0].length;
  }
  parts.push({ text: text.slice(at) });
  for (const [index, part] of parts.entries()) {
    /** Fingerprints a card states ("Fingerprint …: <hex>"), and plain list lines ("<hex> label"). */
    const stated: string[] = [];
    let name: string | undefined;
    for (const line of part.text.split('\n')) {
      if (/^\s*#/.test(line)) continue;
      const named = NAME_LINE.exec(line);
      if (named) name = named[1]!.trim();
      const match = FINGERPRINT_LINE.exec(line);
      if (!match) continue;
      const keyId = normalizeFingerprint(match[1]!)!;
      if (/^\s*fingerprint/i.test(line)) stated.push(keyId);
      else add(keys, { keyId, ...(match[2]?.trim() ? { label: match[2].trim() } : {}) });
    }
    if (!part.pem) {
      for (const keyId of stated) add(keys, { keyId, ...(name ? { label: name } : {}) });
      continue;
    }
    try {
      const keyId = await keyIdFromSpki(pemToSpki(part.pem));
      if (stated.length > 0 && !stated.includes(keyId)) {
        problems.push(`Key ${index + 1}: the fingerprint written on the card (${stated[0]}) is not the fingerprint of its key (${keyId}); the card was not trusted.`);
        continue;
      }
      add(keys, { keyId, ...(name ? { label: name } : {}) });
    } catch (error) {
      problems.push(`Key ${index + 1}: ${errorMessage(error)}`);
    }
  }
  if (keys.length === 0 && problems.length === 0) problems.push('No key was found: give key cards, public keys (PEM) or lines holding a 64-digit fingerprint.');
  return { keys, problems };
}
