// A small, tolerant HTML reader for witness bodies (Mastodon's status HTML, Reddit's selftext_html, Telegram's embed
// widget, tweet oEmbed markup). `read` runs in the extension's service worker (no DOMParser there) and in the Node
// CLI verifier, so it cannot use a DOM: this builds a plain tree from the string and never executes or loads anything.
// It knows only what those bodies need: void elements, raw-text elements (script, style), comments, the implied end of
// an open <p> or <li>, and character references. Anything it does not understand is kept as text or skipped.

export interface HtmlElement {
  kind: 'element';
  /** Lower-case tag name; `#root` for the document. */
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent?: HtmlElement;
}

export interface HtmlText {
  kind: 'text';
  text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  middot: '·',
  bull: '•',
};

/** Character references (`&amp;`, `&#39;`, `&#x1F600;`) decoded; an unknown name is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    // Without its semicolon, only the four references every HTML writer leaves bare are taken.
    if (named === undefined) return whole;
    return whole.endsWith(';') || ['amp', 'lt', 'gt', 'quot'].includes(ref) ? named : whole;
  });
}

/** The attributes of a start tag's inside (`a href="x" class=y hidden`), names lower-cased, values decoded. */
function parseAttributes(inside: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let match = pattern.exec(inside); match; match = pattern.exec(inside)) {
    const name = match[1]!.toLowerCase();
    if (name in attrs) continue;
    attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** Where a tag that opens at `start` (the `<`) ends: the index of its `>`, quotes respected; -1 when it never ends. */
function tagEnd(html: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A quote only opens an attribute value right after `=` (with optional spaces).
      if (/=\s*$/.test(html.slice(Math.max(start, i - 8), i))) quote = c;
    } else if (c === '>') return i;
  }
  return -1;
}

/** The whole string as a tree under a `#root` element. Never throws. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const current = (): HtmlElement => stack[stack.length - 1]!;
  const addText = (raw: string, decode: boolean): void => {
    if (!raw) return;
    const text = decode ? decodeEntities(raw) : raw;
    const last = current().children[current().children.length - 1];
    if (last?.kind === 'text') last.text += text;
    else current().children.push({ kind: 'text', text });
  };
  const close = (name: string): void => {
    const index = stack.map((el) => el.name).lastIndexOf(name);
    if (index > 0) stack.length = index;
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      addText(html.slice(i), true);
      break;
    }
    addText(html.slice(i, lt), true);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const next = html[lt + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (next === '/') {
      const end = html.indexOf('>', lt);
      const name = /^<\/\s*([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, end < 0 ? undefined : end))?.[1]?.toLowerCase();
      if (name) close(name);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const nameMatch = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!nameMatch) {
      addText('<', false);
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt);
    if (end < 0) break;
    const name = nameMatch[1]!.toLowerCase();
    const inside = html.slice(lt + nameMatch[0].length, end);
    // The implied end tags of the markup these bodies use: a new paragraph or list item ends the open one.
    if ((name === 'p' || name === 'div' || name === 'ul' || name === 'ol') && current().name === 'p') stack.pop();
    if (name === 'li' && stack.some((el) => el.name === 'li')) close('li');
    const element: HtmlElement = { kind: 'element', name, attrs: parseAttributes(inside), children: [], parent: current() };
    current().children.push(element);
    i = end + 1;
    if (RAW_TEXT.has(name)) {
      const closing = new RegExp(`</${name}\\s*>`, 'i');
      const rest = html.slice(i);
      const found = closing.exec(rest);
      const content = found ? rest.slice(0, found.index) : rest;
      if (content) element.children.push({ kind: 'text', text: name === 'script' || name === 'style' ? content : decodeEntities(content) });
      i = found ? i + found.index + found[0].length : html.length;
      continue;
    }
    if (!VOID.has(name) && !inside.trimEnd().endsWith('/')) stack.push(element);
  }
  return root;
}

export function hasClass(el: HtmlElement, className: string): boolean {
  return (el.attrs.class ?? '').split(/\s+/).includes(className);
}

/** Every element under `el` (not `el` itself), in document order. */
export function descendants(el: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  const walk = (parent: HtmlElement): void => {
    for (const child of parent.children) {
      if (child.kind === 'element') {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(el);
  return out;
}

export function findAll(el: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement[] {
  return descendants(el).filter(test);
}

export function findFirst(el: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement | undefined {
  return descendants(el).find(test);
}

export function byClass(className: string): (el: HtmlElement) => boolean {
  return (el) => hasClass(el, className);
}

export function contains(ancestor: HtmlElement, el: HtmlElement): boolean {
  for (let node: HtmlElement | undefined = el; node; node = node.parent) if (node === ancestor) return true;
  return false;
}

/**
 * The text a reader sees, by the rules the page adapters use: emoji drawn as <img alt> count as their alt, <br> is a
 * line break. With `collapseWhitespace` (text laid out with `white-space: normal`), runs of spaces and newlines show as
 * one space, a space after a line break or at a line's end is not drawn, and <pre> keeps its own.
 */
export function readableText(el: HtmlElement, { collapseWhitespace = false } = {}): string {
  let text = '';
  const walk = (parent: HtmlElement, preformatted: boolean): void => {
    for (const node of parent.children) {
      if (node.kind === 'text') {
        if (!collapseWhitespace || preformatted) text += node.text;
        else text += node.text.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ /, (space) => (/(^|[ \n])$/.test(text) ? '' : space));
      } else if (node.name === 'img') text += node.attrs.alt ?? '';
      else if (node.name === 'br') text += '\n';
      else if (node.name !== 'script' && node.name !== 'style') walk(node, preformatted || node.name === 'pre');
    }
  };
  walk(el, false);
  return collapseWhitespace ? text.replace(/ +\n/g, '\n').replace(/[ \n]+$/, '') : text;
}

const TEXT_BLOCKS = new Set(['p', 'li', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A body laid out as paragraphs: each innermost block's collapsed text, blocks apart by a blank line. */
export function paragraphText(el: HtmlElement): string {
  const blocks = findAll(el, (block) => TEXT_BLOCKS.has(block.name) && !findFirst(block, (inner) => TEXT_BLOCKS.has(inner.name)));
  if (blocks.length === 0) return readableText(el, { collapseWhitespace: true });
  return blocks
    .map((block) => readableText(block, { collapseWhitespace: true }))
    .filter((text) => text !== '')
    .join('\n\n');
}
