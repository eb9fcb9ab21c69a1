// Asserts that a snapshot (post.html) is inert: nothing in it can run or load once it is opened. Shared by the
// snapshot tests and the hostile-page corpus test.
import { expect } from 'vitest';

export const FORBIDDEN_ELEMENTS = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'base', 'template',
  'style', 'form', 'input', 'foreignobject', 'animate', 'set', 'math', 'mtext', 'evil-widget', 'marquee',
  'postproof-control', 'slot',
];

const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'poster', 'xlink:href', 'action', 'formaction', 'background', 'cite', 'data'];

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/**
 * Everything that would make the opened file run or load something. `textMayNameSchemes`: the post's own text
 * (and text attributes such as title) may quote `javascript:` as words, which is harmless; then only the
 * structure is checked, not the raw file text.
 */
export function expectInert(html: string, options: { textMayNameSchemes?: boolean } = {}): Document {
  const output = parseHtml(html);
  if (!options.textMayNameSchemes) {
    const squeezed = html.toLowerCase().replace(/[\u0000-\u0020\u007f-\u00a0]/g, '');
    expect(squeezed).not.toContain('javascript:');
    expect(squeezed).not.toContain('vbscript:');
    expect(squeezed).not.toContain('data:text');
  }
  expect(output.querySelectorAll('base')).toHaveLength(0);
  expect(output.body.querySelectorAll('meta')).toHaveLength(0);
  for (const name of FORBIDDEN_ELEMENTS) expect(output.body.getElementsByTagName(name), name).toHaveLength(0);

  const csp = output.querySelectorAll('meta[http-equiv]');
  expect(csp).toHaveLength(1);
  expect(csp[0]!.getAttribute('http-equiv')).toBe('Content-Security-Policy');

  for (const element of Array.from(output.body.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      expect(name.startsWith('on'), `${element.localName}[${name}]`).toBe(false);
      expect(['srcdoc', 'formaction', 'action', 'ping', 'http-equiv', 'class']).not.toContain(name);
      if (URL_ATTRIBUTES.includes(name)) {
        for (const url of name === 'srcset' ? attribute.value.split(/,\s+/).map((part) => part.split(/\s+/)[0]!) : [attribute.value]) {
          expect(url, `${element.localName}[${name}]`).toMatch(/^(https?:\/\/|mailto:|#|data:image\/(png|jpeg|gif|webp)[;,])/);
        }
      }
    }
    const style = element.getAttribute('style') ?? '';
    expect(style).not.toMatch(/url\(\s*["']?(?!data:image)/i);
    expect(style).not.toMatch(/expression\(/i);
  }
  return output;
}

