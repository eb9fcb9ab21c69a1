// Tests name captures by id; the search answers with sequence numbers. This maps one to the other through the
// listing rows, as the dashboard does.
import { listListings } from '../../utils/store/capture-index';
import type { PostProofDb } from '../../utils/store/db';
import { searchCaptures } from '../../utils/store/search';

export async function searchIds(db: PostProofDb, query: string): Promise<Set<string> | null> {
  const sequences = await searchCaptures(db, query);
  if (!sequences) return null;
  return new Set((await listListings(db)).filter((row) => sequences.has(row.sequence)).map((row) => row.id));
}
