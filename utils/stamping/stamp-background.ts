// The background's side of timestamping: the queue woken by chrome.alarms, on start and when the browser is back
// online, and the settings each capture is made with (collector, authorities).
import browser from 'webextension-polyfill';
import type { Collector, TsaEndpoint } from '../model';
import type { PostProofDb } from '../store/db';
import { readSettings } from '../store/settings';
import { createStampQueue, type StampQueue } from './stamp-queue';
import { chosenAuthorities } from '../provenance/tsa-presets';

export const STAMP_ALARM = 'postproof-stamp-queue';

/**
 * Starts the queue: it runs now (stamps left pending before a restart) and whenever its alarm fires. `awake` keeps the
 * background from being stopped while a run waits on an authority (utils/extension/keep-awake.ts).
 */
export function startStampQueue(db: Promise<PostProofDb>, afterStamp?: (captureId: string) => void, awake: <T>(work: Promise<T>) => Promise<T> = (work) => work): StampQueue {
  let queue: StampQueue | undefined;
  const ready = db.then((store) => {
    queue = createStampQueue({
      db: store,
      fetch: (input, init) => fetch(input, init),
      ...(afterStamp ? { afterStamp } : {}),
      schedule: (when) => (when === undefined ? browser.alarms.clear(STAMP_ALARM).then(() => undefined) : browser.alarms.create(STAMP_ALARM, { when: Math.max(when, Date.now() + 1_000) })),
    });
    return queue;
  });
  const run = () => awake(ready.then((q) => q.run())).catch((error: unknown) => console.warn('PostProof: the timestamp queue stopped:', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === STAMP_ALARM) void run();
  });
  globalThis.addEventListener?.('online', () => void run());
  void run();
  return { run };
}

/** What a new capture takes from the settings: who collects, and which authorities stamp it (the capture's deps take both). */
export interface CaptureSettings {
  collector?: Collector;
  stampWith: TsaEndpoint[];
}

export async function captureSettings(db: PostProofDb): Promise<CaptureSettings> {
  const settings = await readSettings(db);
  return { ...(settings.collector ? { collector: settings.collector } : {}), stampWith: chosenAuthorities(settings) };
}
