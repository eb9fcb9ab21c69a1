// @vitest-environment happy-dom
// The dashboard's locker states: read at once, read again every 2 s while a capture is queued, and no more once
// none is (so an idle dashboard does not keep reading the queue).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockerActions } from './locker-push';
import type { LockerSummary } from './locker-state';
import { LOCKER_POLL_MS, useLockerStates, type LockerStates } from './use-locker-states';

let host: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  act(() => render(null, host));
  host.remove();
  vi.useRealTimers();
});

describe('useLockerStates', () => {
  it('polls while a capture is queued, and stops when it is locked', async () => {
    const answers: Map<string, LockerSummary>[] = [
      new Map([['a', { state: 'queued' }]]),
      new Map([['a', { state: 'queued' }]]),
      new Map([['a', { state: 'locked', lockedUntil: '2027-01-05T00:00:00Z' }]]),
    ];
    let reads = 0;
    const actions: LockerActions = {
      push: async () => ({ ok: true, queued: 0 }),
      summaries: async () => answers[Math.min(reads++, answers.length - 1)]!,
      configured: async () => true,
    };
    let seen: LockerStates | undefined;
    function Probe() {
      seen = useLockerStates(actions);
      return null;
    }
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<Probe />, host));
    await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
    expect(reads).toBe(1);
    expect(seen!.configured).toBe(true);
    expect(seen!.states.get('a')?.state).toBe('queued');
    await act(async () => void (await vi.advanceTimersByTimeAsync(LOCKER_POLL_MS)));
    expect(reads).toBe(2);
    await act(async () => void (await vi.advanceTimersByTimeAsync(LOCKER_POLL_MS)));
    expect(reads).toBe(3);
    expect(seen!.states.get('a')).toEqual({ state: 'locked', lockedUntil: '2027-01-05T00:00:00Z' });
    await act(async () => void (await vi.advanceTimersByTimeAsync(5 * LOCKER_POLL_MS)));
    expect(reads).toBe(3);
  });

  it('says not configured, with the reason, when the locker cannot be read', async () => {
    const actions: LockerActions = {
      push: async () => ({ ok: true, queued: 0 }),
      summaries: async () => Promise.reject(new Error('not wired yet')),
      configured: async () => false,
    };
    let seen: LockerStates | undefined;
    function Probe() {
      seen = useLockerStates(actions);
      return null;
    }
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<Probe />, host));
    await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
    expect(seen!.configured).toBe(false);
    expect(seen!.error).toBe('not wired yet');
    expect(seen!.states.size).toBe(0);
  });
});
