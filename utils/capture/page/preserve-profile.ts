// "Preserve profile" (content-script side): the account's profile header of the page in front as one capture of kind
// `profile`, through the same background pipeline as a post (an ordinary signed capture): the adapter's record of the
// header (utils/platforms/, readProfile), a script-free snapshot of the header element, its screenshot, and the avatar
// and banner at full resolution as the record's media. The popup asks for it (profile-messages.ts); capture from a
// list calls it for a URL whose urlKind is `profile`, with the capture the profile was asked from.
import type { CaptureRequest } from '../../model';
import type { PlatformAdapter } from '../../platforms/registry';
import type { CaptureMessage, CaptureReply, ScreenshotSliceReply } from '../protocol';
import { captureRequest } from './capture-request';
import { replyAfterLostAnswer } from './lost-reply';
import { screenshotWholePost } from './screenshot-page';
import { snapshotPost } from './snapshot';
import { errorMessage } from '../../error-message';

export type ProfileReader = Pick<PlatformAdapter, 'readProfile' | 'profileElement'>;

export interface PreserveProfileDeps {
  /** browser.runtime.sendMessage. */
  send(message: unknown): Promise<unknown>;
}

export interface PreserveProfileOptions {
  /** The capture this profile is asked from (a post by this author): the background signs its hash in `linkedFrom`. */
  linkedFrom?: CaptureRequest['linkedFrom'];
}

/** Whether the page shows a profile header the adapter reads, and whose: asked by the popup before it offers the button. */
export function profileOnPage(doc: Document, adapter: ProfileReader | undefined): { handle?: string; name?: string } | undefined {
  const record = adapter?.readProfile?.(doc, new URL(doc.location.href));
  const element = adapter?.profileElement?.(doc);
  if (!record || record.kind !== 'profile' || !element) return undefined;
  return { ...(record.author?.handle ? { handle: record.author.handle } : {}), ...(record.author?.name ? { name: record.author.name } : {}) };
}

/** One capture of the page's profile header. Never throws: what went wrong is the reply's message. */
export async function preserveProfileOnPage(doc: Document, adapter: ProfileReader | undefined, deps: PreserveProfileDeps, options: PreserveProfileOptions = {}): Promise<CaptureReply> {
  const captureId = crypto.randomUUID();
  try {
    const pageUrl = new URL(doc.location.href);
    const record = adapter?.readProfile?.(doc, pageUrl);
    const header = adapter?.profileElement?.(doc);
    if (!record || record.kind !== 'profile' || !header) {
      return { ok: false, code: 'no-profile', message: 'This page shows no profile header that PostProof can read, so no profile was preserved.' };
    }
    const snapshotHtml = snapshotPost(header, { pageUrl: pageUrl.href, title: doc.title, capturedAt: new Date().toISOString() });
    const screenshot = await screenshotWholePost(header, (message) => deps.send(message) as Promise<ScreenshotSliceReply>);
    const request = captureRequest(doc.defaultView!, record, snapshotHtml, header.getBoundingClientRect());
    if (options.linkedFrom) request.linkedFrom = { captureId: options.linkedFrom.captureId, kind: options.linkedFrom.kind };
    const message: CaptureMessage = { type: 'postproof/capture', request, screenshot, captureId };
    return (await deps.send(message).catch((error: unknown) => replyAfterLostAnswer(deps.send, captureId, error))) as CaptureReply;
  } catch (error) {
    return { ok: false, code: 'profile-failed', message: `The profile could not be preserved: ${errorMessage(error)}` };
  }
}
