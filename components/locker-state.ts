// A capture's place in the evidence locker as the dashboard shows it: the row's `data-locker-state`, its chip's words,
// and the choices of the "Locker" filter.
import { t, type MessageKey } from '../utils/i18n/i18n';
import type { LockerRowState } from '../utils/locker/queue-types';

export interface LockerSummary {
  state: LockerRowState;
  /** ISO 8601: the earliest retention date of the capture's objects, once locked. */
  lockedUntil?: string;
  /** Why the push stopped, for `failed`. */
  error?: string;
}

export type LockerSummaries = ReadonlyMap<string, LockerSummary>;

/** The filter's choices, in the order offered. */
export const LOCKER_FILTER_STATES: readonly LockerRowState[] = ['none', 'queued', 'locked', 'failed'];

export const LOCKER_LABELS: Record<LockerRowState, MessageKey> = {
  none: 'locker_state_none',
  queued: 'locker_state_queued',
  locked: 'locker_state_locked',
  failed: 'locker_state_failed',
};

/** "Locked until 2027-01-05", "Queued", "Failed: reason", "Not pushed". */
export function lockerChipText(summary: LockerSummary | undefined): string {
  const state = summary?.state ?? 'none';
  if (state === 'locked') return summary?.lockedUntil ? t('locker_chip_locked_until', summary.lockedUntil.slice(0, 10)) : t('locker_state_locked');
  if (state === 'failed') return t('locker_chip_failed', summary?.error ?? '—');
  return t(LOCKER_LABELS[state]);
}
