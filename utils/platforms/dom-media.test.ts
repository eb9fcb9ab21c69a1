// @vitest-environment happy-dom
// largestImageUrl: the widest srcset candidate, whether candidates are separated by ", " or a bare comma (Instagram).
import { describe, expect, it } from 'vitest';
import { largestImageUrl } from './dom';

const base = new URL('https://www.instagram.com/p/x/');

function img(attrs: string): Element {
  document.body.innerHTML = `<img ${attrs}>`;
  return document.querySelector('img')!;
}

describe('largestImageUrl', () => {
  it('picks the widest candidate', () => {
    expect(largestImageUrl(img('src="https://a.test/s.jpg" srcset="https://a.test/640.jpg?a=1&amp;b=2 640w,https://a.test/1080.jpg 1080w,https://a.test/750.jpg 750w"'), base)).toBe(
      'https://a.test/1080.jpg',
    );
    expect(largestImageUrl(img('srcset="https://a.test/1x.jpg 1x, https://a.test/2x.jpg 2x"'), base)).toBe('https://a.test/2x.jpg');
  });

  it('falls back to src', () => {
    expect(largestImageUrl(img('src="/only.jpg"'), base)).toBe('https://www.instagram.com/only.jpg');
  });
});
