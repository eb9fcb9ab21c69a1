// The install key's fingerprint (SHA-256 of its public key), shown so a newsroom can publish and compare it.
import { t } from '../utils/i18n/i18n';
import { groupFingerprint } from './format';

export function KeyFingerprint({ keyId, label = t('key_fingerprint_label') }: { keyId: string | undefined; label?: string }) {
  return (
    <div class="fingerprint" data-testid="key-fingerprint" data-key-id={keyId ?? ''}>
      <span class="fingerprint-label">{label}</span>{' '}
      {keyId ? (
        <code dir="ltr" title={t('key_fingerprint_title')}>
          {groupFingerprint(keyId)}
        </code>
      ) : (
        <span>{t('key_fingerprint_unavailable')}</span>
      )}
    </div>
  );
}
