// The shape of a thread record (threads/<id>/thread.json, format postproof-thread/1), checked strictly by the background
// before it signs one and by both formats' verifiers when they read one: every field of its type and nothing else,
// no member twice, and the captured counts equal to what the members are. Shared here so that no side trusts a field
// the other did not check.
import { SIGNATURE_ALGORITHM, THREAD_FORMAT, type ThreadCounts, type ThreadMember, type ThreadRecord } from '../model';
import { HEX64, isObject } from './record-shapes';

const PLATFORMS = new Set(['x', 'bluesky', 'mastodon', 'telegram', 'facebook', 'instagram', 'reddit', 'youtube', 'tiktok', 'generic']);
const ROLES = new Set<ThreadMember['role']>(['focal', 'author-thread', 'reply']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Limits of a record PostProof would write: a reply limit of thousands, and texts of a page's size, not more. */
export const THREAD_LIMITS = { members: 10_000, failed: 10_000, text: 8_192 } as const;

const isText = (value: unknown, max: number = THREAD_LIMITS.text): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The name of a key of `value` outside `allowed`, or undefined. */
function extraKey(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !allowed.includes(key));
}

/** Why `value` is not a thread member, or null. */
function memberProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not an object';
  const extra = extraKey(value, ['captureId', 'captureSha256', 'role', 'postId', 'url', 'earlier']);
  if (extra !== undefined) return `it has a field no thread record has (${JSON.stringify(extra.slice(0, 60))})`;
  if (typeof value.captureId !== 'string' || !UUID.test(value.captureId)) return 'its capture id is missing or not a capture id';
  if (typeof value.captureSha256 !== 'string' || !HEX64.test(value.captureSha256)) return 'its capture.json SHA-256 is missing or malformed';
  if (!ROLES.has(value.role as ThreadMember['role'])) return `its role ${JSON.stringify(value.role)} is none of focal, author-thread, reply`;
  if (value.postId !== undefined && !isText(value.postId, 200)) return 'its post id is not text';
  if (value.url !== undefined && !isText(value.url)) return 'its URL is not text';
  if (value.earlier !== undefined && value.earlier !== true) return '"earlier" is set to something other than true';
  return null;
}

function countsProblem(value: unknown): string | null {
  if (!isObject(value)) return 'its counts are missing';
  const fields = ['repliesCounted', 'repliesShown', 'repliesCaptured', 'authorPostsShown', 'authorPostsCaptured'];
  const extra = extraKey(value, fields);
  if (extra !== undefined) return `its counts have a field no thread record has (${JSON.stringify(extra.slice(0, 60))})`;
  if (value.repliesCounted !== null && !isCount(value.repliesCounted)) return 'the replies the platform counts are neither a whole number nor null';
  for (const field of fields.slice(1)) if (!isCount(value[field])) return `the count ${field} is not a whole number`;
  return null;
}

function failedProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not an object';
  const extra = extraKey(value, ['postId', 'url', 'role', 'reason']);
  if (extra !== undefined) return `it has a field no thread record has (${JSON.stringify(extra.slice(0, 60))})`;
  if (!ROLES.has(value.role as ThreadMember['role'])) return 'its role is none of focal, author-thread, reply';
  if (!isText(value.reason)) return 'its reason is missing';
  if (value.postId !== undefined && !isText(value.postId, 200)) return 'its post id is not text';
  if (value.url !== undefined && !isText(value.url)) return 'its URL is not text';
  return null;
}

/**
 * Why the members' captured counts disagree with the members, or null: `repliesCaptured` must be the number of reply
 * members, `authorPostsCaptured` the number of the author's own (the focal post and the author-thread posts), and
 * neither may exceed what the page showed; exactly one focal member.
 */
export function threadCountsProblem(members: readonly Pick<ThreadMember, 'role'>[], counts: ThreadCounts): string | null {
  const focal = members.filter((member) => member.role === 'focal').length;
  if (focal !== 1) return `it lists ${focal} focal posts, not one`;
  const replies = members.filter((member) => member.role === 'reply').length;
  const authorPosts = members.length - replies;
  if (counts.repliesCaptured !== replies) return `it says ${counts.repliesCaptured} replies were captured, but lists ${replies}`;
  if (counts.authorPostsCaptured !== authorPosts) return `it says ${counts.authorPostsCaptured} of the author's posts were captured, but lists ${authorPosts}`;
  if (counts.repliesShown < replies) return `it says the page showed ${counts.repliesShown} replies, fewer than the ${replies} it lists`;
  if (counts.authorPostsShown < authorPosts) return `it says the page showed ${counts.authorPostsShown} of the author's posts, fewer than the ${authorPosts} it lists`;
  return null;
}

/** Why the members list a capture twice, or null. */
export function duplicateMemberProblem(members: readonly Pick<ThreadMember, 'captureId'>[]): string | null {
  const seen = new Set<string>();
  for (const { captureId } of members) {
    if (seen.has(captureId)) return `it lists capture ${captureId} twice`;
    seen.add(captureId);
  }
  return null;
}

/**
 * Why `value` is not the thread record `id` (its folder's name; undefined when there is no folder to agree with), or
 * null when it is one: strict, every field of ThreadRecord with its type and no other field.
 */
export function threadRecordProblem(value: unknown, id?: string): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.format !== THREAD_FORMAT) return `its format is ${JSON.stringify(value.format)}, not "${THREAD_FORMAT}"`;
  const extra = extraKey(value, ['format', 'id', 'createdAt', 'platform', 'page', 'scope', 'members', 'counts', 'failed', 'software', 'signer']);
  if (extra !== undefined) return `it has a field no thread record has (${JSON.stringify(extra.slice(0, 60))})`;
  if (typeof value.id !== 'string' || !UUID.test(value.id)) return 'its id is missing or not a thread id';
  if (id !== undefined && value.id !== id) return `it names thread ${JSON.stringify(value.id)}, not the folder's ${id}`;
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return 'its creation time is missing or not a time';
  if (!PLATFORMS.has(value.platform as string)) return `its platform ${JSON.stringify(value.platform)} is unknown`;
  if (!isObject(value.page) || extraKey(value.page, ['url', 'title']) !== undefined || !isText(value.page.url) || !isText(value.page.title)) return 'its page is missing or malformed';
  const scope = value.scope;
  if (!isObject(scope) || extraKey(scope, ['authorThread', 'replyLimit']) !== undefined || typeof scope.authorThread !== 'boolean' || !isCount(scope.replyLimit)) {
    return 'its scope is missing or malformed';
  }
  if (!Array.isArray(value.members) || value.members.length === 0 || value.members.length > THREAD_LIMITS.members) return 'its list of members is missing or empty';
  for (const [index, member] of value.members.entries()) {
    const problem = memberProblem(member);
    if (problem) return `member ${index + 1}: ${problem}`;
  }
  const members = value.members as ThreadMember[];
  const counts = countsProblem(value.counts);
  if (counts) return counts;
  if (!Array.isArray(value.failed) || value.failed.length > THREAD_LIMITS.failed) return 'its list of failed members is missing';
  for (const [index, failed] of value.failed.entries()) {
    const problem = failedProblem(failed);
    if (problem) return `failed member ${index + 1}: ${problem}`;
  }
  if (!isText(value.software, 200)) return 'its software is missing';
  const signer = value.signer;
  if (!isObject(signer) || extraKey(signer, ['algorithm', 'keyId']) !== undefined || signer.algorithm !== SIGNATURE_ALGORITHM || typeof signer.keyId !== 'string' || !HEX64.test(signer.keyId)) {
    return 'its signer entry is missing or malformed';
  }
  return duplicateMemberProblem(members) ?? threadCountsProblem(members, value.counts as ThreadCounts);
}

export function asThreadRecord(value: unknown, id?: string): ThreadRecord | null {
  return threadRecordProblem(value, id) === null ? (value as ThreadRecord) : null;
}
