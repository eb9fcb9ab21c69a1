// The shape of an adapter's fixture: a saved page and the record it must yield. Test-only, like the fixtures.
import type { PostRecord } from '../model';

/** A saved real page an adapter must read, with the record it must extract from the page's first post. */
export interface AdapterFixture {
  /** Folder under the shared fixture corpus (`../shared/fixtures/pages/<folder>/`), or `local:<path>` for a small
   *  fixture of our own under test/fixtures/ (only where the corpus has no page of that platform; say why). */
  folder: string;
  file: string;
  /** The URL the page was served from, passed to `extract` as the page URL. */
  url: string;
  /** What kind of page it is, for the README table: "status page", "channel", "thread", "logged-out shell", ... */
  pageType: string;
  /** How many posts the adapter must find on the page (0 for shells and pages with no rendered post). */
  posts: number;
  /** The whole record expected from the first (focal) post; absent when `posts` is 0. Read by hand from the page. */
  expected?: PostRecord;
  /** Fields of `expected` the adapter does not read right yet, each with the reason. They count against the score. */
  knownGaps?: Partial<Record<keyof PostRecord, string>>;
}
