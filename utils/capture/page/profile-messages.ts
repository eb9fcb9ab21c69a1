// The popup's profile messages to the content script of its tab: whether the page shows a profile header, and
// "Preserve profile" (preserve-profile.ts). Other messages are left to other listeners.
import { PRESERVE_PROFILE, PROFILE_PROBE, type CaptureReply, type ProfileProbeReply } from '../protocol';
import { preserveProfileOnPage, profileOnPage, type ProfileReader } from './preserve-profile';

interface MessageEvent {
  addListener(listener: (message: unknown) => Promise<unknown> | undefined): void;
  removeListener(listener: (message: unknown) => Promise<unknown> | undefined): void;
}

export function profileMessageListener(
  doc: Document,
  deps: { adapter?: ProfileReader; send(message: unknown): Promise<unknown> },
): (message: unknown) => Promise<ProfileProbeReply | CaptureReply> | undefined {
  return (message) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === PROFILE_PROBE) {
      const found = profileOnPage(doc, deps.adapter);
      return Promise.resolve(found ? { profile: true, ...found } : { profile: false });
    }
    if (type === PRESERVE_PROFILE) return preserveProfileOnPage(doc, deps.adapter, { send: deps.send });
    return undefined;
  };
}

/** Listens on `events` (browser.runtime.onMessage) and returns the function that stops listening. */
export function listenForProfileMessages(events: MessageEvent, doc: Document, deps: Parameters<typeof profileMessageListener>[1]): () => void {
  const listener = profileMessageListener(doc, deps);
  events.addListener(listener);
  return () => events.removeListener(listener);
}
