// @vitest-environment happy-dom
// The keyboard command and the context menu reach the same capture as the Preserve button: through the post's own
// control normally, and in quiet mode through no control at all, with nothing added to the page.
import { describe, expect, it, vi } from 'vitest';
import { trusted } from '../../test/trusted-event';
import { QUIET_VIEW, type PreserveView } from '../capture/page/preserve-view';
import type { CaptureResponse } from '../model';
import { wireBatchAndShortcuts, type ContentWiring } from './content-wiring';

function setup(quiet: boolean) {
  document.body.innerHTML = '<article id="a"><a id="link" href="#">Post</a></article>';
  const views: PreserveView[] = [];
  let finish!: (reply: CaptureResponse) => void;
  const preserve = vi.fn((_post: Element, view: PreserveView) => {
    views.push(view);
    return new Promise<CaptureResponse>((resolve) => (finish = resolve));
  });
  const wiring: ContentWiring = {
    adapter: { postSelector: 'article', extract: () => ({ platform: 'x', id: '1', url: 'https://x.com/a/status/1' }) },
    preserve,
    quiet: () => quiet,
    send: vi.fn(async () => undefined),
  };
  const controller = new AbortController();
  const handle = wireBatchAndShortcuts(document, wiring, controller.signal);
  // The person's pointer over the post (happy-dom lays nothing out: the point is looked up here).
  document.elementFromPoint = () => document.getElementById('link');
  document.dispatchEvent(trusted(new MouseEvent('pointermove', { clientX: 5, clientY: 5 })));
  const command = () => handle({ type: 'postproof/preserve-target', source: 'command' });
  return { command, preserve, views, wiring, finish: (reply: CaptureResponse) => finish(reply), stop: () => controller.abort() };
}

describe('wireBatchAndShortcuts', () => {
  it('preserves the post under the pointer through its Preserve control', async () => {
    const { command, views, stop } = setup(false);
    expect(await command()).toEqual({ ok: true, found: true });
    expect(document.querySelectorAll('#a > postproof-control')).toHaveLength(1);
    expect(views[0]).not.toBe(QUIET_VIEW);
    stop();
  });

  it('in quiet mode preserves it with no control, adding nothing to the page; a second press meanwhile starts nothing', async () => {
    const { command, preserve, views, finish, stop } = setup(true);
    const before = document.documentElement.outerHTML;
    expect(await command()).toEqual({ ok: true, found: true });
    expect(views).toEqual([QUIET_VIEW]);
    expect(document.documentElement.outerHTML).toBe(before);
    await command();
    expect(preserve).toHaveBeenCalledTimes(1);
    finish({ ok: true, captureId: 'c1', missing: [] });
    await vi.waitFor(async () => {
      await command();
      expect(preserve).toHaveBeenCalledTimes(2);
    });
    expect(document.querySelector('postproof-control')).toBeNull();
    stop();
  });

  it('answers found: false where no post is meant, so the background can start the picker', async () => {
    const { preserve, stop } = setup(false);
    document.elementFromPoint = () => null;
    document.body.innerHTML = '<p>nothing to preserve</p>';
    const noAdapter = wireBatchAndShortcuts(document, { preserve, quiet: () => false, send: vi.fn(async () => undefined) }, new AbortController().signal);
    expect(await noAdapter({ type: 'postproof/preserve-target', source: 'command' })).toEqual({ ok: true, found: false });
    expect(preserve).not.toHaveBeenCalled();
    stop();
  });
});
