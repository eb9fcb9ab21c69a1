// The generic adapter: reads an element the user picked on any page, and fills what the page's own metadata
// (Open Graph, JSON-LD, <link rel=canonical>, lang) can say about it. Everything else is named in missingFields.
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, isElement, largestImageUrl } from './dom';
import { finalizePost } from './registry';

/** The fields a generic capture reports as unknown when neither the element nor the page's metadata gives them. */
const REPORTED_FIELDS = ['url', 'author', 'postedAt', 'text', 'lang'] as const;

/** JSON-LD types that describe a post or an article (the page's main content). */
const POSTING_TYPES = /^(SocialMediaPosting|DiscussionForumPosting|BlogPosting|(\w+)?Article|VideoObject|ImageObject|Comment)$/;

type JsonObject = Record<string, unknown>;

function meta(document: Document, key: string): string | undefined {
  const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return el?.getAttribute('content')?.trim() || undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object of the page's JSON-LD blocks, @graph entries included; a block that does not parse is skipped. */
export function jsonLdObjects(document: Document): JsonObject[] {
  const objects: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      objects.push(value);
      if (Array.isArray(value['@graph'])) value['@graph'].forEach(visit);
    }
  };
  document.querySelectorAll('script[type="application/ld+json"]').forEach((script) => {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Pages ship broken JSON-LD; it says nothing then.
    }
  });
  return objects;
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** The JSON-LD object that describes the page's post or article, if any. */
function mainJsonLd(document: Document): JsonObject | undefined {
  const objects = jsonLdObjects(document);
  return objects.find((o) => typesOf(o).some((t) => POSTING_TYPES.test(t))) ?? objects.find((o) => 'datePublished' in o);
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function httpUrl(value: unknown, base: URL): string | undefined {
  const url = typeof value === 'string' ? absoluteUrl(value, base) : undefined;
  return url && /^https?:/.test(url) ? url : undefined;
}

function jsonLdAuthor(ld: JsonObject | undefined, base: URL): PostAuthor | undefined {
  const raw = ld?.['author'];
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first === 'string') return { name: first };
  if (!isObject(first)) return undefined;
  return {
    name: typeof first['name'] === 'string' ? first['name'] : undefined,
    url: httpUrl(first['url'], base),
  };
}

/** article:author holds a name on some sites and a profile URL on others. */
function metaAuthor(document: Document, base: URL): PostAuthor | undefined {
  const value = meta(document, 'article:author') ?? meta(document, 'author');
  if (!value) return undefined;
  return /^https?:\/\//.test(value) ? { url: httpUrl(value, base) } : { name: value };
}

function mediaIn(element: Element, base: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && (url.startsWith('https:') || url.startsWith('http:') || url.startsWith('blob:')) && !media.some((m) => m.url === url)) {
      media.push({ kind, url });
    }
  };
  const within = (selector: string): Element[] => [...(element.matches(selector) ? [element] : []), ...Array.from(element.querySelectorAll(selector))];
  within('img').forEach((img) => add('photo', largestImageUrl(img, base)));
  within('video').forEach((video) => {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), base));
    [video, ...Array.from(video.querySelectorAll('source'))].forEach((el) => add('video', absoluteUrl(el.getAttribute('src'), base)));
  });
  return media;
}

const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'postproof-control']);

/** The element's text as a reader sees it: blocks on lines of their own, <br> as a break, emoji images by their alt. */
function blockText(element: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === node.TEXT_NODE) text += (node.textContent ?? '').replace(/\s+/g, ' ');
    if (!isElement(node) || SKIPPED.has(node.localName)) return;
    if (node.localName === 'br') text += '\n';
    else if (node.localName === 'img') text += node.getAttribute('alt') ?? '';
    // A block boundary is one line break however many blocks meet there; a <br> is always one of its own.
    const block = BLOCKS.has(node.localName);
    if (block) text += '\u0000';
    node.childNodes.forEach(walk);
    if (block) text += '\u0000';
  };
  element.childNodes.forEach(walk);
  return text
    .replace(/[ \t]*\u0000[\s\u0000]*/g, (run) => '\n'.repeat(Math.max(1, (run.match(/\n/g) ?? []).length)))
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/**
 * A post record for an element the user picked. The element gives text, media and language; the page's
 * metadata gives the permalink, author and time when it declares them. og:description stands in for the text only
 * when the element has none (an image, a video).
 */
export function extractGeneric(element: Element, pageUrl: URL): PostRecord {
  const document = element.ownerDocument;
  const ld = mainJsonLd(document);
  const fromLd = isoTime(ld?.['datePublished']);
  const fromMeta = isoTime(meta(document, 'article:published_time'));
  const ownText = blockText(element);
  const author = jsonLdAuthor(ld, pageUrl) ?? metaAuthor(document, pageUrl);

  const record = finalizePost(
    {
      platform: 'generic',
      url:
        httpUrl(meta(document, 'og:url'), pageUrl) ??
        httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl),
      author,
      postedAt: fromLd ?? fromMeta,
      postedAtSource: fromLd ? 'json' : fromMeta ? 'attribute' : undefined,
      text: ownText || meta(document, 'og:description'),
      lang: element.closest('[lang]')?.getAttribute('lang')?.trim() || undefined,
      media: mediaIn(element, pageUrl),
    },
    [],
  );
  const missingFields = REPORTED_FIELDS.filter((field) => record[field] === undefined);
  return missingFields.length ? { ...record, missingFields } : record;
}

/** The generic adapter as the content script uses it for a picked element. */
export const genericAdapter = { name: 'generic' as const, extract: extractGeneric };
