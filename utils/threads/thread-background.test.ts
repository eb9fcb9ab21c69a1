import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { capturePosts, threadMessage } from '../../test/support/thread-captures';
import type { SenderCheckApi } from '../capture/worker/refusal';
import { openPostProofDb } from '../store/db';
import { getOrCreateInstallKey } from '../store/install-key';
import { listThreads } from '../store/threads';
import { threadBackground, threadMessageProblem } from './thread-background';

const ID = 'ourextensionid';
const PAGE = 'https://bsky.app/profile/someone.bsky.social/post/p0';
const api = (frameOrigin: SenderCheckApi['frameOrigin'] = async () => undefined): SenderCheckApi => ({
  runtimeId: ID,
  matches: () => ['https://bsky.app/*'],
  siteOrigins: async () => ['https://mastodon.social'],
  frameOrigin,
});
const ours = { id: ID, url: PAGE, tab: { id: 4 }, frameId: 0 };

async function setup(senders = api()) {
  const db = openPostProofDb(`thread-background-test-${crypto.randomUUID()}`);
  const ids = await capturePosts(await db, ['p0', 'r1']);
  const saved = vi.fn();
  const listener = threadBackground({ db, key: getOrCreateInstallKey, senders, software: 'PostProof test', onSaved: saved });
  const message = threadMessage([{ role: 'focal', captureId: ids[0]! }, { role: 'reply', captureId: ids[1]! }]);
  return { db: await db, ids, listener, message, saved };
}

describe('the thread-save listener', () => {
  it('keeps a thread sent by our content script on a platform page, and leaves other messages alone', async () => {
    const { db, listener, message, saved } = await setup();
    expect(listener({ type: 'postproof/capture-status' }, ours)).toBeUndefined();
    const reply = await listener(message, ours);
    if (!reply?.ok) throw new Error(`not kept: ${JSON.stringify(reply)}`);
    expect(saved).toHaveBeenCalledWith(reply.threadId);
    expect((await listThreads(db)).map((row) => row.id)).toEqual([reply.threadId]);
  });

  it('refuses another extension, a page outside its hosts, an extension page, and a thread of another page than the sender', async () => {
    const { db, listener, message } = await setup();
    const cases = [
      [{ ...ours, id: 'other' }, /only from its own content script/],
      [{ id: ID, url: 'chrome-extension://ourextensionid/dashboard.html' }, /only from its own content script/],
      [{ ...ours, url: 'https://evil.example/p' }, /another page than the one it came from/],
    ] as const;
    for (const [sender, expected] of cases) expect(await listener(message, sender)).toMatchObject({ ok: false, message: expect.stringMatching(expected) });
    const elsewhere = { ...message, page: { url: 'https://evil.example/p', title: 'x' } };
    expect(await listener(elsewhere, { ...ours, url: 'https://evil.example/p' })).toMatchObject({ ok: false, message: expect.stringContaining('does not run on https://evil.example') });
    expect(await listThreads(db)).toEqual([]);
  });

  it('accepts an opted-in origin and a tab it was injected into, asking the sender frame', async () => {
    const frameOrigin = vi.fn(async () => 'https://blog.example');
    const { listener, message } = await setup(api(frameOrigin));
    const injected = { ...message, page: { url: 'https://blog.example/t', title: 't' } };
    expect(await listener(injected, { id: ID, url: 'https://blog.example/t', tab: { id: 9 }, frameId: 2 })).toMatchObject({ ok: true });
    expect(frameOrigin).toHaveBeenCalledWith(9, 2);
  });

  it('refuses malformed messages, naming the field', async () => {
    const { listener, message } = await setup();
    const bad: [unknown, RegExp][] = [
      [{ ...message, platform: 'myspace' }, /malformed \(platform\)/],
      [{ ...message, members: [{ role: 'focal' }] }, /malformed \(members.0\)/],
      [{ ...message, members: [{ role: 'boss', captureId: message.members[0]!.captureId }] }, /malformed \(members.0\)/],
      [{ ...message, members: [{ role: 'focal', captureId: 'not-a-uuid' }] }, /malformed \(members.0\)/],
      [{ ...message, members: [] }, /no members/],
      [{ ...message, counts: { ...message.counts, repliesShown: -1 } }, /malformed \(counts.repliesShown\)/],
      [{ ...message, counts: { ...message.counts, repliesCounted: '57' } }, /malformed \(counts\)/],
      [{ ...message, failed: [{ role: 'reply' }] }, /malformed \(failed.0\)/],
      [{ ...message, page: { url: 5 } }, /malformed \(page\)/],
      [{ ...message, members: new Array(10_001).fill(message.members[0]) }, /malformed \(members\)/],
    ];
    for (const [candidate, expected] of bad) {
      expect(threadMessageProblem(candidate)).toMatch(expected);
      expect(await listener(candidate, ours)).toMatchObject({ ok: false, message: expect.stringMatching(expected) });
    }
    expect(threadMessageProblem(message)).toBeNull();
  });
});
