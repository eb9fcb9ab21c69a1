// Captures and threads made by the real pipeline and the real thread background, for unit tests of what sits on them
// (the record, the store, the bundle and WACZ writers and verifiers): signed records in a fake-indexeddb store.
import { preservePost } from '../../utils/capture/worker/pipeline';
import type { CaptureRequest, PlatformName, ThreadRecord } from '../../utils/model';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import type { PostProofDb, StoredKey } from '../../utils/store/db';
import { getThread } from '../../utils/store/threads';
import type { ThreadMemberRequest, ThreadSaveMessage } from '../../utils/threads/messages';
import { saveThread } from '../../utils/threads/thread-record';
import { sampleCaptureRequest, sampleScreenshot } from './capture-request';

/** A post of `platform` with id `postId`, on its own permalink page. */
export function postRequest(postId: string, platform: PlatformName = 'bluesky', text = `post ${postId}`): CaptureRequest {
  const base = sampleCaptureRequest(text);
  const url = `https://bsky.app/profile/someone.bsky.social/post/${postId}`;
  return { ...base, post: { ...base.post, platform, id: postId, url }, page: { url, title: `post ${postId}` } };
}

/** Captures each post id in turn with the real pipeline; their capture ids, in order. */
export async function capturePosts(db: PostProofDb, postIds: readonly string[], platform: PlatformName = 'bluesky'): Promise<string[]> {
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (const postId of postIds) {
    const reply = await preservePost(postRequest(postId, platform), sampleScreenshot, { db, key, software: 'PostProof test', fetch });
    if (!reply.ok) throw new Error(`capture of ${postId} failed: ${reply.message}`);
    ids.push(reply.captureId);
  }
  return ids;
}

/** A thread-save message as the page sends it: the first member focal, the rest replies unless roles say otherwise. */
export function threadMessage(members: ThreadMemberRequest[], overrides: Partial<ThreadSaveMessage> = {}): ThreadSaveMessage {
  const replies = members.filter((member) => member.role === 'reply').length;
  return {
    type: 'postproof/thread-save',
    platform: 'bluesky',
    page: { url: 'https://bsky.app/profile/someone.bsky.social/post/p0', title: 'thread' },
    scope: { authorThread: true, replyLimit: 100 },
    members,
    counts: { repliesCounted: replies + 2, repliesShown: replies, repliesCaptured: replies, authorPostsShown: members.length - replies, authorPostsCaptured: members.length - replies },
    failed: [],
    ...overrides,
  };
}

/** Captures `postIds` (the first focal, then `authorPosts` author-thread posts, then replies) and keeps them as a thread. */
export async function makeThread(db: PostProofDb, postIds: readonly string[], authorPosts = 0): Promise<{ threadId: string; record: ThreadRecord; captureIds: string[]; key: StoredKey }> {
  const captureIds = await capturePosts(db, postIds);
  const members = captureIds.map((captureId, n): ThreadMemberRequest => ({ role: n === 0 ? 'focal' : n <= authorPosts ? 'author-thread' : 'reply', captureId, postId: postIds[n]! }));
  const key = await getOrCreateInstallKey(db);
  const reply = await saveThread(threadMessage(members), { db, key, software: 'PostProof test' });
  if (!reply.ok) throw new Error(`thread not kept: ${reply.message}`);
  const row = await getThread(db, reply.threadId);
  return { threadId: reply.threadId, record: JSON.parse(new TextDecoder().decode(row!.recordBytes)) as ThreadRecord, captureIds, key };
}
