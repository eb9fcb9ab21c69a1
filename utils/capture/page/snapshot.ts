// The DOM snapshot of one post (post.html): a script-free, standalone copy with computed styles inlined, built in the content script at click time.
import { BACKGROUND_SOURCE_ATTRIBUTE } from '../snapshot-media';
import { decideElement, sanitizeAttributes, sanitizeStyleValue, resolveSafeUrl, VOID_ELEMENTS } from './snapshot-sanitize';
import {
  displayOf,
  isInlineDisplay,
  measureTagDefaults,
  pinRootBox,
  readStyleValues,
  remoteBackgroundUrl,
  styleAttribute,
  tagKey,
  type StyleValues,
  type TagDefaults,
} from './snapshot-style';

/**
 * Opening post.html runs nothing and makes no network request: images and video may come only from the capture's
 * own files beside it (`media/N.ext`, linked by snapshot-media.ts; Chromium matches a file:// page's files with
 * `file:`, a served bundle's with `'self'`) or be inline. `base-uri` and `form-action` do not fall back to
 * `default-src`, so they are closed explicitly.
 */
export const SNAPSHOT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; media-src 'self' file:; base-uri 'none'; form-action 'none'";

export interface SnapshotOptions {
  /** The tab's URL: relative links are resolved against it and it is recorded in the file. Defaults to the document's URL. */
  pageUrl?: string;
  /** The tab's title. Defaults to the document's title. */
  title?: string;
  /** When the snapshot was taken, ISO 8601. */
  capturedAt?: string;
}

export class SnapshotError extends Error {
  readonly code = 'snapshot-detached';
}

/** A copied element, read from the page before anything is written. */
interface SnapElement {
  tag: string;
  svg: boolean;
  attributes: [string, string][];
  values: StyleValues;
  children: SnapNode[];
  /** True when any text (other than whitespace) lies below it. */
  hasText: boolean;
}

/** Text is a string: copied exactly, escaped when written. */
type SnapNode = SnapElement | string;

interface ReadContext {
  view: Window;
  baseUrl: string;
  /** Output tags met, for measuring their defaults in one go. */
  tagKeys: Set<string>;
}

/**
 * Snapshot `post` as a complete HTML document. All styles are read first (one getComputedStyle per element,
 * no writes in between), then the tag defaults are measured in one sandbox round, then the text is built.
 */
export function snapshotPost(post: Element, options: SnapshotOptions = {}): string {
  const document = post.ownerDocument;
  const view = document.defaultView;
  if (!view) throw new SnapshotError('The post is no longer part of a displayed page, so it could not be copied. Scroll it into view and try again.');
  const baseUrl = options.pageUrl ?? document.URL;
  const context: ReadContext = { view, baseUrl, tagKeys: new Set() };

  const renderedWidth = post.getBoundingClientRect().width;
  const pageBackground = readPageBackground(post, view);
  const root = readElement(post, context, false, false, true) ?? emptyRoot(view, post, context);
  root.values = pinRootBox(root.values, renderedWidth);

  const defaults = measureTagDefaults(document, context.tagKeys);
  const body: string[] = [];
  writeElement(root, defaults.base, defaults, body);

  return wrapDocument(body.join(''), {
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    title: options.title ?? document.title,
    sourceUrl: resolveSafeUrl(baseUrl, 'remote', baseUrl),
    capturedAt: options.capturedAt,
    background: pageBackground,
  });
}

/** A root that is itself dropped (a bare <template>, say) still yields a valid, empty document. */
function emptyRoot(view: Window, post: Element, context: ReadContext): SnapElement {
  context.tagKeys.add('div');
  return { tag: 'div', svg: false, attributes: [], values: readStyleValues(view.getComputedStyle(post)), children: [], hasText: false };
}

function readElement(element: Element, context: ReadContext, inSvg: boolean, inLink: boolean, isRoot: boolean): SnapElement | null {
  const decision = decideElement(element, inSvg);
  if (decision.kind === 'drop') return null;
  const values = readStyleValues(context.view.getComputedStyle(element));
  const display = displayOf(values);
  if (display === 'none' && !isRoot) return null;

  let tag = decision.kind === 'keep' ? decision.tag : isInlineDisplay(display) ? 'span' : 'div';
  const svg = decision.kind === 'keep' && decision.svg;
  // A link inside a link would be split in two when the file is parsed again.
  if (tag === 'a' && !svg && inLink) tag = 'span';
  context.tagKeys.add(tagKey(tag, svg));

  const attributes = sanitizeAttributes(element, tag, svg, context.baseUrl);
  const background = remoteBackgroundUrl(values);
  const safeBackground = background && resolveSafeUrl(background, 'remote', context.baseUrl);
  if (safeBackground) attributes.push([BACKGROUND_SOURCE_ATTRIBUTE, safeBackground]);
  const children = VOID_ELEMENTS.has(tag) && !svg
    ? []
    : readChildren(childNodesOf(element), context, svg, inLink || (tag === 'a' && !svg));
  const hasText = children.some((child) => (typeof child === 'string' ? /\S/.test(child) : child.hasText));
  return { tag, svg, attributes, values, children, hasText };
}

/** The flattened tree: an open shadow root replaces the light children it renders through its slots. */
function childNodesOf(element: Element): ArrayLike<Node> {
  return element.shadowRoot?.childNodes ?? element.childNodes;
}

function readChildren(nodes: ArrayLike<Node>, context: ReadContext, inSvg: boolean, inLink: boolean): SnapNode[] {
  const children: SnapNode[] = [];
  for (const node of Array.from(nodes)) {
    if (node.nodeType === 3 || node.nodeType === 4) {
      children.push((node as CharacterData).data);
    } else if (node.nodeType === 1) {
      const element = node as Element;
      if (element.localName === 'slot' && !inSvg) {
        children.push(...readChildren(slottedNodes(element as HTMLSlotElement), context, inSvg, inLink));
        continue;
      }
      const copy = readElement(element, context, inSvg, inLink, false);
      if (copy) children.push(copy);
    }
  }
  return children;
}

/** What a slot shows: the nodes assigned to it, or its fallback content when none are. */
function slottedNodes(slot: HTMLSlotElement): ArrayLike<Node> {
  const assigned = typeof slot.assignedNodes === 'function' ? slot.assignedNodes({ flatten: true }) : [];
  return assigned.length > 0 ? assigned : slot.childNodes;
}

/** The first opaque background behind the post, so light text on a dark theme stays readable. */
function readPageBackground(post: Element, view: Window): string | null {
  for (let element = post.parentElement; element; element = element.parentElement) {
    const color = view.getComputedStyle(element).getPropertyValue('background-color');
    if (color && color !== 'transparent' && !/^rgba\(.*,\s*0(\.0*)?\)$/.test(color)) return sanitizeStyleValue(color);
  }
  return null;
}

function writeElement(element: SnapElement, parentValues: StyleValues, defaults: TagDefaults, out: string[]): void {
  const style = styleAttribute({
    values: element.values,
    parent: parentValues,
    tagDefault: defaults.byTag.get(tagKey(element.tag, element.svg)) ?? defaults.base,
    base: defaults.base,
    keepHeight: !element.hasText,
  });
  out.push('<', element.tag);
  for (const [name, value] of element.attributes) out.push(' ', name, '="', escapeAttribute(value), '"');
  if (style) out.push(' style="', escapeAttribute(style), '"');
  out.push('>');
  if (VOID_ELEMENTS.has(element.tag) && !element.svg) return;

  // The parser drops one newline right after <pre>: write one more so the text reads back exactly.
  const first = element.children[0];
  if (element.tag === 'pre' && typeof first === 'string' && first.startsWith('\n')) out.push('\n');
  for (const child of element.children) {
    if (typeof child === 'string') out.push(escapeText(child));
    else writeElement(child, element.values, defaults, out);
  }
  out.push('</', element.tag, '>');
}

interface DocumentHead {
  lang: string | null;
  dir: string | null;
  title: string;
  sourceUrl: string | null;
  capturedAt?: string;
  background: string | null;
}

function wrapDocument(body: string, head: DocumentHead): string {
  const htmlAttributes = [
    head.lang && /^[A-Za-z0-9-]{1,35}$/.test(head.lang) ? ` lang="${head.lang}"` : '',
    head.dir && /^(ltr|rtl|auto)$/i.test(head.dir) ? ` dir="${head.dir.toLowerCase()}"` : '',
  ].join('');
  const meta = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(SNAPSHOT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="PostProof">',
    head.sourceUrl ? `<meta name="postproof:source-url" content="${escapeAttribute(head.sourceUrl)}">` : '',
    head.capturedAt ? `<meta name="postproof:captured-at" content="${escapeAttribute(head.capturedAt)}">` : '',
    `<title>${escapeText(head.title)}</title>`,
  ].filter(Boolean).join('\n');
  const bodyStyle = `margin: 0; padding: 8px;${head.background ? ` background-color: ${head.background};` : ''}`;
  return [
    '<!doctype html>',
    `<html${htmlAttributes}>`,
    '<head>',
    meta,
    '</head>',
    '<!-- A copy of one post made by PostProof: scripts, handlers, frames and unsafe URLs removed, styles inlined. -->',
    `<body style="${escapeAttribute(bodyStyle)}">${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}

function escapeText(text: string): string {
  return /[&<>\u0000]/.test(text)
    ? text.replace(/\u0000/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : text;
}

function escapeAttribute(value: string): string {
  return /[&<>"\u0000]/.test(value)
    ? value.replace(/\u0000/g, '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : value;
}
