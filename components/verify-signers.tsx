// The signing keys of a verified file: each key's fingerprint, what it signed, and whether the person pinned it
// ("trusted as …") or not, with what that means in plain words. A fingerprint alone proves nothing about who signed.
import type { SignerVerdict } from '../utils/evidence/verify-types';
import { t, tCount } from '../utils/i18n/i18n';
import { KeyFingerprint } from './key-fingerprint';
import { Message } from './message';

function roleLabel(signer: SignerVerdict): string {
  return signer.role === 'exporter' ? t('signer_role_exporter') : tCount('signer_role_capture', signer.captures.length);
}

function SignerItem({ signer, own }: { signer: SignerVerdict; own: boolean }) {
  // This browser's own key needs no pin here: it is named as such, never as a warning.
  const state = signer.pinned ? 'pinned' : own ? 'own' : 'unpinned';
  return (
    <li class={`signer signer-${state}`} data-testid="verify-signer" data-key-id={signer.keyId} data-pinned={String(signer.pinned)} data-role={signer.role} data-own={own ? 'true' : undefined}>
      <KeyFingerprint keyId={signer.keyId} label={roleLabel(signer)} />
      {signer.pinned ? (
        <>
          <p class="signer-state">
            <strong>{signer.label ? <Message id="signer_pinned" slots={[<bdi>{signer.label}</bdi>]} /> : t('signer_pinned_expected')}</strong>
          </p>
          <p class="hint">{t('signer_pinned_hint')}</p>
        </>
      ) : own ? null : (
        <>
          <p class="signer-state">
            <strong>{t('signer_unpinned')}</strong>
          </p>
          <p class="hint">{t('signer_unpinned_hint')}</p>
        </>
      )}
      {own ? (
        <p class={signer.pinned ? 'hint' : 'signer-state'}>
          {signer.pinned ? t('signer_own_key') : <strong>{t('signer_own_key')}</strong>}
        </p>
      ) : null}
    </li>
  );
}

/** Every key that signed something in the file, exporter first, as the verifier reports them. */
export function VerifySigners({ signers, installKeyId }: { signers: readonly SignerVerdict[]; installKeyId?: string | undefined }) {
  if (signers.length === 0) return null;
  return (
    <>
      <h3>{tCount('verify_signers_heading', signers.length)}</h3>
      <ul class="verify-signers">
        {signers.map((signer) => (
          <SignerItem key={signer.keyId} signer={signer} own={signer.keyId === installKeyId} />
        ))}
      </ul>
    </>
  );
}
