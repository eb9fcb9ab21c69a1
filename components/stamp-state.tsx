// A capture's trusted-timestamp state in the lists (stamped / waiting / failed with reason / off), with the three
// clocks compared: the collector's, the platform server's (HTTP Date) and each timestamp authority's.
import { useMemo } from 'preact/hooks';
import type { StoredCapture, StoredStamp } from '../utils/store/rows';
import { t } from '../utils/i18n/i18n';
import { compareClocks } from '../utils/provenance/clock-compare';
import { captureStampState } from '../utils/store/stamps';
import { clockLabel, formatLocalTime, localOffset } from './format';

/** The server's Date from the signed record (the index row does not carry it). */
function serverDateOf(capture: StoredCapture): string | undefined {
  try {
    return (JSON.parse(new TextDecoder().decode(capture.recordBytes)) as { clock?: { serverDate?: string } }).clock?.serverDate;
  } catch {
    return undefined;
  }
}

/** One line per clock, for the tooltip: "Platform server (HTTP Date): 2026-… (+1 s)". */
export function clockSummary(capture: StoredCapture, stamps: readonly StoredStamp[]): string {
  const tsa = stamps.flatMap((s) => (s.state === 'stamped' && s.genTime ? [{ name: s.tsaName, genTime: s.genTime }] : []));
  return compareClocks({ capturedAt: capture.capturedAt, serverDate: serverDateOf(capture), tsa })
    .map((r, i) => (i === 0 ? t('clock_line', [clockLabel(r), r.time]) : t('clock_line_offset', [clockLabel(r), r.time, localOffset(r.offsetMs)])))
    .join('\n');
}

function label(stamps: readonly StoredStamp[]): string {
  const state = captureStampState(stamps);
  const names = (wanted: StoredStamp['state']) => stamps.filter((s) => s.state === wanted).map((s) => s.tsaName).join(t('list_separator'));
  switch (state) {
    case 'off':
      return t('stamp_state_off');
    case 'stamped':
      return t('stamp_state_stamped', names('stamped'));
    case 'waiting': {
      const waiting = stamps.filter((s) => s.state === 'waiting');
      const reason = waiting.find((s) => s.lastError)?.lastError?.message;
      const next = Math.min(...waiting.map((s) => s.nextAttemptAt ?? 0));
      if (!reason) return t('stamp_state_waiting', names('waiting'));
      // The reason comes from the authority or the network, in English; it ends with a full stop either way.
      const because = t('stamp_state_waiting_reason', [names('waiting'), reason.replace(/[.;\s]*$/, '.')]);
      return next > 0 ? `${because} ${t('stamp_state_next_try', formatLocalTime(new Date(next).toISOString()))}` : because;
    }
    case 'failed': {
      const failed = stamps.filter((s) => s.state === 'failed');
      const reasons = failed.map((s) => t('stamp_failure_reason', [s.tsaName, s.lastError?.message ?? t('unknown_reason')]));
      return t('stamp_state_failed', reasons.join(t('list_separator_strong')));
    }
  }
}

export function StampState({ capture, stamps = [] }: { capture: StoredCapture; stamps?: readonly StoredStamp[] }) {
  const state = captureStampState(stamps);
  const title = useMemo(() => clockSummary(capture, stamps), [capture, stamps]);
  const stamped = stamps.filter((s) => s.state === 'stamped' && s.genTime);
  return (
    <span class={`stamp-state stamp-${state}`} data-testid="stamp-state" data-state={state} title={title}>
      {label(stamps)}
      {stamped.map((s) => (
        <span key={s.tsaId} class="stamp-offset">
          {' '}· {s.tsaName} {localOffset(Date.parse(s.genTime!) - Date.parse(capture.capturedAt))}
        </span>
      ))}
    </span>
  );
}
