// @vitest-environment happy-dom
// The popup's grid section: shown only where the content script says the page is a grid; its first choice sends the
// collected links to the list queue, and never loses them when the queue does not take them.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../utils/i18n/english';
import { GridPanel, type GridPanelApi } from './grid-panel';

let host: HTMLElement;
const OWNER = { platform: 'x' as const, handle: 'Kikobeats', url: 'https://x.com/Kikobeats' };
const URLS = ['https://x.com/Kikobeats/status/1759241476758733209', 'https://x.com/Kikobeats/status/1987508451887784324'];

function fakeApi(over: Partial<GridPanelApi> & { tabReplies?: Record<string, unknown> } = {}) {
  const replies: Record<string, unknown> = {
    'postproof/grid-probe': { grid: true, kind: 'grid', owner: OWNER, tiles: 2 },
    'postproof/grid-collect': { ok: true, owner: OWNER, urls: URLS, reason: 'end' },
    'postproof/grid-keep-tiles': { ok: true, owner: OWNER, captured: 2, failed: 1, reason: 'end' },
    ...over.tabReplies,
  };
  const sendToTab = vi.fn(async (_tab: number, message: unknown) => replies[(message as { type: string }).type]);
  const sendToBackground = vi.fn(async () => ({ ok: true, listId: 'l1' }));
  const api: GridPanelApi = {
    sendToTab,
    sendToBackground,
    settings: async () => ({ limit: 200, paceMs: [1500, 3000] }),
    openDashboard: vi.fn(),
    now: () => new Date('2026-12-07T06:00:00Z'),
    ...over,
  };
  return { api, sendToTab, sendToBackground: api.sendToBackground as ReturnType<typeof vi.fn> };
}

async function mount(api: GridPanelApi, tabId: number | undefined = 7) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<GridPanel tabId={tabId} api={api} />, host));
  await act(async () => undefined);
}

const $ = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('GridPanel', () => {
  it('is absent where the page is no grid', async () => {
    const { api } = fakeApi({ tabReplies: { 'postproof/grid-probe': { grid: false } } });
    await mount(api);
    expect($('grid-panel')).toBeNull();
  });

  it('collects the links at the batch pace and sends them to the list queue named by profile and day', async () => {
    const { api, sendToTab, sendToBackground } = fakeApi();
    await mount(api);
    expect($('grid-panel')?.textContent).toContain('@Kikobeats');
    await act(async () => $('grid-preserve-all')!.click());
    await act(async () => undefined);
    expect(sendToTab).toHaveBeenCalledWith(7, { type: 'postproof/grid-collect', limit: 200, paceMs: [1500, 3000] });
    expect(sendToBackground).toHaveBeenCalledWith({ type: 'postproof/list-create', name: 'X @Kikobeats – 2026-12-07', urls: URLS });
    expect($('grid-status')?.dataset.state).toBe('queued');
    expect($('grid-status')?.textContent).toContain('2 post links sent to the list queue as “X @Kikobeats – 2026-12-07”');
    $('grid-open-lists')!.click();
    expect(api.openDashboard).toHaveBeenCalled();
  });

  it('shows the links to copy when the queue refuses them or does not answer', async () => {
    for (const answer of [undefined, { ok: false, message: 'The list is over 10,000 URLs.' }]) {
      const { api } = fakeApi({ sendToBackground: vi.fn(async () => answer) });
      await mount(api);
      await act(async () => $('grid-preserve-all')!.click());
      await act(async () => undefined);
      expect($('grid-status')?.dataset.state).toBe('not-queued');
      expect(($('grid-links') as HTMLTextAreaElement).value).toBe(URLS.join('\n'));
      act(() => render(null, host));
      host.remove();
    }
    host = document.createElement('div');
  });

  it('keeps the tiles as shown and says they are tiles, not the posts', async () => {
    const { api, sendToTab, sendToBackground } = fakeApi();
    await mount(api);
    await act(async () => $('grid-keep-tiles')!.click());
    await act(async () => undefined);
    expect(sendToTab).toHaveBeenCalledWith(7, { type: 'postproof/grid-keep-tiles', limit: 200, paceMs: [1500, 3000] });
    expect(sendToBackground).not.toHaveBeenCalled();
    expect($('grid-status')?.textContent).toBe('2 tiles kept (thumbnail and link, not the posts). 1 tile could not be kept.');
  });

  it('on a profile timeline offers the posts through the list queue, and no tile-only capture', async () => {
    const { api } = fakeApi({ tabReplies: { 'postproof/grid-probe': { grid: true, kind: 'timeline', owner: OWNER, tiles: 3 } } });
    await mount(api);
    expect($('grid-panel')?.dataset.kind).toBe('timeline');
    expect($('grid-preserve-all')?.textContent).toBe('Preserve each post from its own page');
    expect($('grid-keep-tiles')).toBeNull();
  });

  it('reports a content script that refuses, with its reason', async () => {
    const { api } = fakeApi({ tabReplies: { 'postproof/grid-collect': { ok: false, message: 'PostProof is already going through this grid; wait for it to finish.' } } });
    await mount(api);
    await act(async () => $('grid-preserve-all')!.click());
    await act(async () => undefined);
    expect($('grid-status')?.dataset.state).toBe('error');
    expect($('grid-status')?.textContent).toContain('already going through this grid');
  });
});
