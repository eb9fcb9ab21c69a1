// The content scripts' API against the real webextension-polyfill on the other side of a simulated Chromium message
// channel: replies, rejections both ways, unanswered messages, and listeners that leave a message to others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageApi, wrapChrome, type ChromeLike } from './page-api';

type RawListener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean | undefined;

/** One side of a Chromium channel: sendMessage reaches the peer's listeners, with Chromium's callback and lastError rules. */
function chromeSide(): ChromeLike & { peer?: ChromeLike & { listeners: RawListener[] }; listeners: RawListener[] } {
  const side = {
    listeners: [] as RawListener[],
    peer: undefined as (ChromeLike & { listeners: RawListener[] }) | undefined,
    runtime: {
      id: 'postproof-test',
      lastError: undefined as { message?: string } | undefined,
      sendMessage(message: unknown, callback: (reply: unknown) => void) {
        let answered = false;
        let waiting = false;
        const respond = (reply: unknown) => {
          if (answered) return;
          answered = true;
          side.runtime.lastError = undefined;
          callback(structuredClone(reply));
        };
        for (const listener of side.peer!.listeners) if (listener(structuredClone(message), { id: 'sender' }, respond) === true) waiting = true;
        if (!waiting && !answered) {
          setTimeout(() => {
            side.runtime.lastError = { message: 'The message port closed before a response was received.' };
            callback(undefined);
            side.runtime.lastError = undefined;
          });
        }
      },
      onMessage: {
        addListener: (listener: RawListener) => void side.listeners.push(listener),
        removeListener: (listener: RawListener) => void side.listeners.splice(side.listeners.indexOf(listener), 1),
      },
    },
    storage: {} as ChromeLike['storage'],
  };
  return side as never;
}

const page = chromeSide();
const worker = chromeSide();
page.peer = worker;
worker.peer = page;
const saved = (globalThis as { chrome?: unknown }).chrome;
// The other side: the polyfill itself, wrapping the worker's end of the channel.
let polyfill: { runtime: { sendMessage(message: unknown): Promise<unknown>; onMessage: { addListener(l: (m: unknown) => unknown): void } } };

beforeAll(async () => {
  (globalThis as { chrome?: unknown }).chrome = worker;
  polyfill = ((await import('webextension-polyfill')) as { default: typeof polyfill }).default;
});
afterAll(() => {
  (globalThis as { chrome?: unknown }).chrome = saved;
});

describe('the page API over Chromium, against the polyfill', () => {
  const api = wrapChrome(page);

  it('sends a message and resolves with the polyfill listener’s promised value', async () => {
    polyfill.runtime.onMessage.addListener((message) => ((message as { type?: string }).type === 'echo' ? Promise.resolve({ echoed: message }) : undefined));
    expect(await api.runtime.sendMessage({ type: 'echo', n: 1 })).toEqual({ echoed: { type: 'echo', n: 1 } });
  });

  it('rejects with an Error when the polyfill listener rejects', async () => {
    polyfill.runtime.onMessage.addListener((message) => ((message as { type?: string }).type === 'fail' ? Promise.reject(new Error('worker said no')) : undefined));
    await expect(api.runtime.sendMessage({ type: 'fail' })).rejects.toThrow(new Error('worker said no'));
  });

  it('resolves to undefined when no listener answers', async () => {
    expect(await api.runtime.sendMessage({ type: 'nobody' })).toBeUndefined();
  });

  it('replies to the polyfill with a listener’s promised value, and leaves other messages alone', async () => {
    const listener = (message: unknown) => ((message as { type?: string }).type === 'status' ? Promise.resolve({ posts: 3 }) : undefined);
    api.runtime.onMessage.addListener(listener);
    expect(await polyfill.runtime.sendMessage({ type: 'status' })).toEqual({ posts: 3 });
    expect(await polyfill.runtime.sendMessage({ type: 'other' })).toBeUndefined();
    api.runtime.onMessage.removeListener(listener);
    expect(page.listeners).toHaveLength(0);
  });

  it('sends a rejection, or a throw, as the polyfill’s marker, which the polyfill turns into an Error', async () => {
    const rejecting = (message: unknown) => ((message as { type?: string }).type === 'reject' ? Promise.reject(new Error('page said no')) : undefined);
    const throwing = (message: unknown) => {
      if ((message as { type?: string }).type === 'throw') throw new Error('page threw');
      return undefined;
    };
    api.runtime.onMessage.addListener(rejecting);
    api.runtime.onMessage.addListener(throwing);
    await expect(polyfill.runtime.sendMessage({ type: 'reject' })).rejects.toThrow(new Error('page said no'));
    await expect(polyfill.runtime.sendMessage({ type: 'throw' })).rejects.toThrow(new Error('page threw'));
    api.runtime.onMessage.removeListener(rejecting);
    api.runtime.onMessage.removeListener(throwing);
  });

  it('sends the stock text for a rejection that is no Error, as the polyfill does', async () => {
    const listener = () => Promise.reject(42);
    api.runtime.onMessage.addListener(listener);
    await expect(polyfill.runtime.sendMessage({ type: 'any' })).rejects.toThrow(new Error('An unexpected error occurred'));
    api.runtime.onMessage.removeListener(listener);
  });
});

describe('the page API on Firefox', () => {
  it('uses the native browser as it is', () => {
    const browser = { runtime: { id: 'postproof@example' } };
    expect(pageApi({ browser, chrome: page })).toBe(browser);
    expect(pageApi({ chrome: page })).not.toBe(browser);
  });
});
