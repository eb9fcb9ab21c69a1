// Whether the worker refuses a capture message before doing anything with it: a malformed message, or one that is
// not from this extension's content script on a page it may run on (message-guards.ts has the rules; this file asks
// the browser what they need: the manifest's hosts, the origins the user opted in to, an injection by activeTab).
import type { BackgroundMessage, CaptureReply } from '../protocol';
import { backgroundMessageProblem, senderProblem, type SenderLike } from './message-guards';

export interface SenderCheckApi {
  /** browser.runtime.id. */
  runtimeId: string;
  /** The content scripts' host patterns in the manifest. */
  matches(): string[];
  /** The origins the user asked PostProof to run on always (utils/extension/site-access.ts). */
  siteOrigins(): Promise<string[]>;
  /** The origin of the page in that frame of that tab, from a script run there (a toolbar click grants activeTab). */
  frameOrigin(tabId: number, frameId: number): Promise<unknown>;
}

/** The refusal to answer with, or undefined when the message may be handled. */
export async function refusalOf(message: BackgroundMessage, sender: SenderLike, api: SenderCheckApi): Promise<CaptureReply | undefined> {
  const malformed = backgroundMessageProblem(message);
  const problem = malformed ?? (await senderProblem(message, sender, api.runtimeId, {
    matches: api.matches(),
    siteOrigins: await api.siteOrigins(),
    // A toolbar click (activeTab) lets the popup inject the content script anywhere: then the tab is scriptable.
    injected: async (tabId, origin) => (await api.frameOrigin(tabId, sender.frameId ?? 0)) === origin,
  }));
  // `reason` is what a screenshot reply carries, `message` a capture reply: a refusal answers both.
  return problem ? ({ ok: false, code: 'refused', message: problem, reason: problem } as CaptureReply) : undefined;
}
