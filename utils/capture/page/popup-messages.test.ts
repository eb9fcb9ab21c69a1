// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { PRESERVE_PAGE } from '../protocol';
import { popupMessageListener } from './popup-messages';

describe("the popup's messages to the page", () => {
  it('counts the posts the adapter finds, or none without an adapter', async () => {
    document.body.innerHTML = '<article></article><article></article>';
    const send = vi.fn();
    const withAdapter = popupMessageListener(document, { adapter: { name: 'x', postSelector: 'article' }, send });
    expect(await withAdapter({ type: 'postproof/page-status' })).toEqual({ platform: 'x', posts: 2 });
    expect(await popupMessageListener(document, { send })({ type: 'postproof/page-status' })).toEqual({ platform: 'none', posts: 0 });
  });

  it('no longer answers the picker, which is a script of its own', () => {
    expect(popupMessageListener(document, { send: vi.fn() })({ type: 'postproof/pick' })).toBeUndefined();
  });

  it('answers "Preserve page" with a failure reply when the page could not be preserved', async () => {
    const send = vi.fn(() => Promise.reject(new Error('gone')));
    expect(await popupMessageListener(document, { send })({ type: PRESERVE_PAGE })).toEqual({ ok: false, code: 'page-failed', message: 'gone' });
  });

  it('leaves other messages to other listeners', () => {
    expect(popupMessageListener(document, { send: vi.fn() })({ type: 'postproof/batch-run' })).toBeUndefined();
    expect(popupMessageListener(document, { send: vi.fn() })(null)).toBeUndefined();
  });
});
