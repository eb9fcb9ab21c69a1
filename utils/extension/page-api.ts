// The content scripts' promise-based extension API, in place of webextension-polyfill (9.75 KB of every script):
// exactly what the page side uses (runtime messages, storage.local and its changes). Firefox's `browser` is used as
// is. Over Chromium's `chrome` it keeps the polyfill's wire behaviour, since the background and popup still use the
// polyfill: a listener's promise becomes the reply, a rejection travels as
// `{ __mozWebExtensionPolyfillReject__: true, message }`, and such a reply to sendMessage becomes a rejected Error;
// a message no listener answered resolves to undefined.

/** A listener as the polyfill takes it: a promise (or undefined, for messages it leaves to others) is the reply. */
export type PageMessageListener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

export interface PageApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: PageMessageListener): void; removeListener(listener: PageMessageListener): void };
  };
  storage: {
    local: { get(keys: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    onChanged: { addListener(listener: ChangeListener): void; removeListener(listener: ChangeListener): void };
  };
}

/** The parts of Chromium's `chrome` this wraps. */
export interface ChromeLike {
  runtime: {
    lastError?: { message?: string };
    sendMessage(message: unknown, callback: (reply: unknown) => void): void;
    onMessage: {
      addListener(listener: (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean): void;
      removeListener(listener: (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean): void;
    };
  };
  storage: PageApi['storage'];
}

/** The polyfill's marker of a listener's rejection on the wire. */
export const REJECT_MARKER = '__mozWebExtensionPolyfillReject__';
/** Chromium's lastError when no listener answered: the polyfill resolves to undefined then, as Firefox does. */
const NO_RESPONSE = 'The message port closed before a response was received.';

/** The error's message as the polyfill sends it: an Error's or any object's string `message`, else a stock text. */
function rejectionMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return error instanceof Error || typeof message === 'string' ? String(message) : 'An unexpected error occurred';
}

export function wrapChrome(chrome: ChromeLike): PageApi {
  type Wrapped = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean;
  const wrappers = new Map<PageMessageListener, Wrapped>();
  const wrap = (listener: PageMessageListener): Wrapped => (message, sender, sendResponse) => {
    let result: Promise<unknown> | undefined;
    try {
      result = listener(message, sender);
    } catch (error) {
      result = Promise.reject(error);
    }
    if (!result || typeof result.then !== 'function') return false;
    result
      .then(sendResponse, (error: unknown) => sendResponse({ [REJECT_MARKER]: true, message: rejectionMessage(error) }))
      .catch((error: unknown) => console.error('Failed to send onMessage rejected reply', error));
    return true;
  };
  return {
    runtime: {
      sendMessage: (message) =>
        new Promise((resolve, reject) => {
          chrome.runtime.sendMessage(message, (reply) => {
            const lastError = chrome.runtime.lastError;
            if (lastError) {
              if (lastError.message === NO_RESPONSE) resolve(undefined);
              else reject(new Error(lastError.message));
            } else if ((reply as Record<string, unknown> | null)?.[REJECT_MARKER]) {
              reject(new Error((reply as { message?: string }).message));
            } else {
              resolve(reply);
            }
          });
        }),
      onMessage: {
        addListener(listener) {
          if (wrappers.has(listener)) return;
          const wrapped = wrap(listener);
          wrappers.set(listener, wrapped);
          chrome.runtime.onMessage.addListener(wrapped);
        },
        removeListener(listener) {
          const wrapped = wrappers.get(listener);
          if (!wrapped) return;
          wrappers.delete(listener);
          chrome.runtime.onMessage.removeListener(wrapped);
        },
      },
    },
    storage: chrome.storage,
  };
}

/** Firefox's native `browser` where it exists (promises throughout), else Chromium's `chrome` wrapped. */
export function pageApi(scope: { browser?: { runtime?: { id?: string } }; chrome?: unknown } = globalThis as never): PageApi {
  if (scope.browser?.runtime?.id) return scope.browser as unknown as PageApi;
  return wrapChrome(scope.chrome as ChromeLike);
}
