// "Preserve page" from the popup (content-script side; its message is in ../protocol.ts): the whole page of the tab as
// one capture. The record's post is the page itself (platform from the registry or `generic`, the page URL, its title
// as text); the screenshot is the whole document, sliced and stitched by the same code as a tall post's
// (screenshot-page.ts, stitch.ts); the background adds page.mhtml (chrome.pageCapture) whatever the setting, or names
// it in missing[].
import type { CaptureMessage, CaptureReply, ScreenshotSliceReply } from '../protocol';
import type { CaptureRequest, PlatformName } from '../../model';
import { captureRequest } from './capture-request';
import { screenshotWholePost, wholeDocument } from './screenshot-page';
import { snapshotPost } from './snapshot';

export interface PreservePageDeps {
  /** The registry's platform of this page, or `generic`. */
  platform: PlatformName;
  /** browser.runtime.sendMessage. */
  send(message: unknown): Promise<unknown>;
}

/** Our own controls are not part of the page: hidden while the screenshot is taken, shown again after. */
function hideOwnControls(document: Document): () => void {
  const controls = Array.from(document.querySelectorAll<HTMLElement>('postproof-control'));
  const before = controls.map((control) => control.style.getPropertyValue('visibility'));
  for (const control of controls) control.style.setProperty('visibility', 'hidden', 'important');
  return () => controls.forEach((control, i) => (before[i] ? control.style.setProperty('visibility', before[i]!) : control.style.removeProperty('visibility')));
}

export function pageCaptureRequest(document: Document, platform: PlatformName, snapshotHtml: string): CaptureRequest {
  const root = document.scrollingElement ?? document.documentElement;
  const post = { platform, url: document.location.href, ...(document.title ? { text: document.title } : {}) };
  return captureRequest(document.defaultView!, post, snapshotHtml, wholeDocument(root));
}

export async function preservePage(document: Document, deps: PreservePageDeps): Promise<CaptureReply> {
  const root = document.scrollingElement ?? document.documentElement;
  const snapshotHtml = snapshotPost(document.body ?? root, { pageUrl: document.location.href, title: document.title, capturedAt: new Date().toISOString() });
  const showControls = hideOwnControls(document);
  let screenshot;
  try {
    screenshot = await screenshotWholePost(root, (message) => deps.send(message) as Promise<ScreenshotSliceReply>, wholeDocument, { fixedOnlyInFirstSlice: true });
  } finally {
    showControls();
  }
  const message: CaptureMessage = {
    type: 'postproof/capture',
    request: pageCaptureRequest(document, deps.platform, snapshotHtml),
    screenshot,
    captureId: crypto.randomUUID(),
    wholePage: true,
  };
  return (await deps.send(message)) as CaptureReply;
}
