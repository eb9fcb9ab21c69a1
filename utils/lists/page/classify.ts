// What a page opened from a list shows, decided from the page alone (pure: a Document and its URL, no extension API):
// the HTTP status the site answered, a login wall in place of the post, and which of the page's posts the URL means.

/** The HTTP status of the page's own navigation (Resource Timing's responseStatus), when the browser tells it. */
export function navigationStatus(win: Pick<Window, 'performance'>): number | undefined {
  const entry = win.performance?.getEntriesByType?.('navigation')[0] as (PerformanceEntry & { responseStatus?: number }) | undefined;
  const status = entry?.responseStatus;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** A status that means the post is not there: deleted (404, 410) or withheld (451). */
export function notServedStatus(status: number | undefined): boolean {
  return status === 404 || status === 410 || status === 451;
}

/** Paths of the platforms' login pages (a post URL redirected there is behind a login wall). */
const LOGIN_PATH = /(^|\/)(login|log-in|signin|sign-in|sign_in|accounts\/login|i\/flow\/login|checkpoint)(\/|$|\?)/i;

/**
 * Why the page is a login wall, or undefined. Signs, any of: the URL is a login page; a form with a password field;
 * Instagram's logged-out app shell (a splash screen, the post only in the page's meta tags, no post shown).
 */
export function loginWall(doc: Document, url: URL, postCount: number): string | undefined {
  if (LOGIN_PATH.test(url.pathname)) return `The site sent PostProof to its login page (${url.pathname}).`;
  if (postCount > 0) return undefined;
  if (doc.querySelector('form input[type="password"]')) return 'The site shows a login form instead of the post.';
  if (/(^|\.)instagram\.com$/.test(url.hostname) && doc.querySelector('#splash-screen') && doc.querySelector('meta[property="og:url"], meta[property="og:title"]')) {
    return 'Instagram showed its logged-out page: the post is only behind a login.';
  }
  if (doc.documentElement.classList.contains('not-logged-in') && doc.querySelector('#splash-screen, [role="dialog"] input[name="username"]')) {
    return 'The site shows its logged-out page instead of the post.';
  }
  return undefined;
}

/**
 * A URL as a post's permalink is compared (kept small: this runs in every content script; the list's own duplicate
 * rule is utils/lists/parse.ts duplicateKey): host without www./mobile./m., twitter.com as x.com, Telegram's /s/ view,
 * no trailing slash, query or fragment, lower case.
 */
export function permalinkKey(text: string): string {
  try {
    const url = new URL(text);
    const host = url.hostname.replace(/^(www|mobile|m)\./, '').replace(/^twitter\.com$/, 'x.com').replace(/^telegram\.me$/, 't.me');
    const path = (host === 't.me' ? url.pathname.replace(/^\/s\//, '/') : url.pathname).replace(/\/+$/, '');
    return `${host}${path}`.toLowerCase();
  } catch {
    return text;
  }
}

/**
 * The page's post the URL means: its permalink is the URL, or its id is a segment of the URL's path; else the first
 * (`matched` false: the reply says so, as the post preserved may not be the one the URL named).
 */
export function focalPost<T>(posts: readonly T[], read: (post: T) => { id?: string; url?: string } | undefined, listUrl: string): { post: T; matched: boolean } | undefined {
  const wanted = permalinkKey(listUrl);
  let segments: string[] = [];
  try {
    segments = new URL(listUrl).pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s).toLowerCase());
  } catch {
    segments = [];
  }
  const records = posts.map((post) => {
    try {
      return read(post);
    } catch {
      return undefined;
    }
  });
  const byUrl = records.findIndex((r) => r?.url !== undefined && permalinkKey(r.url) === wanted);
  if (byUrl >= 0) return { post: posts[byUrl]!, matched: true };
  const byId = records.findIndex((r) => r?.id !== undefined && segments.includes(r.id.toLowerCase()));
  if (byId >= 0) return { post: posts[byId]!, matched: true };
  return posts.length > 0 ? { post: posts[0]!, matched: false } : undefined;
}
