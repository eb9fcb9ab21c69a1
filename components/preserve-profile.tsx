// "Preserve profile" in the popup: shown when the page in front shows an account's profile header that PostProof reads;
// the content script there keeps the header as a capture of kind `profile` (utils/capture/page/preserve-profile.ts).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { PRESERVE_PROFILE, PROFILE_PROBE, type CaptureReply, type ProfileProbeReply } from '../utils/capture/protocol';
import { errorMessage } from '../utils/error-message';
import { atHandle } from './format';

export interface PreserveProfileProps {
  tabId: number | undefined;
  /** browser.tabs.sendMessage */
  sendToTab(tabId: number, message: unknown): Promise<unknown>;
}

type State = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; captureId: string; gaps: string[] } | { state: 'error'; message: string };

function isProbeReply(reply: unknown): reply is ProfileProbeReply {
  return typeof (reply as { profile?: unknown } | null)?.profile === 'boolean';
}

export function PreserveProfile({ tabId, sendToTab }: PreserveProfileProps) {
  const [profile, setProfile] = useState<{ handle?: string; name?: string }>();
  const [status, setStatus] = useState<State>({ state: 'idle' });

  useEffect(() => {
    setProfile(undefined);
    if (tabId === undefined) return;
    let cancelled = false;
    sendToTab(tabId, { type: PROFILE_PROBE }).then(
      (reply) => {
        if (cancelled || !isProbeReply(reply) || !reply.profile) return;
        setProfile({ ...(typeof reply.handle === 'string' ? { handle: reply.handle } : {}), ...(typeof reply.name === 'string' ? { name: reply.name } : {}) });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [tabId]);

  if (tabId === undefined || !profile) return null;

  function preserve() {
    if (tabId === undefined) return;
    setStatus({ state: 'saving' });
    sendToTab(tabId, { type: PRESERVE_PROFILE }).then(
      (reply) => {
        const answer = reply as CaptureReply | undefined;
        if (!answer) setStatus({ state: 'error', message: t('profile_no_answer') });
        else if (answer.ok) setStatus({ state: 'saved', captureId: answer.captureId, gaps: [...new Set(answer.missing.map((m) => m.role))] });
        else setStatus({ state: 'error', message: answer.message });
      },
      (error: unknown) => setStatus({ state: 'error', message: errorMessage(error) }),
    );
  }

  const who = profile.handle ? atHandle(profile.handle) : (profile.name ?? '');
  const text =
    status.state === 'saving' ? t('profile_saving')
    : status.state === 'saved' ? (status.gaps.length ? t('profile_saved_gaps', status.gaps.join(', ')) : t('profile_saved'))
    : status.state === 'error' ? t('profile_failed', status.message)
    : '';
  return (
    <div class="toolbar">
      <button type="button" data-testid="preserve-profile" disabled={status.state === 'saving'} onClick={preserve} aria-describedby="preserve-profile-why">
        {t('profile_preserve')}
      </button>
      <span class="hint" id="preserve-profile-why">
        {t('profile_preserve_hint')} <bdi dir="auto">{who}</bdi>
      </span>
      <p
        class={status.state === 'error' ? 'error' : 'status'}
        role="status"
        data-testid="preserve-profile-status"
        data-state={status.state}
        {...(status.state === 'saved' ? { 'data-capture-id': status.captureId } : {})}
      >
        {text}
      </p>
    </div>
  );
}
