// Whether a request URL falls under one of the source's host match patterns: the Bluesky source only asks hosts the
// user granted, and says so by name when an account lives elsewhere (a self-hosted PDS, a did:web host).
// Match patterns as WebExtensions define them: <scheme>://<host><path>, host `*`, `*.example.org` or exact, path a glob.

/** Whether `url` is covered by `pattern` (`https://*.host.bsky.network/*` …); unparseable patterns cover nothing. */
export function patternCovers(pattern: string, url: URL): boolean {
  const match = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const base = host.slice(2).toLowerCase();
    if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
  } else if (host !== '*' && hostname !== host.toLowerCase()) {
    return false;
  }
  const glob = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return glob.test(url.pathname + url.search);
}

export function coveredBy(patterns: readonly string[], url: URL): boolean {
  return patterns.some((pattern) => patternCovers(pattern, url));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
