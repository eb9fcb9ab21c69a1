// Each capture's state in the evidence locker for the dashboard: read once, again on refresh() (after a push, when the
// page comes back to the front), and every 2 s while any capture is still queued, so rows turn "locked" by themselves.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../utils/error-message';
import type { LockerActions } from './locker-push';
import type { LockerSummaries } from './locker-state';

export const LOCKER_POLL_MS = 2000;
const NONE: LockerSummaries = new Map();

export interface LockerStates {
  states: LockerSummaries;
  /** A locker is set up in Options (read with the states). */
  configured: boolean;
  /** Reading the states failed: the reason. */
  error?: string;
  refresh(): Promise<void>;
}

export function useLockerStates(actions: LockerActions | undefined, pollMs = LOCKER_POLL_MS): LockerStates {
  const [states, setStates] = useState<LockerSummaries>(NONE);
  const [configured, setConfigured] = useState(false);
  const [error, setError] = useState<string>();
  const reading = useRef(false);

  const refresh = useCallback(async () => {
    // One read at a time: a slow answer is not overtaken by the next tick's.
    if (!actions || reading.current) return;
    reading.current = true;
    try {
      // Apart: a queue that cannot be read does not hide that a locker is set up, nor the other way round.
      const [isConfigured, summaries] = await Promise.allSettled([actions.configured(), actions.summaries()]);
      if (isConfigured.status === 'fulfilled') setConfigured(isConfigured.value);
      if (summaries.status === 'fulfilled') setStates(summaries.value);
      const failed = [isConfigured, summaries].find((result) => result.status === 'rejected');
      setError(failed ? errorMessage(failed.reason) : undefined);
    } finally {
      reading.current = false;
    }
  }, [actions]);

  useEffect(() => {
    actions?.wake?.();
    void refresh();
  }, [refresh]);

  const anyQueued = useMemo(() => [...states.values()].some((summary) => summary.state === 'queued'), [states]);
  useEffect(() => {
    if (!anyQueued) return;
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [anyQueued, refresh, pollMs]);

  return { states, configured, error, refresh };
}
