// Computed styles for the post snapshot: which properties are kept, the per-tag defaults they are compared with, and the diff that keeps post.html small.
import { sanitizeStyleValue, SVG_NAMESPACE } from './snapshot-sanitize';

interface StyleProperty {
  name: string;
  /** Inherited properties are compared with the parent's value, the others with the tag's default. */
  inherited: boolean;
}

const own = (...names: string[]): StyleProperty[] => names.map((name) => ({ name, inherited: false }));
const inherited = (...names: string[]): StyleProperty[] => names.map((name) => ({ name, inherited: true }));

/** Layout, text and paint: what makes the copy look like the screen. Pseudo-elements and interaction states are out of reach. */
const SNAPSHOT_STYLE_PROPERTIES: readonly StyleProperty[] = [
  ...own('display', 'position', 'top', 'right', 'bottom', 'left', 'z-index', 'float', 'clear', 'box-sizing'),
  ...own('width', 'height', 'min-width', 'min-height', 'max-width', 'max-height', 'aspect-ratio'),
  ...own('margin-top', 'margin-right', 'margin-bottom', 'margin-left'),
  ...own('padding-top', 'padding-right', 'padding-bottom', 'padding-left'),
  ...own('border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width'),
  ...own('border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style'),
  ...own('border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color'),
  ...own('border-top-left-radius', 'border-top-right-radius', 'border-bottom-right-radius', 'border-bottom-left-radius'),
  ...own('flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'order'),
  ...own('justify-content', 'justify-items', 'justify-self', 'align-content', 'align-items', 'align-self', 'row-gap', 'column-gap'),
  ...own('grid-template-columns', 'grid-template-rows', 'grid-template-areas', 'grid-auto-flow', 'grid-auto-columns', 'grid-auto-rows'),
  ...own('grid-column-start', 'grid-column-end', 'grid-row-start', 'grid-row-end'),
  ...inherited('font-family', 'font-size', 'font-weight', 'font-style', 'font-variant-numeric', 'line-height'),
  ...inherited('letter-spacing', 'word-spacing', 'text-transform', 'text-indent', 'text-align', 'text-shadow'),
  ...inherited('white-space', 'word-break', 'overflow-wrap', 'hyphens', 'tab-size', 'direction', 'writing-mode'),
  ...inherited('color', 'visibility', 'list-style-type', 'list-style-position', 'border-collapse', 'border-spacing', 'caption-side'),
  ...own('unicode-bidi', 'vertical-align', 'text-overflow', 'table-layout'),
  ...own('text-decoration-line', 'text-decoration-style', 'text-decoration-color', 'text-decoration-thickness'),
  ...own('background-color', 'background-image', 'background-size', 'background-position', 'background-repeat', 'background-clip'),
  ...own('box-shadow', 'opacity', 'transform', 'transform-origin', 'filter', 'clip-path', 'isolation', 'mix-blend-mode'),
  ...own('overflow-x', 'overflow-y', 'object-fit', 'object-position', '-webkit-line-clamp', '-webkit-box-orient'),
  ...inherited('fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin'),
];

/** Computed values in the order of SNAPSHOT_STYLE_PROPERTIES. */
export type StyleValues = string[];

function propertyIndex(name: string): number {
  const index = SNAPSHOT_STYLE_PROPERTIES.findIndex((property) => property.name === name);
  if (index < 0) throw new Error(`The snapshot does not capture the CSS property ${name}.`);
  return index;
}

const DISPLAY = propertyIndex('display');
const POSITION = propertyIndex('position');
const WIDTH = propertyIndex('width');
const HEIGHT = propertyIndex('height');
const BOX_SIZING = propertyIndex('box-sizing');
const OFFSETS = ['top', 'right', 'bottom', 'left'].map(propertyIndex);

/**
 * Values that change nothing given another property: a border colour without a visible border, a border style of
 * zero width, a decoration colour without a line, an offset on a box that is not positioned. Their computed
 * values (resolved currentcolor, resolved origins, 0px) would otherwise differ from the defaults on nearly every
 * element of a themed page and bloat the file for nothing. (A border width is always compared: a zero width is
 * what removes a button's default border.)
 */
const IRRELEVANT_WHEN: ReadonlyMap<number, { index: number; values: readonly string[] }[]> = new Map(
  (
    [
      ...['top', 'right', 'bottom', 'left'].flatMap((side) => [
        [`border-${side}-color`, [[`border-${side}-style`, ['none', 'hidden', '']], [`border-${side}-width`, ['0px']]]],
        [`border-${side}-style`, [[`border-${side}-width`, ['0px']]]],
        [side, [['position', ['static', '']]]],
      ]),
      ...['text-decoration-style', 'text-decoration-color', 'text-decoration-thickness'].map((name) => [name, [['text-decoration-line', ['none', '']]]]),
      ['transform-origin', [['transform', ['none', '']]]],
    ] as [string, [string, string[]][]][]
  ).map(([name, conditions]) => [
    propertyIndex(name),
    conditions.map(([governing, values]) => ({ index: propertyIndex(governing), values })),
  ]),
);

/** Computed values that mean the initial value whatever the sandbox reports (min sizes resolve `auto` to 0px outside flex and grid). */
const INITIAL_VALUES: ReadonlyMap<number, string> = new Map([
  [propertyIndex('min-width'), 'auto'],
  [propertyIndex('min-height'), 'auto'],
]);

/** A relatively positioned box with a zero offset sits where it would without one. */
const RELATIVE_OFFSETS = new Set(OFFSETS);

function isIrrelevant(index: number, value: string, values: StyleValues): boolean {
  const conditions = IRRELEVANT_WHEN.get(index) ?? [];
  if (conditions.some((condition) => condition.values.includes(values[condition.index] ?? ''))) return true;
  if (INITIAL_VALUES.get(index) === value) return true;
  return RELATIVE_OFFSETS.has(index) && value === '0px' && /^(relative|sticky)$/.test(values[POSITION] ?? '');
}

/** Copies the values out of a live declaration, so nothing read later depends on the page staying still. */
const BACKGROUND_IMAGE = propertyIndex('background-image');

/**
 * The remote image a computed `background-image` shows (X and Telegram draw post photos this way), or undefined.
 * The style itself never keeps a remote URL; the snapshot records it beside the element so the capture can link
 * the element to its captured file.
 */
export function remoteBackgroundUrl(values: StyleValues): string | undefined {
  const match = /^url\("(https?:\/\/[^"]+)"\)$/.exec(values[BACKGROUND_IMAGE] ?? '');
  return match?.[1];
}

export function readStyleValues(style: CSSStyleDeclaration): StyleValues {
  return SNAPSHOT_STYLE_PROPERTIES.map((property) => style.getPropertyValue(property.name));
}

export function displayOf(values: StyleValues): string {
  return values[DISPLAY] ?? '';
}

/** Inline-level displays (and happy-dom's empty default) are copied into a `span`, the rest into a `div`. */
export function isInlineDisplay(display: string): boolean {
  return display === '' || display.startsWith('inline') || display === 'contents' || display === 'ruby';
}

/**
 * The root must keep its on-screen width and sit in the normal flow of the snapshot's body: a fixed or absolute
 * root (a post in a modal) would otherwise be placed against an empty page.
 */
export function pinRootBox(values: StyleValues, renderedWidth: number): StyleValues {
  const pinned = [...values];
  if (renderedWidth > 0) {
    pinned[WIDTH] = `${Math.round(renderedWidth * 100) / 100}px`;
    pinned[BOX_SIZING] = 'border-box';
  }
  if (/^(fixed|absolute|sticky)$/.test(pinned[POSITION] ?? '')) {
    pinned[POSITION] = 'relative';
    for (const offset of OFFSETS) pinned[offset] = 'auto';
  }
  return pinned;
}

/** What an element of a given tag looks like with no author CSS, and what a bare container passes down. */
export interface TagDefaults {
  /** Values of a plain container in the sandbox: what the snapshot's body hands to the root. */
  base: StyleValues;
  byTag: Map<string, StyleValues>;
}

/** `div` for HTML, `svg:path` for SVG: tag names alone collide (`a`). */
export function tagKey(tag: string, svg: boolean): string {
  return svg ? `svg:${tag}` : tag;
}

const defaultsByDocument = new WeakMap<Document, TagDefaults>();

/**
 * Every element in the sandbox gets user-agent styles only: it lives in a shadow root (page CSS does not cross
 * into it) under a host reset with `all: initial`. The host is `display: none`, so measuring costs no layout and
 * sizes read as `auto`.
 */
const SANDBOX_HOST_STYLE = 'all: initial !important; display: none !important;';

/**
 * The default values of each tag, measured once per document in a hidden same-document sandbox and cached.
 * All probes are inserted in one mutation and removed after they are read, so the page is restyled once.
 */
export function measureTagDefaults(document: Document, keys: Iterable<string>): TagDefaults {
  const cached = defaultsByDocument.get(document);
  const missing = [...new Set(keys)].filter((key) => !cached?.byTag.has(key));
  if (cached && missing.length === 0) return cached;

  const view = document.defaultView;
  if (!view) throw new Error('The page has no window to measure default styles in.');
  const host = document.createElement('div');
  host.setAttribute('style', SANDBOX_HOST_STYLE);
  const container = document.createElement('div');
  const svgContainer = document.createElementNS(SVG_NAMESPACE, 'svg');
  container.append(svgContainer);
  const probes = missing.map((key) => {
    const probe = key.startsWith('svg:')
      ? document.createElementNS(SVG_NAMESPACE, key.slice(4))
      : document.createElement(key);
    // Links get their user-agent colour and underline only with an href (:any-link), and copied links keep theirs.
    if (key === 'a' || key === 'svg:a') probe.setAttribute('href', '#');
    (key.startsWith('svg:') ? svgContainer : container).append(probe);
    return [key, probe] as const;
  });
  host.attachShadow({ mode: 'closed' }).append(container);
  (document.documentElement ?? document.body).append(host);
  try {
    const defaults: TagDefaults = cached ?? { base: readStyleValues(view.getComputedStyle(container)), byTag: new Map() };
    for (const [key, probe] of probes) defaults.byTag.set(key, readStyleValues(view.getComputedStyle(probe)));
    defaultsByDocument.set(document, defaults);
    return defaults;
  } finally {
    host.remove();
  }
}

export interface StyleContext {
  values: StyleValues;
  /** The values of the nearest copied ancestor; the root gets the sandbox base. */
  parent: StyleValues;
  tagDefault: StyleValues;
  base: StyleValues;
  /** Heights are kept only on boxes without text, so text set in a fallback font can still grow its box. */
  keepHeight: boolean;
}

/** The `style` attribute for one copied element: only what differs from what it would get without it. */
export function styleAttribute({ values, parent, tagDefault, base, keepHeight }: StyleContext): string {
  const declarations: string[] = [];
  SNAPSHOT_STYLE_PROPERTIES.forEach((property, index) => {
    const value = values[index] ?? '';
    if (value === '' || (index === HEIGHT && !keepHeight)) return;
    if (isIrrelevant(index, value, values)) return;
    if (!differsFromDefault(property, value, parent[index] ?? '', tagDefault[index] ?? '', base[index] ?? '')) return;
    const safe = sanitizeStyleValue(value);
    if (safe !== null) declarations.push(`${property.name}: ${safe}`);
  });
  return declarations.join('; ');
}

function differsFromDefault(property: StyleProperty, value: string, parent: string, tagDefault: string, base: string): boolean {
  if (!property.inherited) return value !== tagDefault;
  // The user-agent sheet sets this property on this tag (a's color, h1's font-size): the copy gets the tag's
  // default unless written, and relative defaults (2em) may resolve differently once the parent differs from the base.
  if (tagDefault !== base) return value !== tagDefault || parent !== base;
  return value !== parent;
}
