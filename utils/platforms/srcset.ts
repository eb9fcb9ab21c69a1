// Reading a srcset ("a.jpg 640w, b.jpg 1080w"): one parser for the adapters, the snapshot's sanitizer and its media
// links. Pure: strings in, strings out, no DOM.

export interface SrcsetCandidate {
  url: string;
  /** What follows the URL, trimmed ("640w", "2x", or "" for none); not checked here. */
  descriptor: string;
}

/**
 * Splits a srcset into candidates the way the HTML parser does: a URL runs to whitespace, a comma ends a candidate.
 * So a comma inside a URL stays (`b,c.jpg 2x`), and candidates may be separated by a bare comma (Instagram).
 */
export function splitSrcset(raw: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let position = 0;
  while (position < raw.length) {
    while (position < raw.length && /[\s,]/.test(raw[position]!)) position++;
    if (position >= raw.length) break;
    const urlStart = position;
    while (position < raw.length && !/\s/.test(raw[position]!)) position++;
    const url = raw.slice(urlStart, position);
    if (url.endsWith(',')) {
      candidates.push({ url: url.replace(/,+$/, ''), descriptor: '' });
      continue;
    }
    const descriptorStart = position;
    while (position < raw.length && raw[position] !== ',') position++;
    candidates.push({ url, descriptor: raw.slice(descriptorStart, position).trim() });
  }
  return candidates;
}

/** Every candidate's URL, in order, as written (not resolved). */
export function srcsetUrls(raw: string): string[] {
  return splitSrcset(raw).map((candidate) => candidate.url);
}

/**
 * A candidate's rank: a width (`1080w`) outranks any density (`2x`), since 1080w describes more pixels than 2x of an
 * unknown width; no descriptor is 1x. Undefined for any other descriptor (`640w 480h`, `2X`, `big`): not ranked.
 */
function rank(descriptor: string): number | undefined {
  if (descriptor === '') return 1e-3;
  const match = /^(\d+(?:\.\d+)?)([wx])$/.exec(descriptor);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'w' ? 1 : 1e-3);
}

/**
 * The largest candidate of a srcset (the best resolution the page serves), made absolute against `base`: by width,
 * else by density; the first of equals. Only http(s) URLs count. Undefined when no candidate qualifies.
 */
export function largestSrcsetCandidate(raw: string, base: string | URL): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const { url, descriptor } of splitSrcset(raw)) {
    const size = rank(descriptor);
    if (size === undefined) continue;
    let absolute: URL;
    try {
      absolute = new URL(url, base);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(absolute.protocol)) continue;
    if (!best || size > best.size) best = { url: absolute.href, size };
  }
  return best?.url;
}
