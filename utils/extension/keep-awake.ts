// The background is stopped when idle: Chromium stops the extension service worker after 30 s without an event or an
// extension API call, and Firefox unloads the event page after 30 s (extensions.background.idle.timeout) without
// one. Work that outlasts that (a capture whose media arrive slowly, a store upgrade, a locker push of a large file, a
// timestamp authority that answers late) would be cut off mid-way: in Firefox a capture then failed with "Receiving
// end does not exist" (test/firefox.e2e.ts). Both browsers count an extension API call as activity (measured in
// Firefox ESR 153: runtime.getPlatformInfo and alarms.getAll reset the idle timer; storage.local.get and fetch do
// not), so while any such work is in flight, a cheap call is made every few seconds.

export const KEEP_AWAKE_EVERY_MS = 5_000;

export interface KeepAwakeTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Wraps work: until every wrapped promise has settled, `ping` is called every `everyMs` (its failures ignored). */
export type KeepAwake = <T>(work: Promise<T>) => Promise<T>;

export function keepAwake(
  ping: () => Promise<unknown>,
  everyMs: number = KEEP_AWAKE_EVERY_MS,
  timers: KeepAwakeTimers = { setInterval: (callback, ms) => setInterval(callback, ms), clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>) },
): KeepAwake {
  let inFlight = 0;
  let timer: unknown;
  return <T>(work: Promise<T>): Promise<T> => {
    if (inFlight++ === 0) timer = timers.setInterval(() => void ping().catch(() => undefined), everyMs);
    return work.finally(() => {
      if (--inFlight === 0) timers.clearInterval(timer);
    });
  };
}

/** A message listener's answer kept awake when it is a promise (a listener that does not answer returns undefined). */
export function awakeAnswer<T>(awake: KeepAwake, answer: T): T {
  return answer instanceof Promise ? (awake(answer) as T) : answer;
}
