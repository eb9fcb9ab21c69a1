import { errorMessage } from '../../error-message';
// The whole page as MHTML (setting "Also keep the whole page as MHTML"): chrome.pageCapture.saveAsMHTML from the
// background. `pageCapture` is an optional permission, and Firefox has no such API: either way the capture goes on
// and its record names the page copy in missing[] with the reason. A failed page copy never fails a capture.

/** The page copy as the background took it: the MHTML bytes, or why there is none. */
export type PageCopyOutcome = { data: Uint8Array } | { error: string };

export const PAGE_MHTML_PERMISSION = 'pageCapture';
export const PAGE_MHTML_PATH = 'page.mhtml';
export const PAGE_MHTML_MEDIA_TYPE = 'multipart/related';

/** What the browser offers, passed in so this runs (and is tested) without an extension. */
export interface PageCaptureApi {
  /** Whether the manifest asks for `pageCapture` at all: the Firefox build does not, as Firefox has no such API. */
  declared: boolean;
  /** Whether the user granted the optional permission. */
  granted(): Promise<boolean>;
  /** chrome.pageCapture.saveAsMHTML; absent where the browser has none (or, in Chrome, before it was granted). */
  saveAsMHTML?: (tabId: number) => Promise<Blob | undefined>;
}

export const PAGE_COPY_REASONS = {
  unsupported: 'This browser has no page-capture API (chrome.pageCapture), so the whole page could not be kept as MHTML.',
  notGranted:
    'The whole page was not kept as MHTML: PostProof was not allowed to save pages (the optional "pageCapture" permission). Turn the setting off and on again in the options to be asked.',
  noTab: 'The whole page was not kept as MHTML: the post was not in a browser tab.',
  failed: (detail: string) => `The browser could not save the whole page as MHTML: ${detail}`,
} as const;


/**
 * Saves the tab as MHTML. Reading the Blob in a service worker fails about half the time on the first call in
 * Chromium (DESIGN.md §8), so a failed attempt is tried once more before the reason is recorded.
 */
export async function copyPage(api: PageCaptureApi, tabId: number | undefined, attempts = 2): Promise<PageCopyOutcome> {
  if (!api.declared) return { error: PAGE_COPY_REASONS.unsupported };
  if (!(await api.granted().catch(() => false))) return { error: PAGE_COPY_REASONS.notGranted };
  if (!api.saveAsMHTML) return { error: PAGE_COPY_REASONS.unsupported };
  if (tabId === undefined) return { error: PAGE_COPY_REASONS.noTab };
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const blob = await api.saveAsMHTML(tabId);
      if (!blob) throw new Error('it returned no file');
      const data = new Uint8Array(await blob.arrayBuffer());
      if (data.byteLength === 0) throw new Error('it returned an empty file');
      return { data };
    } catch (error) {
      last = error;
    }
  }
  return { error: PAGE_COPY_REASONS.failed(errorMessage(last)) };
}

type ChromePageCapture = { saveAsMHTML(details: { tabId: number }, callback: (data?: Blob) => void): void };
type ChromeLike = {
  pageCapture?: ChromePageCapture;
  runtime: { lastError?: { message?: string }; getManifest(): { permissions?: string[]; optional_permissions?: string[] } };
  permissions: { contains(permissions: { permissions: string[] }): Promise<boolean> };
};

/** The extension's own API (the background's `chrome`): read at each call, as a granted permission adds the namespace. */
export function extensionPageCaptureApi(chromeApi: ChromeLike = (globalThis as unknown as { chrome: ChromeLike }).chrome): PageCaptureApi {
  const manifest = chromeApi.runtime.getManifest();
  const declared = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])].includes(PAGE_MHTML_PERMISSION);
  const pageCapture = chromeApi.pageCapture;
  return {
    declared,
    granted: () => chromeApi.permissions.contains({ permissions: [PAGE_MHTML_PERMISSION] }),
    ...(pageCapture
      ? {
          // The callback form: it works in every Chromium version, whether or not the call also returns a promise.
          saveAsMHTML: (tabId: number) =>
            new Promise<Blob | undefined>((resolve, reject) =>
              pageCapture.saveAsMHTML({ tabId }, (data) => {
                const failure = chromeApi.runtime.lastError;
                if (failure) reject(new Error(failure.message ?? 'unknown error'));
                else resolve(data);
              }),
            ),
        }
      : {}),
  };
}
