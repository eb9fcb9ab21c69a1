import { describe, expect, it } from 'vitest';
import { progressText, withProgress, type MessageEvents } from './progress';

function fakeEvents(): MessageEvents & { listeners: Set<(message: unknown) => undefined> } {
  const listeners = new Set<(message: unknown) => undefined>();
  return { listeners, addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) };
}

describe('media download progress on the page', () => {
  it('says the megabytes so far and the size of one large file', () => {
    expect(progressText({ received: 2_500_000 })).toBe('Saving… 2.5 MB of media fetched');
    expect(progressText({ received: 12_000_000, fileTotal: 80_000_000 })).toBe('Saving… 12 MB of media fetched (file of 80 MB)');
  });

  it('passes on only the progress of its own capture, and only while the request runs', async () => {
    const events = fakeEvents();
    const seen: number[] = [];
    const reply = await withProgress(events, 'mine', (p) => seen.push(p.received), async () => {
      for (const listener of events.listeners) {
        listener({ type: 'postproof/capture-progress', progressId: 'mine', received: 10 });
        listener({ type: 'postproof/capture-progress', progressId: 'other', received: 20 });
        listener({ type: 'postproof/capture', progressId: 'mine', received: 30 });
      }
      return 'done';
    });
    expect(reply).toBe('done');
    expect(seen).toEqual([10]);
    expect(events.listeners.size).toBe(0);
  });

  it('stops listening when the request fails', async () => {
    const events = fakeEvents();
    await expect(withProgress(events, 'mine', () => undefined, () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(events.listeners.size).toBe(0);
  });
});
