// Pinned signers: the person verifying says which key they expect (--expect-key) or which collectors they trust
// (--trusted-keys, the list on verify.html); every key that signed something in the file is named in the verdict,
// pinned or not. Without a pin nothing fails, but the verdict says the key is unpinned: a bundle re-signed by someone
// else verifies with their key, and only the fingerprint tells.

import type { SignerVerdict, TrustedKey, VerifyCheck, VerifyOptions } from './verify-types';

/** A fingerprint as people paste it (colons, spaces, upper case) in the form PostProof prints: 64 lowercase hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export interface SigningKeys {
  /** The key that signed the file as a whole (manifest, SHA256SUMS, datapackage). */
  exporter?: string;
  /** Capture id → the key its record names and was verified with. */
  captures: ReadonlyMap<string, string>;
}

function trustedLabel(keyId: string, trusted: readonly TrustedKey[]): { pinned: boolean; label?: string } {
  const match = trusted.find((key) => normalizeFingerprint(key.keyId) === keyId);
  return match ? { pinned: true, ...(match.label ? { label: match.label } : {}) } : { pinned: false };
}

/** The verdict on every signing key, exporter first; failed pins become failed checks. */
export function checkSigners(keys: SigningKeys, options: Pick<VerifyOptions, 'expectKey' | 'trustedKeys'>, checks: VerifyCheck[]): SignerVerdict[] {
  const expected = options.expectKey === undefined ? undefined : normalizeFingerprint(options.expectKey);
  const trusted = options.trustedKeys ?? [];
  const pinning = expected !== undefined || trusted.length > 0;
  const byKey = new Map<string, string[]>();
  for (const [captureId, keyId] of keys.captures) byKey.set(keyId, [...(byKey.get(keyId) ?? []), captureId]);
  const ids = [...new Set([...(keys.exporter ? [keys.exporter] : []), ...byKey.keys()])];
  const verdicts: SignerVerdict[] = [];
  for (const keyId of ids) {
    const role = keyId === keys.exporter ? 'exporter' : 'capture';
    const listed = trustedLabel(keyId, trusted);
    const pinned = listed.pinned || (role === 'exporter' && expected === keyId);
    const captures = byKey.get(keyId) ?? [];
    verdicts.push({ keyId, role, pinned, ...(listed.label ? { label: listed.label } : {}), captures });
    const what = role === 'exporter' ? 'The file was signed' : `${captures.length} imported capture record(s) were signed at capture`;
    if (role === 'exporter' && expected === null) {
      checks.push({ check: 'signer-pin', ok: false, message: `The expected key "${options.expectKey}" is not a fingerprint (64 hexadecimal digits), so the signer could not be pinned.` });
    } else if (role === 'exporter' && expected && expected !== keyId) {
      checks.push({ check: 'signer-pin', ok: false, message: `${what} by key ${keyId}, not by the key you expected (${expected}). It may have been re-signed by someone else after a change.` });
    } else if (pinned) {
      checks.push({ check: 'signer-pin', ok: true, message: `${what} by key ${keyId}${listed.label ? ` (“${listed.label}”)` : ''}, which you pinned.` });
    } else if (pinning && (trusted.length > 0 || role === 'exporter')) {
      checks.push({ check: 'signer-pin', ok: false, message: `${what} by key ${keyId}, which is not among the keys you trust.` });
    } else {
      checks.push({ check: 'signer-pin', ok: true, note: true, message: `Note: ${what.charAt(0).toLowerCase()}${what.slice(1)} by key ${keyId}, which is not pinned: compare it with the fingerprint its collector published${role === 'exporter' ? ', or give it with --expect-key' : ''}.` });
    }
  }
  return verdicts;
}
