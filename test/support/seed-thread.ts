// Runs INSIDE an extension page (bundled by thread-seeder.ts and evaluated there by the test): captures posts with the
// real pipeline and keeps them as a thread with the real thread code (utils/threads/thread-record.ts), in the
// extension's own store, signed by its own key. What the content script's "Preserve thread" ends in, without a page.
import { preservePost } from '../../utils/capture/worker/pipeline';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import { openPostProofDb } from '../../utils/store/db';
import type { ThreadMemberRequest } from '../../utils/threads/messages';
import { saveThread } from '../../utils/threads/thread-record';

export interface SeedThreadOptions {
  /** Post ids, in page order: the first is the focal post, the rest replies. */
  postIds: string[];
  screenshot: number[];
  repliesCounted: number | null;
}

async function seedThread(options: SeedThreadOptions): Promise<{ ids: string[]; threadId: string }> {
  const db = await openPostProofDb();
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (const [n, postId] of options.postIds.entries()) {
    const url = `https://bsky.app/profile/someone.bsky.social/post/${postId}`;
    const made = await preservePost(
      {
        post: { platform: 'bluesky', id: postId, url, author: { name: n === 0 ? 'Focal Author' : `Replier ${n}`, handle: `person${n}.bsky.social`, url: 'https://bsky.app/profile/x' }, text: n === 0 ? 'The post of the thread' : `Reply number ${n}` },
        snapshotHtml: `<!doctype html><p dir="auto">post ${postId}</p>`,
        rect: { x: 0, y: 0, width: 64, height: 48 },
        viewport: { width: 1280, height: 720, devicePixelRatio: 1 },
        page: { url, title: 'Bluesky' },
        locale: 'en-US',
        timeZone: 'UTC',
        userAgent: navigator.userAgent,
      },
      { data: new Uint8Array(options.screenshot), clipped: false },
      { db, key, software: 'PostProof seed', fetch: () => Promise.reject(new Error('no media')) },
    );
    if (!made.ok) throw new Error(made.message);
    ids.push(made.captureId);
  }
  const members = ids.map((captureId, n): ThreadMemberRequest => ({ role: n === 0 ? 'focal' : 'reply', captureId, postId: options.postIds[n]! }));
  const replies = members.length - 1;
  const saved = await saveThread(
    {
      type: 'postproof/thread-save',
      platform: 'bluesky',
      page: { url: `https://bsky.app/profile/someone.bsky.social/post/${options.postIds[0]}`, title: 'Bluesky' },
      scope: { authorThread: true, replyLimit: 100 },
      members,
      counts: { repliesCounted: options.repliesCounted, repliesShown: replies, repliesCaptured: replies, authorPostsShown: 1, authorPostsCaptured: 1 },
      failed: [],
    },
    { db, key, software: 'PostProof seed' },
  );
  db.close();
  if (!saved.ok) throw new Error(saved.message);
  return { ids, threadId: saved.threadId };
}

(globalThis as { postproofSeedThread?: typeof seedThread }).postproofSeedThread = seedThread;
