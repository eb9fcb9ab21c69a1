// The thread loop in the page: read the thread the page shows, capture its members one by one in page order at the
// batch pace, press the platform's "show more" buttons and scroll as a person would, until the author's thread is
// whole and the replies reach the limit asked (or the page has no more). The page, the store and the capture are
// passed in, so the loop runs in tests on plain fakes. Roles come from the page order as a whole: the run of posts by
// the focal post's author around it is the author's thread; what follows it are replies; posts above the run by
// others (the parents of a reply) are context and not members.
import { MAX_IDLE_SCROLLS, paceDelay } from '../../batch/planner';
import type { ThreadMember } from '../../model';

export type MemberRole = ThreadMember['role'];

export interface ThreadPage<P> {
  /** The thread's posts on the page now, in page order. */
  posts(): P[];
  /** "platform:id" of a post, or undefined when it has no id to keep it by. */
  keyOf(post: P): string | undefined;
  /** Its author, as a key to compare. */
  authorOf(post: P): string | undefined;
  /** What the member request names the post by. */
  describe(post: P): { postId?: string; url?: string };
  /** Presses the platform's "show more" buttons not pressed yet; how many it pressed. */
  pressMore(): Promise<number>;
  /** Scrolls one step down; false when the page did not move. */
  scrollStep(): Promise<boolean>;
}

export type MemberOutcome = { ok: true; captureId: string } | { ok: false; message: string; fatal?: boolean };

export interface CollectDeps<P> {
  page: ThreadPage<P>;
  focalKey: string;
  /** `run`: the author's consecutive posts around the focal one; `focal`: the focal post alone. */
  authorThread: 'run' | 'focal';
  /** Most replies to take (0: the author's thread only). */
  replyLimit: number;
  /** Most posts of the author's thread to take (a channel's history has no end). */
  authorLimit: number;
  paceMs: readonly [number, number];
  known(keys: string[]): Promise<ReadonlySet<string>>;
  capture(post: P, role: MemberRole): Promise<MemberOutcome>;
  /** Members dealt with so far, of those the thread will hold as the page stands now. */
  progress?(done: number, total: number): void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CollectedMember {
  key: string;
  role: MemberRole;
  postId?: string;
  url?: string;
  /** The capture made now; absent for a member the store held already (earlier). */
  captureId?: string;
  earlier?: boolean;
}

export interface CollectResult {
  status: 'done' | 'cancelled' | 'interrupted';
  message?: string;
  members: CollectedMember[];
  failed: { postId?: string; url?: string; role: MemberRole; reason: string }[];
  repliesShown: number;
  authorPostsShown: number;
}

interface Seen {
  author?: string;
  info: { postId?: string; url?: string };
}

type Outcome = { kind: 'captured'; captureId: string } | { kind: 'earlier' } | { kind: 'failed'; reason: string };

/** Inserts the keys of one reading into the page order kept so far: each new key after the known key read before it. */
export function mergeOrder(order: string[], reading: readonly string[]): boolean {
  let grew = false;
  let at = -1;
  for (const key of reading) {
    const index = order.indexOf(key);
    if (index >= 0) {
      at = index;
      continue;
    }
    order.splice(at + 1, 0, key);
    at += 1;
    grew = true;
  }
  return grew;
}

/** The role of each key in page order: author's thread (the run around the focal post), reply, or context (undefined). */
export function rolesOf(order: readonly string[], authors: ReadonlyMap<string, string | undefined>, focalKey: string, mode: 'run' | 'focal'): { roles: Map<string, MemberRole>; runClosed: boolean } {
  const roles = new Map<string, MemberRole>();
  const focal = order.indexOf(focalKey);
  if (focal < 0) return { roles, runClosed: false };
  const author = authors.get(focalKey);
  const same = (key: string | undefined) => mode === 'run' && author !== undefined && key !== undefined && authors.get(key) === author;
  let start = focal;
  let end = focal;
  while (start > 0 && same(order[start - 1])) start -= 1;
  while (end < order.length - 1 && same(order[end + 1])) end += 1;
  for (let i = start; i <= end; i += 1) roles.set(order[i]!, i === focal ? 'focal' : 'author-thread');
  for (let i = end + 1; i < order.length; i += 1) roles.set(order[i]!, 'reply');
  return { roles, runClosed: mode === 'focal' || end < order.length - 1 };
}

/** The reason recorded for a member the page no longer held when its turn came. */
export const NOT_ON_PAGE = 'The post was no longer on the page when its turn came (the page had dropped it).';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function collectThread<P>(deps: CollectDeps<P>): Promise<CollectResult> {
  const sleep = deps.sleep ?? defaultSleep;
  const settleMs = Math.max(300, deps.paceMs[0]);
  const order: string[] = [];
  const seen = new Map<string, Seen>();
  const authors = new Map<string, string | undefined>();
  const asked = new Set<string>();
  const outcomes = new Map<string, Outcome>();
  let idle = 0;
  let atEnd = false;
  let stop: { status: CollectResult['status']; message?: string } | undefined;

  const plan = () => {
    const { roles, runClosed } = rolesOf(order, authors, deps.focalKey, deps.authorThread);
    const author: string[] = [];
    const replies: string[] = [];
    for (const key of order) {
      const role = roles.get(key);
      if (role === 'reply') replies.push(key);
      else if (role) author.push(key);
    }
    // The author's thread nearest the focal post first when it must be cut; page order is kept.
    const focalAt = author.indexOf(deps.focalKey);
    const keptAuthor = new Set(
      author
        .map((key, i) => ({ key, distance: Math.abs(i - focalAt) }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, Math.max(1, deps.authorLimit))
        .map((x) => x.key),
    );
    const targets = order.filter((key) => keptAuthor.has(key) || replies.slice(0, deps.replyLimit).includes(key));
    return { roles, runClosed, author, replies, targets };
  };

  for (;;) {
    if (deps.signal?.aborted) {
      stop = { status: 'cancelled' };
      break;
    }
    const posts = deps.page.posts();
    const present = new Map<string, P>();
    for (const post of posts) {
      const key = deps.page.keyOf(post);
      if (!key || present.has(key)) continue;
      present.set(key, post);
      if (!seen.has(key)) {
        const author = deps.page.authorOf(post);
        seen.set(key, { author, info: deps.page.describe(post) });
        authors.set(key, author);
      }
    }
    const grew = mergeOrder(order, [...present.keys()]);
    if (!order.includes(deps.focalKey)) {
      stop = { status: 'interrupted', message: 'focal-missing' };
      break;
    }
    const { roles, runClosed, replies, targets } = plan();
    const unasked = targets.filter((key) => !asked.has(key));
    if (unasked.length > 0) {
      unasked.forEach((key) => asked.add(key));
      const stored = await deps.known(unasked);
      for (const key of unasked) if (stored.has(key)) outcomes.set(key, { kind: 'earlier' });
    }
    deps.progress?.(targets.filter((key) => outcomes.has(key)).length, targets.length);
    const next = targets.find((key) => !outcomes.has(key) && present.has(key));
    if (next) {
      const outcome = await deps.capture(present.get(next)!, roles.get(next)!);
      if (outcome.ok) outcomes.set(next, { kind: 'captured', captureId: outcome.captureId });
      else if (outcome.fatal) {
        stop = { status: 'interrupted', message: outcome.message };
        break;
      } else outcomes.set(next, { kind: 'failed', reason: outcome.message });
      deps.progress?.(targets.filter((key) => outcomes.has(key)).length, targets.length);
      idle = 0;
      await sleep(paceDelay(deps.paceMs, deps.random));
      continue;
    }
    // Everything asked for is on the page and dealt with: more is needed only for an open author's thread or
    // for replies under the limit.
    const wantMore = !runClosed || replies.length < deps.replyLimit;
    if (!wantMore) break;
    if (grew) idle = 0;
    const pressed = await deps.page.pressMore();
    if (pressed > 0) {
      await sleep(settleMs);
      continue;
    }
    // The page's end, or a page that scrolls on and on without showing one more post of the thread.
    if ((idle >= MAX_IDLE_SCROLLS && atEnd) || idle >= MAX_IDLE_SCROLLS * 4) break;
    atEnd = !(await deps.page.scrollStep());
    idle += 1;
    await sleep(settleMs * (atEnd ? Math.min(idle, MAX_IDLE_SCROLLS) : 1));
  }

  const { roles, author, replies, targets } = plan();
  const members: CollectedMember[] = [];
  const failed: CollectResult['failed'] = [];
  for (const key of targets) {
    const outcome = outcomes.get(key);
    const role = roles.get(key)!;
    const info = seen.get(key)!.info;
    if (outcome?.kind === 'captured') members.push({ key, role, ...info, captureId: outcome.captureId });
    else if (outcome?.kind === 'earlier') members.push({ key, role, ...info, earlier: true });
    else if (outcome?.kind === 'failed') failed.push({ ...info, role, reason: outcome.reason });
    // Read on the page, then gone from it before its turn (a list that drops what scrolled away): said, not hidden.
    else if (stop === undefined) failed.push({ ...info, role, reason: NOT_ON_PAGE });
  }
  return {
    status: stop?.status ?? 'done',
    ...(stop?.message ? { message: stop.message } : {}),
    members,
    failed,
    repliesShown: replies.length,
    authorPostsShown: author.length,
  };
}
