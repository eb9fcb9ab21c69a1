// A Chromium extension service worker is stopped after 30 s without an event or an extension API call. Opening the
// store can run an upgrade (version 5 rebuilds the search postings: about 9 s at 10,000 captures, and longer with
// more); an upgrade cut off is rolled back and starts again at the next start, so a large store would never finish.
// While such work runs, a cheap extension API call every 20 s keeps the worker alive.

export const KEEP_ALIVE_EVERY_MS = 20_000;

/** Resolves as `work` does; until then calls `ping` every `everyMs` (its failures are ignored). */
export function keepAliveWhile<T>(work: Promise<T>, ping: () => Promise<unknown>, everyMs: number = KEEP_ALIVE_EVERY_MS): Promise<T> {
  const timer = setInterval(() => {
    ping().catch(() => undefined);
  }, everyMs);
  return work.finally(() => clearInterval(timer));
}
