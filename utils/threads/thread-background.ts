// The background's side of "Preserve thread": the content script (utils/threads/page/) has captured the members one by
// one as ordinary captures and sends `postproof/thread-save`; this checks who sent it and what it says, by the same
// rules as a capture message (utils/capture/worker/refusal.ts, message-guards.ts), then builds, signs and keeps the
// thread record (thread-record.ts). Saves run one at a time, so two threads never race for a member's custody log.
import { webOrigin } from '../extension/site-access';
import { contentScriptOrigin, originMatchesPattern, type SenderLike } from '../capture/worker/message-guards';
import type { SenderCheckApi } from '../capture/worker/refusal';
import { CaptureQueue } from '../capture/worker/queue';
import { whenStoreOpen, type PostProofDb, type StoredKey } from '../store/db';
import { isObject } from '../evidence/record-shapes';
import { THREAD_LIMITS } from '../evidence/thread-shape';
import { isThreadSaveMessage, type ThreadSaveMessage, type ThreadSaveReply } from './messages';
import { saveThread } from './thread-record';

export interface ThreadBackgroundDeps {
  db: Promise<PostProofDb>;
  key(db: PostProofDb): Promise<StoredKey>;
  senders: SenderCheckApi;
  software: string;
  now?: () => Date;
  newId?: () => string;
  /** After a thread is kept. */
  onSaved?(threadId: string): void;
}

const PLATFORMS = ['x', 'bluesky', 'mastodon', 'telegram', 'facebook', 'instagram', 'reddit', 'youtube', 'tiktok', 'generic'];
const ROLES = ['focal', 'author-thread', 'reply'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isText = (value: unknown, max: number = THREAD_LIMITS.text) => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isOptionalText = (value: unknown, max?: number) => value === undefined || isText(value, max);

/** Why `message` is not a well-formed thread-save message (the field that fails), or null. */
export function threadMessageProblem(message: unknown): string | null {
  const malformed = (what: string) => `the postproof/thread-save message is malformed (${what})`;
  if (!isObject(message)) return malformed('not an object');
  if (!PLATFORMS.includes(message.platform as string)) return malformed('platform');
  const page = message.page;
  if (!isObject(page) || !isText(page.url) || !isText(page.title)) return malformed('page');
  const scope = message.scope;
  if (!isObject(scope) || typeof scope.authorThread !== 'boolean' || !isCount(scope.replyLimit)) return malformed('scope');
  const members = message.members;
  if (!Array.isArray(members) || members.length > THREAD_LIMITS.members) return malformed('members');
  if (members.length === 0) return 'The thread has no members: nothing of it was captured, so no thread was kept.';
  for (const [index, member] of members.entries()) {
    const fails =
      !isObject(member) ||
      !ROLES.includes(member.role as string) ||
      (member.captureId !== undefined && !(typeof member.captureId === 'string' && UUID.test(member.captureId))) ||
      !isOptionalText(member.postId, 200) ||
      !isOptionalText(member.url) ||
      (member.captureId === undefined && (member.postId === undefined || member.postId === ''));
    if (fails) return malformed(`members.${index}`);
  }
  const counts = message.counts;
  if (!isObject(counts) || !(counts.repliesCounted === null || isCount(counts.repliesCounted))) return malformed('counts');
  for (const field of ['repliesShown', 'repliesCaptured', 'authorPostsShown', 'authorPostsCaptured']) if (!isCount(counts[field])) return malformed(`counts.${field}`);
  const failed = message.failed;
  if (!Array.isArray(failed) || failed.length > THREAD_LIMITS.failed) return malformed('failed');
  for (const [index, entry] of failed.entries()) {
    if (!isObject(entry) || !ROLES.includes(entry.role as string) || !isText(entry.reason) || !isOptionalText(entry.postId, 200) || !isOptionalText(entry.url)) {
      return malformed(`failed.${index}`);
    }
  }
  return null;
}

/**
 * Why a thread-save from `sender` must be refused, or null: as for a capture, only this extension's content script in
 * a tab, on an origin it may run on (the manifest's hosts, an opted-in origin, or a tab it was injected into by a
 * gesture), and naming the page it came from.
 */
export async function threadSenderProblem(message: ThreadSaveMessage, sender: SenderLike, api: SenderCheckApi): Promise<string | null> {
  const origin = contentScriptOrigin(sender, api.runtimeId);
  if (!origin) return 'PostProof keeps threads only from its own content script in a web page.';
  if (webOrigin(message.page.url) !== origin) return 'The thread names another page than the one it came from, so it was refused.';
  if (api.matches().some((pattern) => originMatchesPattern(origin, pattern)) || (await api.siteOrigins()).includes(origin)) return null;
  if (sender.tab?.id !== undefined && (await api.frameOrigin(sender.tab.id, sender.frameId ?? 0).catch(() => undefined)) === origin) return null;
  return `PostProof does not run on ${origin}, so a thread from it was refused.`;
}

/** The listener: answers thread-save messages, leaves every other message to other listeners. */
export function threadBackground(deps: ThreadBackgroundDeps): (message: unknown, sender: SenderLike) => Promise<ThreadSaveReply> | undefined {
  const queue = new CaptureQueue();
  async function handle(message: unknown, sender: SenderLike): Promise<ThreadSaveReply> {
    const problem = threadMessageProblem(message) ?? (await threadSenderProblem(message as ThreadSaveMessage, sender, deps.senders));
    if (problem) return { ok: false, message: problem };
    return queue.run(async () => {
      const db = await deps.db;
      await whenStoreOpen(db);
      const reply = await saveThread(message as ThreadSaveMessage, {
        db,
        key: await deps.key(db),
        software: deps.software,
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.newId ? { newId: deps.newId } : {}),
      });
      if (reply.ok) deps.onSaved?.(reply.threadId);
      return reply;
    });
  }
  return (message, sender) => {
    if (!isThreadSaveMessage(message)) return undefined;
    return handle(message, sender).catch((error: unknown): ThreadSaveReply => ({ ok: false, message: `PostProof failed unexpectedly while keeping the thread: ${error instanceof Error ? error.message : String(error)}` }));
  };
}
