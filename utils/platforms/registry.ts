// The platform adapter registry: each adapter file registers itself here; the content script only knows this module.
import type { PlatformName, PostRecord } from '../model';

export interface PlatformAdapter {
  name: PlatformName;
  matches(url: URL): boolean;
  /** Selects every post element on the platform's pages, timelines included. */
  postSelector: string;
  extract(post: Element, pageUrl: URL): PostRecord;
  /**
   * For platforms that run on any host (Mastodon instances): a CSS selector that matches only on the platform's
   * pages. A selector rather than a function, so the popup can test a tab with it before any script is injected (it
   * reads it from the table in hosts.ts, which loads no adapter).
   */
  detectSelector?: string;
  /**
   * The platform's rule tying a stream URL the page loaded to one video of this post (shown as `videoUrl`, a blob:
   * URL): a test that accepts only that video's own stream URLs, or undefined when nothing on the post identifies the
   * video. Without a rule, no stream is ever taken for a blob: video (utils/capture/page/streams.ts).
   */
  streamMatcher?(post: Element, videoUrl: string, pageUrl: URL): ((streamUrl: string) => boolean) | undefined;
  /**
   * What a URL of the platform opens: one post, an account's profile (its timeline or header), or neither (search,
   * settings, a route the adapter does not know). Read from the URL alone, before any page is loaded.
   */
  urlKind?(url: URL): 'post' | 'profile' | undefined;
  /**
   * The account's profile as the page shows it, on a profile page: a record of kind `profile` (author, url = the
   * profile URL, `profile` fields, avatar and banner in `media` at the best resolution served), or undefined when the
   * page shows no profile header. Counts are the page's own words.
   */
  readProfile?(doc: Document, pageUrl: URL): PostRecord | undefined;
  /** The element that draws the profile header (what a profile capture snapshots and screenshots). */
  profileElement?(doc: Document): Element | undefined;
}

/** Fields without which a record cannot serve as evidence of this platform's post. */
export type RequiredField = 'url' | 'author';

const adapters: PlatformAdapter[] = [];

export function registerAdapter(adapter: PlatformAdapter): void {
  if (adapters.some((registered) => registered.name === adapter.name)) {
    throw new Error(`A platform adapter named "${adapter.name}" is already registered.`);
  }
  adapters.push(adapter);
}

export function adapterForUrl(url: URL): PlatformAdapter | undefined {
  return adapters.find((adapter) => adapter.matches(url));
}

/** The adapter for a page: one that claims the host first, else one whose page structure the document shows. */
export function adapterForPage(url: URL, document: ParentNode): PlatformAdapter | undefined {
  return adapterForUrl(url) ?? structuralAdapters().find((adapter) => document.querySelector(adapter.detectSelector!) !== null);
}

/** Adapters found by page structure rather than by host. */
export function structuralAdapters(): readonly PlatformAdapter[] {
  return adapters.filter((adapter) => adapter.detectSelector !== undefined);
}

export function allAdapters(): readonly PlatformAdapter[] {
  return adapters;
}

/**
 * The last step of every adapter's extract. Drops fields left undefined (unknown fields stay absent in
 * capture.json), then downgrades a record whose required fields are missing to `generic` and names them, so a
 * changed layout shows up in the capture instead of passing as a complete post. Values are never filled in.
 */
export function finalizePost(record: PostRecord, required: readonly RequiredField[]): PostRecord {
  const author = record.author && withoutUndefined(record.author);
  const post = withoutUndefined({ ...record, author: author && Object.keys(author).length > 0 ? author : undefined });
  const missingFields = required.filter((field) => !hasField(post, field));
  if (missingFields.length === 0) return post;
  return { ...post, platform: 'generic', missingFields };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function hasField(record: PostRecord, field: RequiredField): boolean {
  if (field === 'url') return Boolean(record.url);
  // A display name alone identifies no account: the author counts only with a handle, id or profile URL.
  const author = record.author;
  return Boolean(author && (author.handle || author.id || author.url));
}
