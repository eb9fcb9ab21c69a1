// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_STATE_KEY, type BatchState } from '../utils/batch/state';
import { BatchPanel, type BatchPanelApi } from './batch-panel';

let host: HTMLElement;
type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

function fakeApi(initial?: BatchState) {
  const listeners = new Set<Listener>();
  const send = vi.fn(async () => ({ ok: true }));
  const api: BatchPanelApi = {
    send,
    storage: {
      get: async () => (initial ? { [BATCH_STATE_KEY]: initial } : {}),
      onChanged: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
    },
  };
  const change = (state: BatchState) => act(() => listeners.forEach((l) => l({ [BATCH_STATE_KEY]: { newValue: state } }, 'local')));
  return { api, send, change };
}

const state = (over: Partial<BatchState>): BatchState => ({
  id: 'b', tabId: 4, status: 'running', limit: 200, captured: 50, skipped: 3, failed: 0,
  startedAt: '2026-11-28T01:53:00.000Z', updatedAt: '2026-11-28T01:54:00.000Z', message: '', recent: [], ...over,
});

async function mount(props: Parameters<typeof BatchPanel>[0]) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<BatchPanel {...props} />, host));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('BatchPanel', () => {
  it('starts a batch of the tab and follows its progress from storage', async () => {
    const { api, send, change } = fakeApi();
    await mount({ tabId: 4, api });
    const start = host.querySelector<HTMLButtonElement>('[data-testid="preserve-all"]')!;
    expect(start.disabled).toBe(false);
    await act(async () => start.click());
    expect(send).toHaveBeenCalledWith({ type: 'postproof/batch-start', tabId: 4 });

    await change(state({ recent: [{ captureId: 'c1', label: '@someone: hello' }] }));
    const bar = host.querySelector('[data-testid="batch-progress"]')!;
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(start.disabled).toBe(true);
    expect(host.querySelector('[data-testid="batch-recent"]')!.textContent).toContain('@someone: hello');

    await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="batch-pause"]')!.click());
    expect(send).toHaveBeenLastCalledWith({ type: 'postproof/batch-control', action: 'pause' });
  });

  it('offers resume for an interrupted batch and says why it stopped', async () => {
    const { api } = fakeApi(state({ status: 'interrupted', message: 'PostProof was restarted by the browser during the batch.' }));
    await mount({ tabId: 4, api });
    expect(host.querySelector('[data-testid="batch-state"]')!.getAttribute('data-status')).toBe('interrupted');
    expect(host.querySelector('[data-testid="batch-resume"]')).not.toBeNull();
    expect(host.textContent).toContain('restarted by the browser');
  });
});
