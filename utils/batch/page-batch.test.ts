// @vitest-environment happy-dom
// The batch on the page: its panel answers the person's own clicks only, and in quiet mode no panel is drawn at all
// (the batch still runs and reports to the background).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trusted } from '../../test/trusted-event';
import type { CaptureResponse, PostRecord } from '../model';
import { pageBatches } from './page-batch';
import type { BatchReportMessage } from './state';

const POSTS = ['1', '2'];

function page() {
  document.body.innerHTML = POSTS.map((id) => `<article data-id="${id}">Post ${id}</article>`).join('');
  // happy-dom lays nothing out: scrolling a post into view is a no-op there.
  Element.prototype.scrollIntoView = () => undefined;
}

function batch(quiet: boolean, preserve: (post: Element) => Promise<CaptureResponse>) {
  const sent: BatchReportMessage[] = [];
  const run = pageBatches(document, {
    postSelector: 'article',
    extract: (post): PostRecord => ({ platform: 'x', id: post.getAttribute('data-id')!, url: `https://x.com/a/status/${post.getAttribute('data-id')}` }),
    preserve,
    send: async (message) => {
      sent.push(message);
      return message.type === 'postproof/batch-known' ? { known: [] } : undefined;
    },
    quiet: () => quiet,
  });
  const start = () => run({ type: 'postproof/batch-run', batchId: 'b1', limit: POSTS.length, paceMs: [0, 0], counts: { captured: 0, skipped: 0, failed: 0 } });
  const statuses = () => sent.flatMap((m) => (m.type === 'postproof/batch-progress' ? [m.status] : []));
  return { start, sent, statuses };
}

const saved = (post: Element) => Promise.resolve({ ok: true as const, captureId: `c${post.getAttribute('data-id')}`, missing: [] });

afterEach(() => {
  document.documentElement.querySelectorAll('postproof-batch').forEach((el) => el.remove());
});

describe('pageBatches', () => {
  it('in quiet mode runs the batch and adds nothing to the page', async () => {
    page();
    const added: string[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => added.push(n.nodeName.toLowerCase()))));
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
    const { start, statuses } = batch(true, saved);
    await start();
    await vi.waitFor(() => expect(statuses().at(-1)).toBe('done'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    expect(statuses()).toContain('running');
    expect(added).toEqual([]);
    expect(document.querySelector('postproof-batch')).toBeNull();
  });

  it('draws its panel otherwise; a page script clicking Pause does nothing, the person’s click pauses', async () => {
    page();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { start, statuses } = batch(false, async (post) => {
      await held;
      return saved(post);
    });
    await start();
    const panel = await vi.waitFor(() => {
      const host = document.querySelector('postproof-batch');
      expect(host?.getAttribute('data-status')).toBe('running');
      return host!;
    });
    const pause = panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="batch-pause"]')!;
    pause.click();
    pause.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(statuses()).not.toContain('paused');
    expect(panel.getAttribute('data-status')).toBe('running');
    pause.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(statuses()).toContain('paused');
    expect(panel.getAttribute('data-status')).toBe('paused');
    // Resume, by the page (nothing) and then by the person.
    const resume = panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="batch-resume"]')!;
    resume.click();
    expect(panel.getAttribute('data-status')).toBe('paused');
    resume.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(panel.getAttribute('data-status')).toBe('running');
    release();
    await vi.waitFor(() => expect(statuses().at(-1)).toBe('done'));
  });
});
