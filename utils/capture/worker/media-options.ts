// The media download options of one capture: the size limit (setting `maxMediaBytes`, 500 MB by default) and, when
// the page asked for it, progress sent to the tab's Preserve control (progress.ts).
import type { CaptureProgressMessage } from '../protocol';
import type { MediaFetchOptions } from './media';
import { progressReporter } from './progress';

export interface MediaOptionsApi {
  /** browser.storage.local.get. */
  get(key: string): Promise<Record<string, unknown>>;
  /** browser.tabs.sendMessage. */
  sendToTab(tabId: number, message: CaptureProgressMessage): Promise<unknown>;
}

export async function mediaOptions(api: MediaOptionsApi, progressId: string | undefined, tabId: number | undefined): Promise<MediaFetchOptions> {
  const { maxMediaBytes } = (await api.get('maxMediaBytes')) as { maxMediaBytes?: number };
  const report = progressId && tabId !== undefined
    ? progressReporter(progressId, (update) => void api.sendToTab(tabId, update).catch(() => undefined))
    : undefined;
  return { ...(maxMediaBytes ? { maxBytes: maxMediaBytes } : {}), ...(report ? { onProgress: report } : {}) };
}
