// Which posts the store holds already, by platform and post id: a batch captures each post once, across runs.
import type { PlatformName } from '../model';
import { findCaptureByPost } from '../store/capture-index';
import type { PostProofDb } from '../store/db';
import { parsePostKey } from './state';

export async function knownPostKeys(db: PostProofDb, keys: readonly string[]): Promise<string[]> {
  const known: string[] = [];
  for (const key of keys) {
    const post = parsePostKey(key);
    if (post && (await findCaptureByPost(db, post.platform as PlatformName, post.id))) known.push(key);
  }
  return known;
}
