// Full-text search over the postings built in capture-index.ts: each query word is a prefix, all words must match.
// Reads only the postings rows in the words' key ranges, never the captures themselves.
import type { PostProofDb } from './schema';
import { distinctTerms } from './search-text';

/**
 * Sequence numbers of the captures whose text, author name or handle hold a word starting with each word of `query`;
 * null for an empty query. A number whose capture is not in the store (none should be) simply matches no row.
 */
export async function searchCaptures(db: PostProofDb, query: string): Promise<Set<number> | null> {
  // Longest first: the most selective range is read first, and the rest only narrow it.
  const words = distinctTerms([query]).sort((a, b) => b.length - a.length);
  if (words.length === 0) return null;
  let matches: Set<number> | undefined;
  const tx = db.transaction('searchPostings');
  for (const word of words) {
    const rows = await tx.store.getAll(IDBKeyRange.bound([word], [`${word}\uffff`], false, true));
    const found = new Set<number>();
    for (const { sequences } of rows) for (const sequence of sequences) if (!matches || matches.has(sequence)) found.add(sequence);
    matches = found;
    if (matches.size === 0) break;
  }
  return matches ?? new Set();
}
