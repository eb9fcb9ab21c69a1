// Who may talk to the background and what they may say: sender checks, a shape validator per message type, and
// the check on every URL a page hands over for fetching. Pages are hostile; a compromised renderer can send anything.
import type { BackgroundMessage } from '../protocol';
import { CAPTURE_LINK_KINDS } from '../../model';
import { webOrigin } from '../../extension/site-access';

/** The parts of runtime.MessageSender the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * A page of this extension (popup, dashboard, options): same extension id and an URL under its own origin. The
 * dashboard and options pages live in tabs, so a tab is no sign of a content script; the URL is.
 */
export function isOwnExtensionPage(sender: SenderLike, runtimeId: string, extensionOrigin: string): boolean {
  return sender.id === runtimeId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** The http(s) origin of a content script of this extension running in a tab, or undefined for any other sender. */
export function contentScriptOrigin(sender: SenderLike, runtimeId: string): string | undefined {
  if (sender.id !== runtimeId || sender.tab?.id === undefined) return undefined;
  return webOrigin(sender.url);
}

/** Whether `origin` is matched by a manifest pattern of the form `https://host/*` or `https://*.host/*`. */
export function originMatchesPattern(origin: string, pattern: string): boolean {
  const match = /^(https?|\*):\/\/(\*\.)?([^/*]+)\/\*$/.exec(pattern);
  if (!match) return false;
  const url = new URL(origin);
  const [, scheme, anySub, host] = match;
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  return url.hostname === host || (anySub !== undefined && url.hostname.endsWith(`.${host}`));
}

const MAX_TEXT = 10_000;
const MAX_SNAPSHOT_CHARS = 64 * 1024 * 1024;
const MAX_MEDIA_REFS = 1_000;

/** A field check: null when the value passes, else the name of the field (path) that fails. */
type Check = (value: unknown) => string | null;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const test = (ok: (value: unknown) => boolean): Check => (value) => (ok(value) ? null : '');
const finite = test((value) => typeof value === 'number' && Number.isFinite(value));
const boolean = test((value) => typeof value === 'boolean');
const text = (max = MAX_TEXT): Check => test((value) => typeof value === 'string' && value.length <= max);
const optional = (check: Check): Check => (value) => (value === undefined ? null : check(value));
const shape = (fields: Record<string, Check>): Check => (value) => {
  if (!isObject(value)) return '';
  for (const [name, check] of Object.entries(fields)) {
    const failed = check(value[name]);
    if (failed !== null) return failed ? `${name}.${failed}` : name;
  }
  return null;
};
const list = (max: number, item: Check): Check => (value) => {
  if (!Array.isArray(value) || value.length > max) return '';
  const index = value.findIndex((entry) => item(entry) !== null);
  return index < 0 ? null : String(index);
};
const rect = shape({ x: finite, y: finite, width: finite, height: finite });
const uuid = test((value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(value));

const mediaRef = shape({ kind: text(40), url: text(8_192) });
const postRecord = shape({ platform: text(100), media: optional(list(MAX_MEDIA_REFS, mediaRef)) });
const captureRequest = shape({
  post: postRecord,
  snapshotHtml: text(MAX_SNAPSHOT_CHARS),
  rect,
  viewport: shape({ width: finite, height: finite, devicePixelRatio: finite }),
  page: shape({ url: text(8_192), title: text() }),
  locale: text(100),
  timeZone: text(100),
  userAgent: text(),
  streams: optional(list(MAX_MEDIA_REFS, shape({ mediaUrl: text(8_192), streamUrl: optional(text(8_192)), untied: finite }))),
  // Only the id and kind: the linked capture's hash is read from the store, whatever else the page sends.
  linkedFrom: optional(shape({ captureId: uuid, kind: test((value) => (CAPTURE_LINK_KINDS as readonly unknown[]).includes(value)) })),
});
const screenshotReply: Check = (value) =>
  isObject(value) && value.ok === true ? text(200)(value.token) && 'token' : isObject(value) && value.ok === false ? text()(value.reason) && 'reason' : '';

const VALIDATORS: Record<BackgroundMessage['type'], Check> = {
  'postproof/screenshot': shape({ rect, viewportWidth: finite }),
  'postproof/screenshot-slice': shape({
    session: text(200),
    rect,
    rows: shape({ from: finite, to: finite }),
    height: finite,
    viewportWidth: finite,
    capped: optional(boolean),
    last: boolean,
  }),
  'postproof/capture': shape({ request: captureRequest, screenshot: screenshotReply, progressId: optional(text(200)), captureId: optional(uuid), wholePage: optional(boolean) }),
  'postproof/capture-status': shape({ captureId: uuid }),
};

/** Why `message` is not a well-formed background message, or null when it is one. */
export function backgroundMessageProblem(message: unknown): string | null {
  if (!isObject(message) || typeof message.type !== 'string') return 'the message has no type';
  const validate = VALIDATORS[message.type as BackgroundMessage['type']];
  if (!validate) return `unknown message type ${JSON.stringify(message.type.slice(0, 60))}`;
  const failed = validate(message);
  return failed === null ? null : `the ${message.type} message is malformed (${failed || 'not an object'})`;
}

/** Where the content script may run: the manifest's platform hosts, and the origins the user opted in to. */
export interface ContentScriptScope {
  matches: readonly string[];
  siteOrigins: readonly string[];
  /** Asked last: whether the extension was granted this tab by a gesture (activeTab) and so may have injected there. */
  injected?: (tabId: number, origin: string) => Promise<boolean>;
}

/**
 * Why the background must refuse `message` from `sender`, or null to accept it. Background messages come only from
 * this extension's content script, in a tab whose origin it may run on or was injected into, and a capture must be
 * of the page that sent it.
 */
export async function senderProblem(message: BackgroundMessage, sender: SenderLike, runtimeId: string, scope: ContentScriptScope): Promise<string | null> {
  const origin = contentScriptOrigin(sender, runtimeId);
  if (!origin) return 'PostProof accepts captures only from its own content script in a web page.';
  if (message.type === 'postproof/capture' && webOrigin(message.request.page.url) !== origin) {
    return 'The capture names another page than the one it came from, so it was refused.';
  }
  if (scope.matches.some((pattern) => originMatchesPattern(origin, pattern)) || scope.siteOrigins.includes(origin)) return null;
  if (scope.injected && sender.tab?.id !== undefined && (await scope.injected(sender.tab.id, origin).catch(() => false))) return null;
  return `PostProof does not run on ${origin}, so a capture from it was refused.`;
}

/** Host names that lead into the user's own machine or network, never to a platform's media. */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa')) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host.replace(/^::ffff:/, ''));
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (host.includes(':')) {
    // IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10), and IPv4-mapped forms.
    return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  }
  return false;
}

/**
 * Why the background must not fetch `url` for a capture of `pageUrl`, or null when it may: only http(s), no
 * credentials in the URL, and no host on the user's own machine or network unless the page itself is on that host.
 * The capture pipeline always names the page; without one (a caller fetching on its own behalf) only the scheme
 * and credentials are checked.
 */
export function mediaUrlProblem(url: string, pageUrl: string | undefined): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `only http(s) media is fetched, not ${parsed.protocol} URLs`;
  if (parsed.username || parsed.password) return 'the URL carries a user name or password';
  if (pageUrl !== undefined && isPrivateHost(parsed.hostname)) {
    let pageHost: string | undefined;
    try {
      pageHost = new URL(pageUrl).hostname;
    } catch {
      pageHost = undefined;
    }
    if (pageHost !== parsed.hostname) return `${parsed.hostname} is a local or private address, and the post is not on it`;
  }
  return null;
}
