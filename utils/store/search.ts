// Full-text search over the index built in capture-index.ts: each query word is a prefix, all words must match.
// Reads only index keys in the words' key ranges, never the captures themselves.
import type { PostProofDb } from './db';
import { distinctTerms } from './search-text';

/** Ids of the captures whose text, author name or handle hold a word starting with each word of `query`; null for an empty query. */
export async function searchCaptureIds(db: PostProofDb, query: string): Promise<Set<string> | null> {
  // Longest first: the most selective range is read first, and the rest only narrow it.
  const words = distinctTerms([query]).sort((a, b) => b.length - a.length);
  if (words.length === 0) return null;
  let matches: Set<string> | undefined;
  const tx = db.transaction('searchTerms');
  for (const word of words) {
    const keys = await tx.store.getAllKeys(IDBKeyRange.bound([word], [`${word}\uffff`], false, true));
    const found = new Set<string>();
    for (const [, captureId] of keys) if (!matches || matches.has(captureId)) found.add(captureId);
    matches = found;
    if (matches.size === 0) break;
  }
  return matches ?? new Set();
}
