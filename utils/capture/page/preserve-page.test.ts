// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageCaptureRequest } from './preserve-page';
import { wholeDocument } from './screenshot-page';

describe('"Preserve page"', () => {
  it('builds a record of the page itself: platform, page URL as its address, title as text', () => {
    document.title = 'A page';
    const request = pageCaptureRequest(document, 'generic', '<!doctype html><p>page</p>');
    expect(request.post).toEqual({ platform: 'generic', url: document.location.href, text: 'A page' });
    expect(request.page).toEqual({ url: document.location.href, title: 'A page' });
  });

  it('measures the whole document, not the window-sized root box', () => {
    const root = document.documentElement;
    Object.defineProperty(root, 'scrollHeight', { value: 5000, configurable: true });
    expect(wholeDocument(root)).toMatchObject({ x: -window.scrollX, y: -window.scrollY, height: 5000, top: -window.scrollY });
  });
});
