// WitnessActions for the extension's pages: re-checks and watching run in the worker (it holds the platforms' host
// permissions); ticking "Watch" first asks for the notifications permission, in the click.
import browser, { type Permissions } from 'webextension-polyfill';
import { RECHECK_MESSAGE, WATCH_MESSAGE, WATCH_STORAGE_KEY, type RecheckResult } from '../utils/witness/recheck-messages';
import type { WitnessActions } from './witness-panel';

const NOTIFICATIONS = { permissions: ['notifications'] } as unknown as Permissions.Permissions;

export const extensionWitness: WitnessActions = {
  recheck: (captureIds) => browser.runtime.sendMessage({ type: RECHECK_MESSAGE, captureIds }) as Promise<RecheckResult[]>,
  watched: async () => ((await browser.storage.local.get(WATCH_STORAGE_KEY))[WATCH_STORAGE_KEY] as Record<string, unknown> | undefined) ?? {},
  async setWatched(captureId, watched) {
    // Refused, the post is still watched: its changes show in the dashboard's witness filter instead.
    if (watched) await browser.permissions.request(NOTIFICATIONS).catch(() => false);
    await browser.runtime.sendMessage({ type: WATCH_MESSAGE, captureId, watched });
  },
};
