// StatusBadge: one capture's (or one check's) state as a small coloured badge with a symbol and words, so the state
// never rests on colour alone. States: saved, waiting (for a trusted timestamp), differs (the second witness saw
// something else), error, locked (in the evidence locker), neutral (anything else, e.g. "not timestamped").
// Usage: <StatusBadge state="waiting" />                      → the default words ("Waiting for a timestamp")
//        <StatusBadge state="error">{reason}</StatusBadge>   → own words; extra props (data-testid, title) pass through
import type { ComponentChildren, JSX } from 'preact';
import { t, type MessageKey } from '../../utils/i18n/i18n';
import './ui.css';

export type BadgeState = 'saved' | 'waiting' | 'differs' | 'error' | 'locked' | 'neutral';

const SYMBOLS: Record<BadgeState, string> = {
  saved: '✓',
  waiting: '◷',
  differs: '≠',
  error: '!',
  locked: '🔒︎',
  neutral: '•',
};

export const BADGE_LABELS: Record<BadgeState, MessageKey> = {
  saved: 'ui_badge_saved',
  waiting: 'ui_badge_waiting',
  differs: 'ui_badge_differs',
  error: 'ui_badge_error',
  locked: 'ui_badge_locked',
  neutral: 'ui_badge_neutral',
};

export type StatusBadgeProps = { state: BadgeState; children?: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLSpanElement>, 'children'>;

export function StatusBadge({ state, children, class: extra, ...rest }: StatusBadgeProps) {
  return (
    <span {...rest} class={`pp-badge pp-badge-${state}${extra ? ` ${String(extra)}` : ''}`} data-badge={state}>
      <span class="pp-badge-symbol" aria-hidden="true">{SYMBOLS[state]}</span>
      <span class="pp-badge-text">{children ?? t(BADGE_LABELS[state])}</span>
    </span>
  );
}
