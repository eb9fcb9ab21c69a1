// The install key's fingerprint (SHA-256 of its public key), shown so a newsroom can publish and compare it.
import { groupFingerprint } from './format';

export function KeyFingerprint({ keyId, label = 'Key fingerprint' }: { keyId: string | undefined; label?: string }) {
  return (
    <div class="fingerprint" data-testid="key-fingerprint" data-key-id={keyId ?? ''}>
      <span class="fingerprint-label">{label}</span>{' '}
      {keyId ? (
        <code dir="ltr" title="SHA-256 of the public key (SPKI DER), as in VERIFY.txt">
          {groupFingerprint(keyId)}
        </code>
      ) : (
        <span>not available</span>
      )}
    </div>
  );
}
