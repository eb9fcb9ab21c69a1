// @vitest-environment happy-dom
// preservePostOnPage's linkedFrom option: the request names the capture it was asked from by id and kind only.
import { describe, expect, it } from 'vitest';
import type { CaptureMessage } from '../protocol';
import { preservePostOnPage, type PostReader } from './preserve-post';
import { QUIET_VIEW } from './preserve-view';

const reader: PostReader = { extract: (_post, pageUrl) => ({ platform: 'x', url: `${pageUrl.origin}/a/status/2`, text: 'quoted' }) };

function background() {
  const sent: CaptureMessage[] = [];
  const send = (message: unknown): Promise<unknown> => {
    const typed = message as CaptureMessage;
    if ((typed.type as string) === 'postproof/screenshot-slice') return Promise.resolve({ ok: true, token: 'shot' });
    sent.push(typed);
    return Promise.resolve({ ok: true, captureId: typed.captureId, missing: [] });
  };
  return { sent, deps: { send, messages: { addListener: () => undefined, removeListener: () => undefined }, streamCandidates: () => [] } };
}

describe('preserving a post asked from another capture', () => {
  it('sends the link\'s id and kind, and nothing else the caller passed', async () => {
    document.body.innerHTML = '<article><p>quoted</p></article>';
    const { sent, deps } = background();
    const link = { captureId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', kind: 'quote' as const };
    await preservePostOnPage(document.querySelector('article')!, reader, QUIET_VIEW, deps, { linkedFrom: { ...link, captureSha256: 'forged' } as never });
    expect(sent[0]!.request.linkedFrom).toEqual(link);
  });

  it('sends no linkedFrom without the option', async () => {
    document.body.innerHTML = '<article><p>quoted</p></article>';
    const { sent, deps } = background();
    await preservePostOnPage(document.querySelector('article')!, reader, QUIET_VIEW, deps);
    expect(sent[0]!.request).not.toHaveProperty('linkedFrom');
  });
});
