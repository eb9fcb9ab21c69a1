// Allow-list policy for the post snapshot: which elements and attributes survive, and which URLs and CSS values are safe to keep.
import { splitSrcset } from '../../platforms/srcset';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Elements dropped together with everything inside them: active content, resources, form controls, our own UI. */
const DROPPED_ELEMENTS = new Set([
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'link', 'meta', 'base', 'style', 'title', 'head', 'template',
  'input', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'area', 'map',
  'xmp', 'plaintext', 'listing', 'noembed', 'noframes',
  'postproof-control',
]);

/** HTML elements copied under their own name. Anything else that is not dropped becomes a `div` or `span`. */
const KEPT_HTML_ELEMENTS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'button', 'canvas',
  'caption', 'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i',
  'img', 'ins', 'kbd', 'legend', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'section', 'small', 'source', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'track', 'u', 'ul', 'var', 'video', 'wbr',
]);

/** Elements without an end tag. */
export const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

/** SVG elements that only draw. Animation, scripting, foreignObject and filters (feImage loads URLs) are dropped. */
const KEPT_SVG_ELEMENTS = new Set([
  'svg', 'g', 'path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect', 'text', 'tspan', 'defs', 'symbol',
  'use', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker', 'image', 'a', 'desc',
]);

export type ElementDecision =
  | { kind: 'drop' }
  /** Copied as `tag`; `svg` says which namespace the tag lives in. */
  | { kind: 'keep'; tag: string; svg: boolean }
  /** Unknown or custom: its content is kept inside a neutral `div` or `span`, chosen from its display. */
  | { kind: 'neutral' };

/** What becomes of an element; `inSvg` is true below an `<svg>` (outside it, SVG-only tags are unknown). */
export function decideElement(element: Element, inSvg: boolean): ElementDecision {
  const name = element.localName;
  if (element.namespaceURI === SVG_NAMESPACE) {
    const kept = KEPT_SVG_ELEMENTS.has(name) && (inSvg || name === 'svg') && (name !== 'use' || usesLocalFragment(element));
    return kept ? { kind: 'keep', tag: name, svg: true } : { kind: 'drop' };
  }
  // HTML below SVG outside a foreignObject is never rendered, and would break out of the <svg> when re-parsed.
  if (inSvg || DROPPED_ELEMENTS.has(name)) return { kind: 'drop' };
  return KEPT_HTML_ELEMENTS.has(name) ? { kind: 'keep', tag: name, svg: false } : { kind: 'neutral' };
}

/** A `<use>` may only repeat a shape of the snapshot itself, never pull in another document. */
function usesLocalFragment(use: Element): boolean {
  const reference = use.getAttribute('href') ?? use.getAttribute('xlink:href') ?? '';
  return /^#\S+$/.test(reference.trim());
}

/** How an attribute value is checked before it is kept. */
type AttributeRule = 'text' | 'dir' | 'number' | 'link' | 'remote' | 'image' | 'srcset' | 'fragment' | 'svg-value';

const GLOBAL_ATTRIBUTES: Record<string, AttributeRule> = {
  'data-testid': 'text', lang: 'text', dir: 'dir', title: 'text', 'aria-label': 'text', role: 'text',
};

const HTML_ATTRIBUTES: Record<string, Record<string, AttributeRule>> = {
  a: { href: 'link' },
  img: { alt: 'text', src: 'image', srcset: 'srcset', sizes: 'text', width: 'number', height: 'number' },
  source: { src: 'remote', srcset: 'srcset', sizes: 'text', media: 'text', type: 'text' },
  video: { src: 'remote', poster: 'remote', width: 'number', height: 'number' },
  audio: { src: 'remote' },
  track: { src: 'remote', kind: 'text', srclang: 'text', label: 'text' },
  canvas: { width: 'number', height: 'number' },
  time: { datetime: 'text' },
  del: { datetime: 'text', cite: 'remote' },
  ins: { datetime: 'text', cite: 'remote' },
  blockquote: { cite: 'remote' },
  q: { cite: 'remote' },
  td: { colspan: 'number', rowspan: 'number' },
  th: { colspan: 'number', rowspan: 'number' },
  col: { span: 'number' },
  colgroup: { span: 'number' },
  ol: { start: 'number', reversed: 'text' },
  details: { open: 'text' },
};

/** Presentation attributes: geometry and paint, no event or animation attributes. */
const SVG_ATTRIBUTES: Record<string, AttributeRule> = Object.fromEntries(
  [
    'id', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry',
    'fx', 'fy', 'dx', 'dy', 'd', 'points', 'transform', 'fill', 'fill-rule', 'fill-opacity', 'stroke', 'stroke-width',
    'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity',
    'clip-rule', 'clip-path', 'mask', 'opacity', 'offset', 'stop-color', 'stop-opacity', 'gradientUnits',
    'gradientTransform', 'spreadMethod', 'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits',
    'maskUnits', 'maskContentUnits', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'markerUnits',
    'text-anchor', 'dominant-baseline', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing',
    'visibility', 'display', 'color', 'aria-hidden',
  ].map((name) => [name, 'svg-value' as AttributeRule]),
);

/** SVG references: inside the snapshot only, except links (http/https/mailto) and images. */
const SVG_REFERENCE_RULES: Record<string, AttributeRule> = {
  a: 'link', image: 'image', use: 'fragment', linearGradient: 'fragment', radialGradient: 'fragment', pattern: 'fragment',
};

function attributeRule(tag: string, svg: boolean, name: string): AttributeRule | undefined {
  if (svg && (name === 'href' || name === 'xlink:href')) return SVG_REFERENCE_RULES[tag];
  return GLOBAL_ATTRIBUTES[name] ?? (svg ? SVG_ATTRIBUTES[name] : HTML_ATTRIBUTES[tag]?.[name]);
}

/**
 * The attributes kept on the copy of `element` (written as `tag`), values checked and URLs made absolute.
 * Only names on the allow-list pass, so event handlers, srcdoc, formaction, action, ping, http-equiv, style and
 * class never do.
 */
export function sanitizeAttributes(element: Element, tag: string, svg: boolean, baseUrl: string): [string, string][] {
  const kept: [string, string][] = [];
  for (const attribute of Array.from(element.attributes)) {
    const rule = attributeRule(tag, svg, attribute.name);
    if (!rule) continue;
    const value = sanitizeAttributeValue(rule, attribute.value, baseUrl);
    // xlink:href is written as the SVG 2 href, which needs no namespace declaration.
    if (value !== null) kept.push([attribute.name === 'xlink:href' ? 'href' : attribute.name, value]);
  }
  return kept;
}

function sanitizeAttributeValue(rule: AttributeRule, value: string, baseUrl: string): string | null {
  switch (rule) {
    case 'text':
      return value;
    case 'dir':
      return /^(ltr|rtl|auto)$/i.test(value) ? value.toLowerCase() : null;
    case 'number':
      return /^\s*[0-9.]+(px|%)?\s*$/.test(value) ? value.trim() : null;
    case 'srcset':
      return sanitizeSrcset(value, baseUrl);
    case 'fragment':
      return /^#\S+$/.test(value.trim()) ? value.trim() : null;
    case 'svg-value':
      return isSafeSvgValue(value) ? value : null;
    default:
      return resolveSafeUrl(value, rule, baseUrl);
  }
}

/** An SVG presentation value may reference the snapshot itself (`url(#clip)`), nothing outside it. */
function isSafeSvgValue(value: string): boolean {
  const squeezed = squeeze(value).toLowerCase();
  if (/javascript:|vbscript:|data:/.test(squeezed)) return false;
  const references = squeezed.match(/url\(/g)?.length ?? 0;
  const localReferences = squeezed.match(/url\(["']?#/g)?.length ?? 0;
  return references === localReferences;
}

/** Which URL kinds a rule admits: links may mail, images may be inline PNG/JPEG/GIF/WebP, the rest is http(s). */
export type UrlKind = 'link' | 'remote' | 'image';

const ALLOWED_PROTOCOLS: Record<UrlKind, ReadonlySet<string>> = {
  link: new Set(['http:', 'https:', 'mailto:']),
  remote: new Set(['http:', 'https:']),
  image: new Set(['http:', 'https:', 'data:']),
};

/** Controls, whitespace, and the invisible characters a browser or a reader might skip over inside a scheme. */
const INVISIBLE_CHARACTERS = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;
const DANGEROUS_SCHEME = /^(javascript|vbscript|data|livescript|mocha):/i;
const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp)[;,]/i;

function squeeze(value: string): string {
  return value.replace(INVISIBLE_CHARACTERS, '');
}

/**
 * The absolute form of `raw` if it is safe to keep as a `kind` URL, else null. Dangerous schemes are refused on
 * the squeezed value first (so `java&#x09;script:` and `JaVaScRiPt:` fail), then the parsed URL must use an
 * allowed protocol: an allow-list, with the block-list only as a second net.
 */
export function resolveSafeUrl(raw: string, kind: UrlKind, baseUrl: string): string | null {
  const squeezed = squeeze(raw);
  if (squeezed === '') return null;
  const isInlineImage = kind === 'image' && SAFE_DATA_IMAGE.test(squeezed);
  if (DANGEROUS_SCHEME.test(squeezed) && !isInlineImage) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), baseUrl);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS[kind].has(url.protocol)) return null;
  if (url.protocol === 'data:' && !SAFE_DATA_IMAGE.test(url.href)) return null;
  return url.href;
}

/** A srcset with every candidate's URL checked (http/https only) and made absolute; unsafe candidates are left out. */
export function sanitizeSrcset(raw: string, baseUrl: string): string | null {
  const kept: string[] = [];
  for (const { url, descriptor } of splitSrcset(raw)) {
    const resolved = resolveSafeUrl(url, 'remote', baseUrl);
    // A URL ending in a comma would be cut there when the srcset is read back.
    if (!resolved || resolved.endsWith(',') || !/^[0-9.]*[wxh]?$/i.test(descriptor)) continue;
    kept.push(descriptor ? `${resolved} ${descriptor}` : resolved);
  }
  return kept.length > 0 ? kept.join(', ') : null;
}

/** CSS that could load, run or smuggle anything; checked once the inline images have been set aside. */
const UNSAFE_CSS = /[\\<>;{}]|url\s*\(|expression\s*\(|javascript:|vbscript:|@import|-moz-binding|behavior\s*:|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|src\s*\(/i;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
/** An inline raster image whose characters cannot end a CSS string or token early. */
const SAFE_CSS_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp)[;,][A-Za-z0-9+/=;,%._:-]*$/i;

/** A computed style value fit for the snapshot's style attribute, or null when it must be left out. */
export function sanitizeStyleValue(value: string): string | null {
  const urls = Array.from(value.matchAll(CSS_URL), (match) => match[1] ?? match[2] ?? match[3] ?? '');
  if (!urls.every((url) => SAFE_CSS_DATA_IMAGE.test(url))) return null;
  return UNSAFE_CSS.test(value.replace(CSS_URL, 'none')) ? null : value;
}
