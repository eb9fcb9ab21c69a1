// pages/pages.jsonl (FORMATS.md §1.3): the header line, then one page per capture, at the post's permalink.

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

export function pagesJsonl(pages: readonly WaczPage[]): string {
  return [PAGES_HEADER, ...pages].map((line) => `${JSON.stringify(line)}\n`).join('');
}

/** The pages of a pages.jsonl, and what is wrong with it (a missing header makes wabac drop the first page). */
export function parsePages(text: string): { pages: WaczPage[]; problems: string[] } {
  const lines = text.split('\n').filter((line) => line !== '');
  const parsed = lines.map((line) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return undefined;
    }
  });
  const problems: string[] = [];
  const header = parsed[0] as { format?: unknown } | undefined;
  if (header?.format !== PAGES_HEADER.format) problems.push(`Line 1 is not the "${PAGES_HEADER.format}" header: ReplayWeb.page would drop the first page.`);
  const pages: WaczPage[] = [];
  for (const [index, value] of parsed.entries()) {
    if (index === 0) continue;
    const page = value as Partial<WaczPage> | undefined;
    if (typeof page?.url !== 'string' || typeof page.ts !== 'string') {
      problems.push(`Line ${index + 1} is not a page (it needs "url" and "ts").`);
      continue;
    }
    pages.push(page as WaczPage);
  }
  return { pages, problems };
}
