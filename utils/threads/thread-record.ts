// Building a thread record (threads/<id>/thread.json) from the page's request and the store: the members are looked
// up in the store, never taken on the page's word. A member captured now names its capture, which must be this
// install's own capture of that post; a member captured before names only its post, and the store's earliest capture
// of it is listed (marked `earlier`). Every member's capture.json SHA-256 comes from the store. Then the exact bytes
// are signed with the install key and kept with a "threaded" line in each member's custody log, in one transaction.
import { SIGNATURE_ALGORITHM, THREAD_FORMAT, type CaptureRecord, type ThreadMember, type ThreadRecord } from '../model';
import { signDer } from '../provenance/ecdsa';
import { sha256Hex, utf8 } from '../provenance/hash';
import { getCapture } from '../store/captures';
import { isConstraintError, nextCustodyLine } from '../store/custody-log';
import type { PostProofDb, StoredKey } from '../store/db';
import type { StoredCapture, StoredThread } from '../store/rows';
import { commitThread } from '../store/threads';
import { duplicateMemberProblem, threadCountsProblem, threadRecordProblem } from '../evidence/thread-shape';
import type { ThreadMemberRequest, ThreadSaveMessage, ThreadSaveReply } from './messages';

export interface ThreadDeps {
  db: PostProofDb;
  key: StoredKey;
  /** The software string of every record (utils/extension/software.ts). */
  software: string;
  now?: () => Date;
  newId?: () => string;
}

/** A request the background refuses, with the message the page shows. */
export class ThreadRefusal extends Error {}

const COMMIT_ATTEMPTS = 5;

/** Serialized exactly once: these bytes are hashed, signed, kept and exported (as capture.json is). */
export function serializeThread(record: ThreadRecord): Uint8Array {
  return utf8(`${JSON.stringify(record, null, 2)}\n`);
}

function parseRecord(row: StoredCapture): CaptureRecord | null {
  try {
    return JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord;
  } catch {
    return null;
  }
}

/** Member n of the request, as the refusals name it. */
function named(index: number, request: ThreadMemberRequest): string {
  const what = request.captureId ? `capture ${request.captureId}` : `post ${request.postId}`;
  return `Member ${index + 1} (${what})`;
}

/** The store's earliest capture of a post by this install: not an imported one, not a profile or a grid tile. */
async function earliestCaptureOf(db: PostProofDb, platform: ThreadSaveMessage['platform'], postId: string): Promise<StoredCapture | undefined> {
  const listings = await db.getAllFromIndex('listings', 'byPost', [platform, postId]);
  const own = listings.filter((row) => row.foreignKeyId === undefined && row.kind === undefined && row.sequence > 0).sort((a, b) => a.sequence - b.sequence);
  for (const listing of own) {
    const row = await getCapture(db, listing.id);
    if (row && !row.foreignSigner) return row;
  }
  return undefined;
}

/** One member as the store holds it, or a refusal naming it. */
async function resolveMember(db: PostProofDb, message: ThreadSaveMessage, request: ThreadMemberRequest, index: number): Promise<ThreadMember> {
  const label = named(index, request);
  let row: StoredCapture | undefined;
  if (request.captureId !== undefined) {
    row = await getCapture(db, request.captureId);
    if (!row) throw new ThreadRefusal(`${label} is not in PostProof's store, so the thread was not kept.`);
    if (row.foreignSigner) throw new ThreadRefusal(`${label} was imported from another install's bundle: a thread lists only this install's own captures.`);
  } else {
    row = await earliestCaptureOf(db, message.platform, request.postId!);
    if (!row) throw new ThreadRefusal(`${label} was never captured here, so the thread cannot list it.`);
  }
  const record = parseRecord(row);
  const post = record?.post;
  if (!post || post.platform !== message.platform) throw new ThreadRefusal(`${label} is not a ${message.platform} post, so it cannot be in this thread.`);
  if (request.postId !== undefined && post.id !== request.postId) {
    throw new ThreadRefusal(`${label} is a capture of post ${String(post.id)}, not of post ${request.postId}, so the thread was not kept.`);
  }
  const postId = post.id ?? request.postId;
  const url = post.url || request.url;
  return {
    captureId: row.id,
    captureSha256: row.recordSha256,
    role: request.role,
    ...(postId ? { postId } : {}),
    ...(url ? { url } : {}),
    ...(request.captureId === undefined ? { earlier: true as const } : {}),
  };
}

/** The unsigned thread record for a checked request; throws a ThreadRefusal naming what is wrong. */
export async function buildThreadRecord(message: ThreadSaveMessage, deps: Pick<ThreadDeps, 'db' | 'key' | 'software' | 'now' | 'newId'>): Promise<ThreadRecord> {
  const members: ThreadMember[] = [];
  for (const [index, request] of message.members.entries()) members.push(await resolveMember(deps.db, message, request, index));
  const duplicate = duplicateMemberProblem(members);
  if (duplicate) throw new ThreadRefusal(`The thread was not kept: ${duplicate.replace(/^it lists/, 'it would list')}.`);
  const replies = members.filter((member) => member.role === 'reply').length;
  // The captured counts are what the members are, never the page's say; the platform's and the page's are the page's.
  const counts = { ...message.counts, repliesCaptured: replies, authorPostsCaptured: members.length - replies };
  const inconsistent = threadCountsProblem(members, counts);
  if (inconsistent) throw new ThreadRefusal(`The thread was not kept: ${inconsistent}.`);
  const record: ThreadRecord = {
    format: THREAD_FORMAT,
    id: (deps.newId ?? (() => crypto.randomUUID()))(),
    createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    platform: message.platform,
    page: { url: message.page.url, title: message.page.title },
    scope: { authorThread: message.scope.authorThread, replyLimit: message.scope.replyLimit },
    members,
    counts: {
      repliesCounted: counts.repliesCounted,
      repliesShown: counts.repliesShown,
      repliesCaptured: counts.repliesCaptured,
      authorPostsShown: counts.authorPostsShown,
      authorPostsCaptured: counts.authorPostsCaptured,
    },
    failed: message.failed.map((entry) => ({
      ...(entry.postId !== undefined ? { postId: entry.postId } : {}),
      ...(entry.url !== undefined ? { url: entry.url } : {}),
      role: entry.role,
      reason: entry.reason,
    })),
    software: deps.software,
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: deps.key.keyId },
  };
  // The verifiers' own check, so that nothing is signed that a verifier would refuse.
  const problem = threadRecordProblem(record, record.id);
  if (problem) throw new ThreadRefusal(`The thread was not kept: ${problem}.`);
  return record;
}

/** Builds, signs and keeps the thread; the reply the page shows. */
export async function saveThread(message: ThreadSaveMessage, deps: ThreadDeps): Promise<ThreadSaveReply> {
  let record: ThreadRecord;
  try {
    record = await buildThreadRecord(message, deps);
  } catch (error) {
    if (error instanceof ThreadRefusal) return { ok: false, message: error.message };
    throw error;
  }
  const recordBytes = serializeThread(record);
  const [recordSha256, signature] = await Promise.all([sha256Hex(recordBytes), signDer(deps.key.privateKey, recordBytes)]);
  const row: StoredThread = {
    id: record.id,
    createdAt: record.createdAt,
    platform: record.platform,
    focalCaptureId: record.members.find((member) => member.role === 'focal')!.captureId,
    memberIds: record.members.map((member) => member.captureId),
    recordBytes,
    recordSha256,
    signature,
  };
  const at = new Date(record.createdAt);
  for (let attempt = 1; ; attempt++) {
    const custody = await Promise.all(row.memberIds.map((id) => nextCustodyLine(deps.db, id, 'threaded', { threadId: record.id, threadSha256: recordSha256 }, at)));
    try {
      await commitThread(deps.db, row, custody);
      return { ok: true, threadId: record.id };
    } catch (error) {
      // Another line was added to a member's log meanwhile (a timestamp arrived): built again on the new tails.
      if (isConstraintError(error) && attempt < COMMIT_ATTEMPTS) continue;
      return { ok: false, message: `The thread could not be saved: ${error instanceof Error ? error.message : String(error)}. Its member captures are kept; try again.` };
    }
  }
}
