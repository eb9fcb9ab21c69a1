// Quiet mode is read from storage.local and followed as it changes (fakeBrowser's storage fires onChanged like the
// browser's): the content script switches its controls on these calls.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { followQuietMode, QUIET_MODE_KEY, readQuietMode, writeQuietMode, type QuietModeStorage } from './quiet-mode';

const storage = () => fakeBrowser.storage as unknown as QuietModeStorage;

describe('quiet mode setting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off until written, and kept under quietMode in storage.local', async () => {
    expect(await readQuietMode(storage())).toBe(false);
    await writeQuietMode(storage(), true);
    expect(await fakeBrowser.storage.local.get(QUIET_MODE_KEY)).toEqual({ [QUIET_MODE_KEY]: true });
    expect(await readQuietMode(storage())).toBe(true);
  });

  it('is quiet until read, then follows every change until stopped', async () => {
    const apply = vi.fn();
    const controller = new AbortController();
    const now = followQuietMode(storage(), apply, controller.signal);
    expect(now()).toBe(true);
    await vi.waitFor(() => expect(apply).toHaveBeenCalledWith(false));
    expect(now()).toBe(false);
    await writeQuietMode(storage(), true);
    expect(apply).toHaveBeenLastCalledWith(true);
    expect(now()).toBe(true);
    await writeQuietMode(storage(), false);
    expect(apply).toHaveBeenLastCalledWith(false);
    await fakeBrowser.storage.local.set({ batchLimit: 5 });
    expect(apply).toHaveBeenCalledTimes(3);
    controller.abort();
    await writeQuietMode(storage(), true);
    expect(apply).toHaveBeenCalledTimes(3);
  });

  it('stays quiet when the setting cannot be read', async () => {
    const apply = vi.fn();
    const broken = { ...storage(), local: { get: () => Promise.reject(new Error('gone')), set: async () => undefined } };
    const now = followQuietMode(broken, apply, new AbortController().signal);
    await vi.waitFor(() => expect(apply).toHaveBeenCalledWith(true));
    expect(now()).toBe(true);
  });
});
