// Shared building blocks of the per-platform media URL rules (displayed URL → original upload), and the test of whether
// two URLs name the same media resource. Each adapter keeps its own rule; these helpers keep the rules short and alike.

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** `url` with one query parameter set (X: `name=orig`); unparsable URLs come back unchanged. */
export function withSearchParam(url: string, name: string, value: string): string {
  const parsed = parse(url);
  if (!parsed) return url;
  parsed.searchParams.set(name, value);
  return parsed.href;
}

/**
 * `url` with one whole path segment replaced (Bluesky: `feed_thumbnail` → `feed_fullsize`). Only an exact segment
 * matches, so a rule never rewrites part of an id.
 */
export function replacePathSegment(url: string, from: string, to: string): string {
  const parsed = parse(url);
  if (!parsed) return url;
  const segments = parsed.pathname.split('/');
  const at = segments.indexOf(from);
  if (at < 0) return url;
  segments[at] = to;
  parsed.pathname = segments.join('/');
  return parsed.href;
}

/** The last two labels of a host name: pbs.twimg.com → twimg.com, preview.redd.it → redd.it. */
function siteOf(host: string): string {
  return host.split('.').slice(-2).join('.');
}

/**
 * A file name that can only be one upload's: ten characters or more before the extension, digits among them
 * (`192808438_…_n.jpg`, `bafkrei…@jpeg`, `a1b2c3d4e5f6g.jpg`). `hqdefault.jpg` or `photo.jpg` name many.
 */
function isDistinctiveFileName(name: string): boolean {
  const stem = name.replace(/\.[A-Za-z0-9]{2,5}$/, '');
  return stem.length >= 10 && /\d/.test(stem);
}

/**
 * True when `displayed` (an <img> src on the page) and `original` (the URL a capture fetched) name the same upload:
 * the same URL; or the same host and path with other query parameters (X `name=`, Reddit `width=`); or, on the same
 * site, the same distinctive file name under a different size folder (Instagram `p640x640/…_n.jpg`, Bluesky
 * `feed_thumbnail/…/cid@jpeg`, Reddit preview.redd.it → i.redd.it).
 */
export function sameMediaResource(displayed: string, original: string): boolean {
  if (displayed === original) return true;
  const a = parse(displayed);
  const b = parse(original);
  if (!a || !b || !/^https?:$/.test(a.protocol) || !/^https?:$/.test(b.protocol)) return false;
  if (a.host === b.host && a.pathname === b.pathname) return true;
  if (siteOf(a.hostname) !== siteOf(b.hostname)) return false;
  const fileA = a.pathname.split('/').pop() ?? '';
  const fileB = b.pathname.split('/').pop() ?? '';
  return fileA === fileB && isDistinctiveFileName(fileA);
}
