// A capture's trusted-timestamp state in the lists (stamped / waiting / failed with reason / off), with the three
// clocks compared: the collector's, the platform server's (HTTP Date) and each timestamp authority's.
import { useMemo } from 'preact/hooks';
import type { StoredCapture, StoredStamp } from '../utils/model';
import { compareClocks, formatOffset } from '../utils/provenance/clock-compare';
import { captureStampState } from '../utils/store/stamps';
import { formatLocalTime } from './format';

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
    .map((r, i) => `${r.label}: ${r.time}${i === 0 ? '' : ` (${formatOffset(r.offsetMs)})`}`)
    .join('\n');
}

function label(stamps: readonly StoredStamp[]): string {
  const state = captureStampState(stamps);
  const names = (wanted: StoredStamp['state']) => stamps.filter((s) => s.state === wanted).map((s) => s.tsaName).join(', ');
  switch (state) {
    case 'off':
      return 'Not timestamped (timestamping was off)';
    case 'stamped':
      return `Timestamped by ${names('stamped')}`;
    case 'waiting': {
      const waiting = stamps.filter((s) => s.state === 'waiting');
      const reason = waiting.find((s) => s.lastError)?.lastError?.message;
      const next = Math.min(...waiting.map((s) => s.nextAttemptAt ?? 0));
      const retry = reason && next > 0 ? ` Next try ${formatLocalTime(new Date(next).toISOString())}.` : '';
      return `Waiting for timestamp from ${names('waiting')}${reason ? `: ${reason.replace(/[.;\s]*$/, '.')}` : ''}${retry}`;
    }
    case 'failed': {
      const failed = stamps.filter((s) => s.state === 'failed');
      return `Timestamp failed (${failed.map((s) => `${s.tsaName}: ${s.lastError?.message ?? 'unknown reason'}`).join('; ')})`;
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
          {' '}· {s.tsaName} {formatOffset(Date.parse(s.genTime!) - Date.parse(capture.capturedAt))}
        </span>
      ))}
    </span>
  );
}
