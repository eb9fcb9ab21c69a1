// DOM helpers shared by the adapters and the observer; they work on any document, live or parsed in a test.
import { largestSrcsetCandidate } from './srcset';

// The node's own constants rather than instanceof or the global Node: a node from another realm (a frame,
// a document parsed in Node) fails instanceof, and Node is not a global there.
export function isElement(node: Node): node is Element {
  return node.nodeType === node.ELEMENT_NODE;
}

/**
 * The text a reader sees, line breaks kept: platforms draw emoji (and custom emoji) as <img alt="😀">, which
 * textContent drops. `collapseWhitespace` is for platforms whose text is laid out with `white-space: normal` and
 * line breaks as <br> (Telegram): the source's spaces and newlines then show as one space, as the browser draws
 * them, so a page's markup indentation never leaks into the text; <pre> keeps its own.
 */
export function readableText(el: Element, { collapseWhitespace = false } = {}): string {
  let text = '';
  const walk = (parent: Element, preformatted: boolean): void => {
    parent.childNodes.forEach((node) => {
      if (node.nodeType === node.TEXT_NODE) {
        const raw = node.textContent ?? '';
        if (!collapseWhitespace || preformatted) text += raw;
        // A space right after a line break, or after another space, is not drawn.
        else text += raw.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ /, (space) => (/(^|[ \n])$/.test(text) ? '' : space));
      } else if (!isElement(node)) return;
      else if (node.localName === 'img') text += node.getAttribute('alt') ?? '';
      else if (node.localName === 'br') text += '\n';
      else walk(node, preformatted || node.localName === 'pre');
    });
  };
  walk(el, false);
  // Nor is a space at the end of a line; a trailing <br> draws no empty line.
  return collapseWhitespace ? text.replace(/ +\n/g, '\n').replace(/[ \n]+$/, '') : text;
}

/** The URL of an element's inline CSS background-image (Telegram draws photos that way), made absolute. */
export function backgroundImageUrl(el: Element, base: URL): string | undefined {
  const match = /background-image\s*:\s*url\(\s*(['"]?)(.*?)\1\s*\)/i.exec(el.getAttribute('style') ?? '');
  return absoluteUrl(match?.[2] ?? null, base);
}

/** A machine-readable time (an ISO 8601 string with any offset, or epoch seconds) as ISO 8601 UTC. */
export function utcTimestamp(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = typeof value === 'number' || /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// The innermost blocks a post body is written in (Facebook and Reddit draw each paragraph as a <p>).
const TEXT_BLOCKS = 'p, li, pre, blockquote, h1, h2, h3, h4, h5, h6';

/**
 * The text of a body laid out as paragraphs, as a reader sees it: each block's text with collapsed whitespace
 * (see readableText), paragraphs separated by a blank line. A body with no blocks is read as one paragraph.
 */
export function paragraphText(el: Element): string {
  const blocks = Array.from(el.querySelectorAll(TEXT_BLOCKS)).filter((block) => !block.querySelector(TEXT_BLOCKS));
  if (blocks.length === 0) return readableText(el, { collapseWhitespace: true });
  return blocks
    .map((block) => readableText(block, { collapseWhitespace: true }))
    .filter((text) => text !== '')
    .join('\n\n');
}

/** The largest candidate of an <img srcset> (see srcset.ts), else its src: the best resolution served. */
export function largestImageUrl(img: Element, base: URL): string | undefined {
  return largestSrcsetCandidate(img.getAttribute('srcset') ?? '', base) ?? absoluteUrl(img.getAttribute('src'), base);
}

/** An attribute's URL made absolute against the page, or undefined when absent or unparsable. */
export function absoluteUrl(value: string | null, base: URL): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}
