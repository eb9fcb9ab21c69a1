// A running batch keeps the background awake. Between two captures the page waits the batch's pace (up to 120 s in
// the limits form) and sends nothing: longer than the 30 s after which Chromium stops the worker and Firefox unloads
// the event page. The next capture's message would start it again, and a start with a batch marked running means the
// browser cut the batch off (BatchBackground.recover), so a slow-paced batch interrupted itself. While the stored
// batch says running, a promise is held open under the background's keep-awake (utils/extension/keep-awake.ts).
import { BATCH_STATE_KEY, type BatchState } from './state';

export interface BatchStateStorage {
  get(key: string): Promise<Record<string, unknown>>;
  onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}

export function keepAwakeWhileBatchRuns(awake: <T>(work: Promise<T>) => Promise<T>, storage: BatchStateStorage): void {
  let release: (() => void) | undefined;
  const follow = (state: BatchState | undefined) => {
    const running = state?.status === 'running';
    if (running && !release) void awake(new Promise<void>((resolve) => (release = resolve)));
    else if (!running && release) {
      release();
      release = undefined;
    }
  };
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && BATCH_STATE_KEY in changes) follow(changes[BATCH_STATE_KEY]!.newValue as BatchState | undefined);
  });
  void storage.get(BATCH_STATE_KEY).then(
    (items) => follow(items[BATCH_STATE_KEY] as BatchState | undefined),
    () => undefined,
  );
}
