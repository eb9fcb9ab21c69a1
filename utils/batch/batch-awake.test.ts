import { describe, expect, it } from 'vitest';
import { keepAwakeWhileBatchRuns, type BatchStateStorage } from './batch-awake';
import { BATCH_STATE_KEY } from './state';

function fakeStorage(initial?: { status: string }) {
  const listeners: Parameters<BatchStateStorage['onChanged']['addListener']>[0][] = [];
  const storage: BatchStateStorage = {
    get: async () => (initial ? { [BATCH_STATE_KEY]: initial } : {}),
    onChanged: { addListener: (listener) => void listeners.push(listener) },
  };
  const change = (status: string | undefined, area = 'local', key = BATCH_STATE_KEY) => {
    for (const listener of listeners) listener({ [key]: { newValue: status ? { status } : undefined } }, area);
  };
  return { storage, change };
}

/** An awake that records which of its pieces of work are still pending. */
function recordingAwake() {
  const pending = new Set<Promise<unknown>>();
  const awake = <T>(work: Promise<T>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
    return work;
  };
  return { awake, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('keepAwakeWhileBatchRuns', () => {
  it('holds the background awake from the start of a batch until it is paused, done, cancelled or interrupted', async () => {
    const { awake, pending } = recordingAwake();
    const { storage, change } = fakeStorage();
    keepAwakeWhileBatchRuns(awake, storage);
    await settle();
    expect(pending.size).toBe(0);
    change('running');
    change('running');
    expect(pending.size).toBe(1);
    change('paused');
    await settle();
    expect(pending.size).toBe(0);
    change('running');
    expect(pending.size).toBe(1);
    // Other keys and the session area change nothing.
    change('done', 'session');
    change('done', 'local', 'somethingElse');
    await settle();
    expect(pending.size).toBe(1);
    change('done');
    await settle();
    expect(pending.size).toBe(0);
  });

  it('holds it for a batch found running when the background starts, until recovery marks it interrupted', async () => {
    const { awake, pending } = recordingAwake();
    const { storage, change } = fakeStorage({ status: 'running' });
    keepAwakeWhileBatchRuns(awake, storage);
    await settle();
    expect(pending.size).toBe(1);
    change('interrupted');
    await settle();
    expect(pending.size).toBe(0);
  });
});
