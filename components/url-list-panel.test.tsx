// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredList, StoredListItem } from '../utils/store/rows';
import { ROWS_RENDERED_WHOLE, UrlListPanel, type UrlListApi } from './url-list-panel';

let host: HTMLElement;

const list = (over: Partial<StoredList> = {}): StoredList => ({
  id: 'L', name: 'List', createdAt: '2026-12-07T10:00:00.000Z', updatedAt: '2026-12-07T10:00:00.000Z', status: 'running', total: 0, concurrency: 1, ...over,
});
const OUTCOMES = ['saved', 'error', 'login-wall', 'pending'] as const;
const items = (n: number): StoredListItem[] =>
  Array.from({ length: n }, (_, index) => ({ listId: 'L', index, url: `https://x.com/a/status/${index}`, outcome: OUTCOMES[index % 4]!, ...(index % 4 === 0 ? { captureId: `C${index}` } : {}), ...(index % 4 === 1 ? { message: 'It failed.' } : {}) }));

function fakeApi(lists: StoredList[], rows: StoredListItem[]) {
  const send = vi.fn(async (message: { type: string }) => (message.type === 'postproof/list-create' ? { ok: true, listId: 'L' } : { ok: true }));
  const api: UrlListApi = { lists: async () => lists, items: async () => rows, send };
  return { api, send };
}

async function mount(api: UrlListApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<UrlListPanel api={api} />, host));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
}

const q = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const rowsShown = () => host.querySelectorAll('[data-testid="url-list-row"]');

async function type(text: string) {
  const box = q('url-list-input') as HTMLTextAreaElement;
  box.value = text;
  await act(async () => void box.dispatchEvent(new Event('input', { bubbles: true })));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('UrlListPanel', () => {
  it('reads what is pasted, starts the list with every entry, and refuses more than 10,000 URLs', async () => {
    const { api, send } = fakeApi([], []);
    await mount(api);
    expect(q('url-list-none')).not.toBeNull();
    await type('date,url\n1,https://x.com/a/status/1\n2,not a link\n');
    expect(q('url-list-parsed')!.textContent).toMatch(/1 URL read \(CSV, column url\)\. 1 line holds no web address/);
    await act(async () => q('url-list-start')!.click());
    expect(send).toHaveBeenCalledWith({ type: 'postproof/list-create', name: '', urls: ['https://x.com/a/status/1', 'not a link'], concurrency: 1 });
    send.mockClear();
    await type(Array.from({ length: 10_001 }, (_, i) => `https://x.com/a/status/${i}`).join('\n'));
    await act(async () => q('url-list-start')!.click());
    expect(q('url-list-message')!.textContent).toMatch(/10,001 URLs/);
    expect(send.mock.calls.filter(([m]) => m.type === 'postproof/list-create')).toEqual([]);
  });

  it('shows every row of a list up to the limit, with its outcome, message and capture link; progress and steering', async () => {
    const { api, send } = fakeApi([list({ total: 60 })], items(60));
    await mount(api);
    expect(rowsShown()).toHaveLength(60);
    const row = rowsShown()[1] as HTMLElement;
    expect([row.dataset.url, row.dataset.outcome]).toEqual(['https://x.com/a/status/1', 'error']);
    expect(row.textContent).toMatch(/It failed\./);
    expect((rowsShown()[0] as HTMLElement).querySelector('a')!.getAttribute('href')).toBe('viewer.html?capture=C0');
    expect(q('url-list-progress')!.getAttribute('aria-valuenow')).toBe('75');
    await act(async () => q('url-list-pause')!.click());
    expect(send).toHaveBeenCalledWith({ type: 'postproof/list-control', listId: 'L', action: 'pause' });
  });

  it('keeps 10,000 rows fast: a window of rows in view, and a filter that brings one outcome’s rows together', async () => {
    const { api } = fakeApi([list({ total: 10_000 })], items(10_000));
    const started = performance.now();
    await mount(api);
    expect(rowsShown().length).toBeGreaterThan(0);
    expect(rowsShown().length).toBeLessThan(60);
    expect(performance.now() - started).toBeLessThan(3_000);
    const filter = q('url-list-filter') as HTMLSelectElement;
    filter.value = 'login-wall';
    await act(async () => void filter.dispatchEvent(new Event('change', { bubbles: true })));
    // 2,500 login walls: still more than are drawn whole, so windowed; every shown row is a login wall.
    expect([...rowsShown()].every((r) => (r as HTMLElement).dataset.outcome === 'login-wall')).toBe(true);
    expect(ROWS_RENDERED_WHOLE).toBeLessThan(2_500);
  });
});
