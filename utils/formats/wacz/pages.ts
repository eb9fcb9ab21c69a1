// pages/pages.jsonl (FORMATS.md §1.3) and the words datapackage.json gives the package: the header line, then one
// page per capture at the post's permalink, and a title and description listing the captures. All of it is made
// from the signed capture records alone, so the verifier makes it again and requires the same bytes.

import type { CaptureRecord } from '../../model';
import { authorLabel } from '../../evidence/capture-summary';
import { capturePageUrl } from './capture-targets';
import { PAGES_HEADER } from './layout';

export interface WaczPage {
  /** The capture id: records carry it as WARC-Page-ID. */
  id: string;
  url: string;
  /** RFC 3339. */
  ts: string;
  title: string;
  text?: string;
}

/** What a page and the package's description say of one capture, all from its signed record. */
export interface PageFields {
  id: string;
  capturedAt: string;
  permalink?: string;
  pageUrl: string;
  authorName?: string;
  authorHandle?: string;
  text?: string;
}

/** The fields of a signed record (which a key holder may have shaped oddly: anything not a string is left out). */
export function pageFieldsOf(record: CaptureRecord): PageFields {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const post = record.post as Partial<CaptureRecord['post']> | undefined;
  const fields: PageFields = { id: record.id, capturedAt: record.capturedAt, pageUrl: text(record.page?.url) ?? '' };
  const permalink = text(post?.url);
  const authorName = text(post?.author?.name);
  const authorHandle = text(post?.author?.handle);
  const body = text(post?.text);
  return { ...fields, ...(permalink !== undefined ? { permalink } : {}), ...(authorName !== undefined ? { authorName } : {}), ...(authorHandle !== undefined ? { authorHandle } : {}), ...(body !== undefined ? { text: body } : {}) };
}

const TITLE_TEXT_LENGTH = 80;

function pageTitle(capture: PageFields): string {
  const author = authorLabel(capture.authorName, capture.authorHandle);
  const text = (capture.text ?? '').replace(/\s+/g, ' ').trim();
  const short = text.length > TITLE_TEXT_LENGTH ? `${text.slice(0, TITLE_TEXT_LENGTH - 1)}…` : text;
  return [author, short].filter(Boolean).join(': ') || capturePageUrl(capture);
}

export function capturePage(capture: PageFields): WaczPage {
  return { id: capture.id, url: capturePageUrl(capture), ts: capture.capturedAt, title: pageTitle(capture), ...(capture.text ? { text: capture.text } : {}) };
}

export function pagesJsonl(pages: readonly WaczPage[]): string {
  return [PAGES_HEADER, ...pages].map((line) => `${JSON.stringify(line)}\n`).join('');
}

/** datapackage.json's title and description for these captures, in WACZ order. */
export function packageWords(captures: readonly PageFields[]): { title: string; description: string } {
  const first = captures[0];
  const title = captures.length === 1 && first ? `PostProof capture: ${capturePage(first).title}` : `PostProof: ${captures.length} captures`;
  const lines = captures.map((c) => `- ${c.permalink ?? c.pageUrl} (captured ${c.capturedAt}, capture ${c.id})`);
  const description = `Posts preserved as evidence with PostProof. Each capture's signed record is in the WARC at metadata://postproof/<capture id>; see VERIFY.txt.\n\n${lines.join('\n')}`;
  return { title, description };
}
