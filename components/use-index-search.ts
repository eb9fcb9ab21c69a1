// Search as you type, through the index: every change of the query is searched, with no pause, but only one search
// runs at a time. While one runs, the newest query waits and the ones typed in between are never searched, so fast
// typing costs at most one search behind the keys, and an older answer never replaces a newer one.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../utils/error-message';

export interface IndexSearchResult {
  /** The query these hits answer ('' before the first answer). */
  query: string;
  /** Sequence numbers of the captures that match; null for "no search" (an empty query, or the index could not be read). */
  hits: ReadonlySet<number> | null;
  /** Why the index could not be read for this query. */
  error?: string;
}

/** The index search: sequence numbers of the captures that match `query`, null for an empty query. */
export type SearchFn = (query: string) => Promise<ReadonlySet<number> | null>;

/**
 * `search` is undefined until the store is open. A new `generation` (new captures) searches the current query again.
 */
export function useIndexSearch(search: SearchFn | undefined, query: string, generation: unknown): IndexSearchResult {
  const [result, setResult] = useState<IndexSearchResult>({ query: '', hits: null });
  const waiting = useRef<string | undefined>(undefined);
  const running = useRef(false);

  // A layout effect: the search starts as the typed letter is rendered, not a frame later.
  useLayoutEffect(() => {
    if (!search) return;
    waiting.current = query;
    if (running.current) return;
    running.current = true;
    void (async () => {
      while (waiting.current !== undefined) {
        const next = waiting.current;
        waiting.current = undefined;
        let answer: IndexSearchResult;
        try {
          answer = { query: next, hits: await search(next) };
        } catch (failure) {
          answer = { query: next, hits: null, error: errorMessage(failure) };
        }
        // Shown unless another query came in meanwhile (that one is searched next). The same query asked again (new
        // captures arrived) is still shown now, and refreshed by the next search.
        if (waiting.current === undefined || waiting.current === next) setResult(answer);
      }
      running.current = false;
    })();
  }, [search, query, generation]);

  return result;
}
