// @vitest-environment happy-dom
// The protocol between the two halves: the messages the page builds (page/) are the ones the worker accepts
// (worker/message-guards.ts). The one place where both halves meet, so the only test that imports both.
import { describe, expect, it } from 'vitest';
import { isPreservePageMessage, PRESERVE_PAGE } from './protocol';
import { pageCaptureRequest } from './page/preserve-page';
import { backgroundMessageProblem } from './worker/message-guards';

describe('capture protocol', () => {
  it('"Preserve page": the capture message the background accepts, with the whole-page flag (and no other shape)', () => {
    const request = pageCaptureRequest(document, 'generic', '<!doctype html><p>page</p>');
    const message = { type: 'postproof/capture', request, screenshot: { ok: false, reason: 'none' }, captureId: crypto.randomUUID(), wholePage: true };
    expect(backgroundMessageProblem(message)).toBeNull();
    expect(backgroundMessageProblem({ ...message, wholePage: 'yes' })).toMatch(/wholePage/);
  });

  it('knows the popup\'s "Preserve page" message', () => {
    expect(isPreservePageMessage({ type: PRESERVE_PAGE })).toBe(true);
    expect(isPreservePageMessage({ type: 'postproof/pick' })).toBe(false);
    expect(isPreservePageMessage(null)).toBe(false);
  });
});
