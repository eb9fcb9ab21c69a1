// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DISPLAY_HREF_ATTRIBUTE, inertSnapshot } from './inert-snapshot';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('inertSnapshot (the shown copy of post.html)', () => {
  const captured = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body>
    <article><a href="https://x.com/someone" style="color: rgb(29, 155, 240)">@someone</a>
    <area href="https://x.com/map"><button>Like</button><input value="q"><div tabindex="0">card</div>
    <p contenteditable="true">edit</p><details><summary>more</summary>hidden</details>
    <a href="https://t.co/abc" title="Link title">t.co</a><video controls src="data:,"></video></article></body></html>`;

  it('leaves nothing that Tab can reach', () => {
    const shown = parse(inertSnapshot(captured));
    const reachable = [...shown.querySelectorAll('a, area, button, input, summary, video, [tabindex], [contenteditable]')].filter(
      (el) => el.getAttribute('tabindex') !== '-1' || el.hasAttribute('contenteditable'),
    );
    expect(reachable.map((el) => el.outerHTML)).toEqual([]);
  });

  it('leaves no link to follow, and keeps each address readable', () => {
    const shown = parse(inertSnapshot(captured));
    expect(shown.querySelectorAll('[href]').length).toBe(0);
    const links = [...shown.querySelectorAll(`[${DISPLAY_HREF_ATTRIBUTE}]`)];
    expect(links.map((a) => a.getAttribute(DISPLAY_HREF_ATTRIBUTE))).toEqual(['https://x.com/someone', 'https://x.com/map', 'https://t.co/abc']);
    expect(links.map((a) => a.getAttribute('title'))).toEqual(['https://x.com/someone', 'https://x.com/map', 'Link title']);
  });

  it('keeps the text, the styles and the policy of the captured page', () => {
    const out = inertSnapshot(captured);
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    const shown = parse(out);
    expect(shown.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe("default-src 'none'");
    expect(shown.querySelector('a')?.getAttribute('style')).toBe('color: rgb(29, 155, 240)');
    expect(shown.body.textContent?.replace(/\s+/g, '')).toBe(parse(captured).body.textContent?.replace(/\s+/g, ''));
  });
});
