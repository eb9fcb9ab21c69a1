import { describe, expect, it } from 'vitest';
import { isPracticeCaptureMessage, practiceCapture, practiceSenderProblem, PRACTICE_CAPTURE, type PracticeDeps } from './practice';

const ext = { runtimeId: 'abc', extensionOrigin: 'chrome-extension://abc/' };

describe('practice capture', () => {
  it('is taken only from the first-run page of this extension', () => {
    expect(practiceSenderProblem({ id: 'abc', url: 'chrome-extension://abc/onboarding.html' }, ext)).toBeNull();
    expect(practiceSenderProblem({ id: 'abc', url: 'chrome-extension://abc/onboarding.html#step' }, ext)).toBeNull();
    expect(practiceSenderProblem({ id: 'abc', url: 'chrome-extension://abc/dashboard.html' }, ext)).toMatch(/first-run page/);
    expect(practiceSenderProblem({ id: 'other', url: 'chrome-extension://abc/onboarding.html' }, ext)).toMatch(/first-run page/);
    expect(practiceSenderProblem({ id: 'abc', url: 'https://x.com/onboarding.html', tab: { id: 1 } }, ext)).toMatch(/first-run page/);
  });

  it('refuses a web page before touching the store or the screen', async () => {
    const untouched = () => {
      throw new Error('touched');
    };
    const deps = { ...ext, db: new Promise(() => undefined), key: untouched, software: 's', screenshots: { take: untouched, claim: untouched }, settings: untouched, onCommitted: untouched } as unknown as PracticeDeps;
    const message = { type: PRACTICE_CAPTURE, request: {} } as never;
    expect(isPracticeCaptureMessage(message)).toBe(true);
    expect(await practiceCapture(message, { id: 'abc', url: 'https://evil.example/', tab: { id: 3, windowId: 1 } }, deps)).toMatchObject({ ok: false, code: 'refused' });
  });
});
