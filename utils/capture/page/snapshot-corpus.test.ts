// @vitest-environment happy-dom
// The public XSS corpus (test/fixtures/xss-vectors.ts, from DOMPurify's fixtures) through snapshotPost: every vector,
// as markup and as text, leaves a post.html in which nothing can run or load.
import type { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { inertWindow } from '../../../test/fixture-dom';
import { XSS_VECTORS } from '../../../test/fixtures/xss-vectors';
import { expectInert } from '../../../test/support/inert-html';
import { snapshotPost } from './snapshot';

const PAGE_URL = 'https://x.com/someone/status/1234567890';

/** Every element name a snapshot may contain: the allow-list of snapshot-sanitize.ts plus the neutral div/span. */
const OUTPUT_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'body',
  'a', 'abbr', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'button', 'canvas',
  'caption', 'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i',
  'img', 'ins', 'kbd', 'legend', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'section', 'small', 'source', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'track', 'u', 'ul', 'var', 'video', 'wbr',
  'svg', 'g', 'path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect', 'text', 'tspan', 'defs', 'symbol',
  'use', 'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'pattern', 'marker', 'image', 'desc',
]);

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((window) => window.happyDOM.close()));
});

/** One post per vector, so a vector that swallows the rest of its fragment cannot hide the next one. */
function postWith(fill: (element: HTMLElement) => void): Element {
  const window = windows[0] ?? inertWindow(PAGE_URL);
  if (!windows.includes(window)) windows.push(window);
  const article = window.document.createElement('article');
  article.setAttribute('data-testid', 'tweet');
  const text = window.document.createElement('div');
  text.setAttribute('data-testid', 'tweetText');
  article.append(text);
  window.document.body.append(article);
  fill(text as unknown as HTMLElement);
  return article as unknown as Element;
}

function expectOnlyAllowedElements(html: string, id: number): void {
  const output = expectInert(html, { textMayNameSchemes: true });
  for (const element of Array.from(output.querySelectorAll('*'))) {
    expect(OUTPUT_ELEMENTS.has(element.localName.toLowerCase()), `vector ${id}: <${element.localName}>`).toBe(true);
  }
}

describe(`snapshotPost on ${XSS_VECTORS.length} XSS vectors from DOMPurify's fixtures`, () => {
  it('has at least 100 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(XSS_VECTORS.map((vector) => [vector.id, vector] as const))('vector %i as markup leaves nothing that runs or loads', (id, vector) => {
    const post = postWith((element) => {
      element.innerHTML = vector.payload;
    });
    const html = snapshotPost(post, { pageUrl: PAGE_URL, title: vector.payload });
    expectOnlyAllowedElements(html, id);
    expect(html, `vector ${id}`).not.toMatch(/<script/i);
  });

  it.each(XSS_VECTORS.map((vector) => [vector.id, vector] as const))('vector %i as text is kept as text, exactly', (id, vector) => {
    const post = postWith((element) => {
      element.textContent = vector.payload;
    });
    const html = snapshotPost(post, { pageUrl: PAGE_URL, title: vector.payload });
    const output = expectInert(html, { textMayNameSchemes: true });
    // The text reads back as the page showed it (NUL is the one character HTML cannot carry).
    expect(output.querySelector('[data-testid="tweetText"]')?.textContent).toBe(vector.payload.replace(/\u0000/g, ''));
    expect(output.body.querySelectorAll('[data-testid="tweetText"] *'), `vector ${id}`).toHaveLength(0);
  });
});
