// @vitest-environment happy-dom
// Preserve thread's page side over a fake reader and capture: the thread-save message it sends (members in page order,
// earlier ones by post id, the counts, the failures, the platform's words for its count), the Thread button's states,
// and each way it ends without a thread record (cancelled, refused, no answer, not a thread page).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureResponse, PostRecord } from '../../model';
import type { ThreadReader } from '../../platforms/thread-readers';
import type { ThreadSaveMessage } from '../messages';
import { preserveThread, type ThreadAdapter, type ThreadRunDeps } from './preserve-thread';

const reader: ThreadReader = {
  platform: 'x',
  postSelector: '.p',
  authorThread: 'run',
  authorOf: (post) => post.getAttribute('data-author') ?? undefined,
  repliesCounted: () => ({ value: 2900, shown: '2.9k comments', rounded: true }),
  moreButtons: () => [],
};
const adapter: ThreadAdapter = {
  name: 'x',
  postSelector: '.p',
  extract: (post): PostRecord => ({ platform: 'x', id: post.id, url: `https://x.com/i/status/${post.id}` }),
};

function page(posts: [string, string][]): Element[] {
  document.body.innerHTML = posts.map(([id, author]) => `<div class="p" id="${id}" data-author="${author}">${id}</div>`).join('');
  return Array.from(document.querySelectorAll('.p'));
}

function view() {
  const states: { state: string; detail?: { threadId?: string; message?: string; progress?: { done: number; total: number } } }[] = [];
  return { states, setThreadState: (state: string, detail?: (typeof states)[number]['detail']) => states.push({ state, detail }) };
}

function deps(change: Partial<ThreadRunDeps> = {}): ThreadRunDeps & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    adapter,
    reader,
    capture: async (post): Promise<CaptureResponse> =>
      post.id === 'r2' ? { ok: false, code: 'failed', message: 'The screenshot failed.' } : ({ ok: true, captureId: `00000000-0000-4000-8000-00000000000${post.id.length}`, missing: [] } as unknown as CaptureResponse),
    viewOf: () => ({ setState: () => undefined, setProgress: () => undefined, setHiddenForScreenshot: () => undefined }),
    send: async (message) => {
      sent.push(message);
      const type = (message as { type: string }).type;
      if (type === 'postproof/batch-known') return { known: ['x:r1'] };
      return { ok: true, threadId: 'thread-9' };
    },
    settings: async () => ({ replyLimit: 100, authorLimit: 200, paceMs: [0, 0] }),
    sleep: async () => undefined,
    sent,
    ...change,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('preserveThread', () => {
  it('sends the thread: members in page order, an earlier one by id, the failure, the counts and the platform’s words', async () => {
    const [focal] = page([
      ['f', 'me'],
      ['a1', 'me'],
      ['r1', 'you'],
      ['r2', 'you'],
      ['r3', 'me'],
    ]);
    const run = deps();
    const shown = view();
    const reply = await preserveThread(document, focal!, run, shown);
    const save = run.sent.find((m) => (m as { type: string }).type === 'postproof/thread-save') as ThreadSaveMessage & { repliesCountedAsShown?: string };
    expect(save.members.map((m) => [m.role, m.postId, m.captureId !== undefined])).toEqual([
      ['focal', 'f', true],
      ['author-thread', 'a1', true],
      ['reply', 'r1', false],
      ['reply', 'r3', true],
    ]);
    expect(save.failed).toEqual([{ postId: 'r2', url: 'https://x.com/i/status/r2', role: 'reply', reason: 'The screenshot failed.' }]);
    expect(save.counts).toEqual({ repliesCounted: 2900, repliesShown: 3, repliesCaptured: 2, authorPostsShown: 2, authorPostsCaptured: 2 });
    expect(save.repliesCountedAsShown).toBe('2.9k comments');
    expect(save.scope).toEqual({ authorThread: true, replyLimit: 100 });
    expect(save.page.url).toBe(location.href);
    expect(reply).toEqual({ ok: true, threadId: 'thread-9', members: 4, failed: 1, counts: save.counts });
    expect(shown.states[0]!.state).toBe('saving');
    expect(shown.states.some((s) => s.detail?.progress?.total === 5)).toBe(true);
    expect(shown.states.at(-1)).toMatchObject({ state: 'saved', detail: { threadId: 'thread-9' } });
  });

  it('keeps no thread and says why: the background refused it, or gave no answer', async () => {
    const [focal] = page([['f', 'me']]);
    const refused = view();
    const answer = await preserveThread(document, focal!, deps({ send: async (m) => ((m as { type: string }).type === 'postproof/batch-known' ? { known: [] } : { ok: false, message: 'malformed' }) }), refused);
    expect(answer).toEqual({ ok: false, message: 'The posts were captured, but the thread record was not saved: malformed' });
    expect(refused.states.at(-1)).toMatchObject({ state: 'error', detail: { message: answer.ok ? '' : answer.message } });
    const silent = view();
    expect(await preserveThread(document, focal!, deps({ send: async (m) => ((m as { type: string }).type === 'postproof/batch-known' ? { known: [] } : undefined) }), silent)).toMatchObject({ ok: false });
    expect(silent.states.at(-1)!.detail!.message).toMatch(/did not answer/);
  });

  it('cancelled: idle again, no thread-save sent', async () => {
    const [focal] = page([
      ['f', 'me'],
      ['r1', 'you'],
    ]);
    const controller = new AbortController();
    const run = deps({ signal: controller.signal, capture: vi.fn(async () => (controller.abort(), { ok: true, captureId: 'c', missing: [] }) as unknown as CaptureResponse) });
    const shown = view();
    expect(await preserveThread(document, focal!, run, shown)).toMatchObject({ ok: false, cancelled: true });
    expect(run.sent.some((m) => (m as { type: string }).type === 'postproof/thread-save')).toBe(false);
    expect(shown.states.at(-1)!.state).toBe('idle');
  });

  it('refuses a post that is not on a thread page of its platform', async () => {
    const [focal] = page([['f', 'me']]);
    const shown = view();
    const run = deps({ reader: { ...reader, isThreadPage: () => false } });
    expect(await preserveThread(document, focal!, run, shown)).toMatchObject({ ok: false, message: expect.stringMatching(/not part of a thread/) });
    expect(run.sent).toEqual([]);
  });
});
