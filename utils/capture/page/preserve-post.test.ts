// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { CaptureMessage } from '../protocol';
import { preservePostOnPage, type PreservePostDeps, type PostReader } from './preserve-post';
import type { PreserveView } from './preserve-view';

const reader: PostReader = { extract: (_post, pageUrl) => ({ platform: 'x', url: `${pageUrl.origin}/a/status/1`, text: 'hello' }) };

function recordingView(): PreserveView & { states: string[]; hidden: boolean[] } {
  const states: string[] = [];
  const hidden: boolean[] = [];
  return {
    states,
    hidden,
    setState: (state, detail) => void states.push(detail?.message ? `${state}: ${detail.message}` : state),
    setProgress: () => undefined,
    setHiddenForScreenshot: (value) => void hidden.push(value),
  };
}

/** The background: answers the screenshot's one slice, and the capture with `capture`. */
function deps(capture: (message: CaptureMessage) => Promise<unknown>, status: () => Promise<unknown> = () => Promise.resolve({ saved: false })) {
  const sent: { type: string }[] = [];
  const send = (message: unknown): Promise<unknown> => {
    const typed = message as { type: string };
    sent.push(typed);
    if (typed.type === 'postproof/screenshot-slice') return Promise.resolve({ ok: true, token: 'shot' });
    if (typed.type === 'postproof/capture') return capture(message as CaptureMessage);
    return status();
  };
  const value: PreservePostDeps = { send, messages: { addListener: () => undefined, removeListener: () => undefined }, streamCandidates: () => [] };
  return { value, sent };
}

function post(): Element {
  document.body.innerHTML = '<article><p>hello</p></article>';
  return document.querySelector('article')!;
}

describe('preserving a post from the page', () => {
  it('sends the post, its snapshot and screenshot token under one capture id, and shows it saved', async () => {
    const view = recordingView();
    const { value, sent } = deps(async (message) => ({ ok: true, captureId: message.captureId, missing: [] }));
    const reply = await preservePostOnPage(post(), reader, view, value);
    const capture = sent.find((m) => m.type === 'postproof/capture') as CaptureMessage;
    expect(reply).toEqual({ ok: true, captureId: capture.captureId, missing: [] });
    expect(capture.screenshot).toEqual({ ok: true, token: 'shot' });
    expect(capture.request.post.text).toBe('hello');
    expect(capture.request.page.url).toBe(location.href);
    expect(capture.request.snapshotHtml).toContain('hello');
    expect(capture.request).not.toHaveProperty('streams');
    expect(view.hidden).toEqual([true, false]);
    expect(view.states).toEqual(['saving', expect.stringMatching(/^saved: /)]);
  });

  it('shows the worker\'s refusal as an error', async () => {
    const view = recordingView();
    const { value } = deps(async () => ({ ok: false, code: 'refused', message: 'Not here.' }));
    expect(await preservePostOnPage(post(), reader, view, value)).toMatchObject({ ok: false, code: 'refused' });
    expect(view.states).toEqual(['saving', 'error: Not here.']);
  });

  it('asks after a lost reply by the capture id, and counts a committed capture as saved', async () => {
    const view = recordingView();
    const { value, sent } = deps(() => Promise.reject(new Error('The message port closed')), () => Promise.resolve({ saved: true }));
    const reply = await preservePostOnPage(post(), reader, view, value);
    const capture = sent.find((m) => m.type === 'postproof/capture') as CaptureMessage;
    expect(sent.at(-1)).toEqual({ type: 'postproof/capture-status', captureId: capture.captureId });
    expect(reply).toEqual({ ok: true, captureId: capture.captureId, missing: [] });
  });

  it('answers no-reply when the capture was never committed', async () => {
    const view = recordingView();
    const { value } = deps(() => Promise.reject(new Error('The message port closed')));
    expect(await preservePostOnPage(post(), reader, view, value)).toMatchObject({ ok: false, code: 'no-reply' });
    expect(view.states[1]).toMatch(/^error: .*The message port closed/);
  });
});
