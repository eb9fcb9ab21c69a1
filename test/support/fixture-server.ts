// HTTPS fixture server for end-to-end tests. Chromium resolves every host to it (--host-resolver-rules), so the
// saved platform pages every adapter declares are browsed under their real URLs and the extension's real
// `matches` and host permissions apply. Pages are served script-free; media CDNs answer with generated images.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fixturePage } from '../fixtures';
import { createTestCertificate } from './tls';
import { syntheticImageFor } from './images';
import { adapterFixtureCases } from '../../utils/platforms/all.fixtures';

export { syntheticImageFor } from './images';

// ---------------------------------------------------------------- the X fixtures and their real URLs

export interface XFixture {
  /** Short name: image, video, linkcard, text. */
  key: 'image' | 'video' | 'linkcard' | 'text';
  /** File in /work/shared/fixtures/pages/x/. */
  file: string;
  handle: string;
  tweetId: string;
  /** Real path on x.com (the page's own <link rel=canonical> and permalink). */
  path: string;
  /** Real URL, e.g. https://x.com/UaSmart/status/934106870834454529 */
  url: string;
  /** A piece of the tweet's text as the page shows it. */
  text: string;
  /** Post media URLs in the page (img src / video poster / card image), as written in the page. */
  media: string[];
  /** The author's avatar URL in the page. */
  avatar: string;
}

function xFixture(f: Omit<XFixture, 'path' | 'url'>): XFixture {
  const path = `/${f.handle}/status/${f.tweetId}`;
  return { ...f, path, url: `https://x.com${path}` };
}

export const xFixtures = {
  image: xFixture({
    key: 'image',
    file: 'x_status_image_UaSmart_2017-11-24_es.metascraper.html',
    handle: 'UaSmart',
    tweetId: '934106870834454529',
    text: 'Y terminamos el dia con Cultura de empresa',
    media: ['https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=medium'],
    avatar: 'https://pbs.twimg.com/profile_images/733245636875853829/RdQsE5po_x96.jpg',
  }),
  video: xFixture({
    key: 'video',
    file: 'x_status_video_verge_2018-01-27_en.metascraper.html',
    handle: 'verge',
    tweetId: '957383241714970624',
    text: 'Is it bad to blow into game cartridges?',
    media: ['https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg'],
    avatar: 'https://pbs.twimg.com/profile_images/1569656103528448000/d0BzVIPL_x96.jpg',
  }),
  linkcard: xFixture({
    key: 'linkcard',
    file: 'x_status_linkcard_forbes_2026-01-27_en.metascraper.html',
    handle: 'Forbes',
    tweetId: '2016058596782670275',
    text: 'Is Wellness The New Happy Hour?',
    media: ['https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=900x900'],
    avatar: 'https://pbs.twimg.com/profile_images/1711185897415180288/lgwajQTW_x96.jpg',
  }),
  text: xFixture({
    key: 'text',
    file: 'x_status_text_realDonaldTrump_2020-01-30_en.metascraper.html',
    handle: 'realDonaldTrump',
    tweetId: '1222907250383245320',
    text: 'Schiff blasted for not focusing on California homeless.',
    media: [],
    avatar: 'https://pbs.twimg.com/profile_images/874276197357596672/kUuht00m_x96.jpg',
  }),
} as const satisfies Record<string, XFixture>;

/** URL of the plain page with no posts (the "changed layout" / unsupported page case). */
export const noPostsPageUrl = 'https://example.org/';
const noPostsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example Domain</title></head>
<body><main><h1>Example Domain</h1>
<p>This page has no social-media posts: no article, no tweet, no timeline.</p>
<p><a href="https://www.iana.org/domains/example">More information...</a></p></main></body></html>
`;

/** Script types a browser never runs: embedded data (JSON, JSON-LD) that adapters may read, as on the live page. */
const DATA_SCRIPT = /\btype\s*=\s*["']?application\/(ld\+)?json["']?/i;

/** Remove every executable <script> element and script preloads, so a saved page shows its DOM without running code. */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (element, attributes: string) => (DATA_SCRIPT.test(attributes) ? element : ''))
    // An unclosed opening tag, should one remain (a kept data script's opening tag stays).
    .replace(/<script\b([^>]*)>/gi, (tag, attributes: string) => (DATA_SCRIPT.test(attributes) ? tag : ''))
    .replace(/<link\b[^>]*>/gi, (tag) => {
      const rel = /\brel\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
      const as = /\bas\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
      return rel === 'modulepreload' || (rel === 'preload' && as === 'script') ? '' : tag;
    });
}

/** The real path a fixture page declares for itself: its canonical link, else og:url, else the permalink. */
export function canonicalPath(html: string): string | undefined {
  const canon =
    /<link\b[^>]*\brel="canonical"[^>]*>/i.exec(html)?.[0] ?? /<meta\b[^>]*\bproperty="og:url"[^>]*>/i.exec(html)?.[0];
  const href = canon && /\b(?:href|content)="([^"]+)"/i.exec(canon)?.[1];
  if (href) return new URL(href, 'https://x.com/').pathname;
  return /href="(\/[A-Za-z0-9_]+\/status\/\d+)"/.exec(html)?.[1];
}

// ---------------------------------------------------------------- routes and the request log

export interface RequestRecord {
  method: string;
  /** Host name from the Host header, without port, lower case. */
  host: string;
  /** Path with query string. */
  path: string;
  /** Date.now() when the request arrived. */
  time: number;
  /** Status answered (0 while still in progress). */
  status: number;
  /** What answered: 'route' (a test route), 'page' (a fixture page an adapter declares), 'redirect', 'media', 'no-posts-page', 'index', 'not-found' (known host, unknown path) or 'unknown-host'. */
  answeredBy: string;
}

export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (slow CDN, progress bars). */
  delayMs?: number;
}

export interface RouteContext {
  url: URL;
  host: string;
  method: string;
  /** Request body (for POSTs such as an RFC 3161 query). */
  body: Buffer;
  req: IncomingMessage;
}

export interface Route {
  /** Host name (no port), or a RegExp on it; any host when omitted. */
  host?: string | RegExp;
  /** Exact pathname; a string ending in '*' is a prefix; a RegExp is tested on pathname + search. */
  path: string | RegExp;
  /** HTTP method; any when omitted. */
  method?: string;
  respond: RouteResponse | ((ctx: RouteContext) => RouteResponse | Promise<RouteResponse>);
}

export interface FixtureServer {
  port: number;
  /** https://127.0.0.1:PORT (an index of the fixtures). */
  url: string;
  /** Every request seen, in arrival order. */
  requests: RequestRecord[];
  /** Add routes that take precedence over all others (later ones first). */
  use(...routes: Route[]): void;
  /** Drop routes added with use(); the routes given at start stay. */
  resetRoutes(): void;
  clearRequests(): void;
  close(): Promise<void>;
}

/** Hosts the server knows; a request for any other host answers 404 and is logged as 'unknown-host'. */
export const knownHosts = ['x.com', 'twitter.com', 'pbs.twimg.com', 'example.org', 'localhost', '127.0.0.1'] as const;

/**
 * Media CDNs of the supported platforms: any GET there is answered with a generated image for that URL.
 * A platform adapter that needs another CDN adds its host pattern here.
 */
export const mediaHostPatterns: RegExp[] = [
  /^pbs\.twimg\.com$/,
  /^cdn\.bsky\.app$/,
  /(^|\.)telegram-cdn\.org$/,
  /(^|\.)telesco\.pe$/,
  /(^|\.)fbcdn\.net$/,
  /(^|\.)cdninstagram\.com$/,
  /^(i|preview|external-preview)\.redd\.it$/,
  /^i\d?\.ytimg\.com$/,
  /(^|\.)tiktokcdn(-us|-eu)?\.com$/,
];

/** Every fixture page an adapter declares, keyed by host + path (lower case): served under its real URL. */
function adapterFixturePages(): Map<string, { folder: string; file: string }> {
  const pages = new Map<string, { folder: string; file: string }>();
  for (const { fixture } of adapterFixtureCases()) {
    const url = new URL(fixture.url);
    pages.set(pageKey(url.hostname, url.pathname + url.search), { folder: fixture.folder, file: fixture.file });
  }
  return pages;
}

/** Host + path + query: two watch pages differ only in their query. */
function pageKey(host: string, pathAndQuery: string): string {
  return `${host}${pathAndQuery.replace(/\/$/, '').replace(/\/\?/, '?')}`.toLowerCase();
}

/**
 * True for requests Chromium makes by itself, not the page or the extension (they reach this server too, because
 * every host is mapped to it): Google account reconciliation (POST accounts.google.com/ListAccounts) and the
 * extension/component updater (update.googleapis.com), despite --disable-background-networking.
 */
export function isBrowserBackgroundRequest(r: Pick<RequestRecord, 'host' | 'path'>): boolean {
  return (
    (r.host === 'accounts.google.com' && r.path.startsWith('/ListAccounts')) ||
    /(^|\.)(googleapis\.com|gvt1\.com)$/.test(r.host) ||
    /^clients\d*\.google\.com$/.test(r.host)
  );
}

const mediaPath = /^\/(media|card_img|profile_images|profile_banners|ext_tw_video_thumb|amplify_video_thumb|tweet_video_thumb)\//;

function matches(route: Route, host: string, method: string, url: URL): boolean {
  if (route.method && route.method.toUpperCase() !== method) return false;
  if (route.host !== undefined) {
    if (typeof route.host === 'string' ? route.host.toLowerCase() !== host : !route.host.test(host)) return false;
  }
  if (typeof route.path === 'string') {
    return route.path.endsWith('*') ? url.pathname.startsWith(route.path.slice(0, -1)) : url.pathname === route.path;
  }
  return route.path.test(url.pathname + url.search);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const html = (body: string, status = 200): RouteResponse => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  body,
});
const notFound = (): RouteResponse => ({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found\n' });

/**
 * Start the HTTPS fixture server on 127.0.0.1 (a free port). Serves, for any Host the browser asks for:
 * - every fixture page a platform adapter declares, at its real URL, scripts stripped;
 * - twitter.com: 301 to the same path on x.com (as the real site does);
 * - the media CDNs of mediaHostPatterns: generated JPEG/PNG bytes (see `syntheticImageFor`);
 * - example.org: a plain page with no posts;
 * - anything else: 404, logged.
 * `routes` (and later `use()`) override all of that.
 */
export async function startFixtureServer(routes: Route[] = []): Promise<FixtureServer> {
  for (const fx of Object.values(xFixtures)) {
    const declared = canonicalPath(readFileSync(fixturePage('x', fx.file), 'utf8'));
    if (declared !== fx.path) throw new Error(`${fx.file} declares ${declared}, expected ${fx.path}`);
  }
  const pages = adapterFixturePages();
  const pageHosts = new Set([...pages.keys()].map((key) => key.split('/')[0]));
  const pagesOnHost = (host: string) => pageHosts.has(host);
  const pageCache = new Map<string, string>();
  const servePage = (key: string): string | undefined => {
    const source = pages.get(key);
    if (!source) return undefined;
    let html = pageCache.get(key);
    if (html === undefined) {
      html = stripScripts(readFileSync(fixturePage(source.folder, source.file), 'utf8'));
      pageCache.set(key, html);
    }
    return html;
  };
  const index = `<!doctype html><meta charset="utf-8"><title>PostProof fixtures</title><ul>${Object.values(xFixtures)
    .map((f) => `<li><a href="${f.url}">${f.url}</a></li>`)
    .join('')}<li><a href="${noPostsPageUrl}">${noPostsPageUrl}</a></li></ul>`;

  const initialRoutes = [...routes];
  let extraRoutes: Route[] = [];
  const requests: RequestRecord[] = [];

  async function answer(ctx: RouteContext, record: RequestRecord): Promise<RouteResponse> {
    const { host, url } = ctx;
    for (const route of [...extraRoutes].reverse().concat(initialRoutes)) {
      if (matches(route, host, ctx.method, url)) {
        record.answeredBy = 'route';
        return typeof route.respond === 'function' ? await route.respond(ctx) : route.respond;
      }
    }
    const page = servePage(pageKey(host, url.pathname + url.search)) ?? servePage(pageKey(host, url.pathname));
    if (page !== undefined) {
      record.answeredBy = 'page';
      return html(page);
    }
    if (ctx.method === 'GET' && mediaHostPatterns.some((pattern) => pattern.test(host)) && (host !== 'pbs.twimg.com' || mediaPath.test(url.pathname))) {
      record.answeredBy = 'media';
      const img = syntheticImageFor(url);
      return {
        status: 200,
        headers: {
          'Content-Type': img.contentType,
          'Access-Control-Allow-Origin': '*',
          'Last-Modified': 'Fri, 24 Nov 2017 17:10:07 GMT',
          'Timing-Allow-Origin': '*',
        },
        body: img.body,
      };
    }
    if (!(knownHosts as readonly string[]).includes(host) && !pagesOnHost(host)) {
      record.answeredBy = 'unknown-host';
      return notFound();
    }
    if (host === 'twitter.com') {
      record.answeredBy = 'redirect';
      return { status: 301, headers: { Location: `https://x.com${url.pathname}${url.search}` } };
    } else if (host === 'example.org' && url.pathname === '/') {
      record.answeredBy = 'no-posts-page';
      return html(noPostsPage);
    } else if ((host === 'localhost' || host === '127.0.0.1') && url.pathname === '/') {
      record.answeredBy = 'index';
      return html(index);
    }
    record.answeredBy = 'not-found';
    return notFound();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'invalid'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RequestRecord = { method, host, path: url.pathname + url.search, time: Date.now(), status: 0, answeredBy: '' };
    requests.push(record);
    let r: RouteResponse;
    try {
      const body = await readBody(req);
      r = await answer({ url, host, method, body, req }, record);
    } catch (err) {
      r = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: `fixture server error: ${String(err)}\n` };
    }
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    const body = r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    record.status = r.status ?? 200;
    res.writeHead(record.status, {
      'Cache-Control': 'no-store',
      Date: new Date().toUTCString(),
      'Content-Length': String(body.length),
      ...r.headers,
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  const { key, cert } = createTestCertificate();
  const server: Server = createServer({ key, cert }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `https://127.0.0.1:${port}`,
    requests,
    use: (...more) => void extraRoutes.push(...more),
    resetRoutes: () => void (extraRoutes = []),
    clearRequests: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
