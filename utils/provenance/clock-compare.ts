// Three clocks side by side: the collector's (capturedAt), the platform server's (HTTP Date) and each timestamp
// authority's (genTime). Only the last is attested by a third party; the differences show how far they agree.

export interface ClockReading {
  /** "Collector's clock", "Platform server (HTTP Date)", "FreeTSA (RFC 3161)". */
  label: string;
  /** ISO 8601 UTC. */
  time: string;
  /** Milliseconds after (+) or before (−) the collector's clock; 0 for the collector's own reading. */
  offsetMs: number;
}

export interface ClockSources {
  capturedAt: string;
  serverDate?: string;
  tsa?: readonly { name: string; genTime: string }[];
}

/** The readings that parse, each with its difference from the collector's clock. */
export function compareClocks(sources: ClockSources): ClockReading[] {
  const local = Date.parse(sources.capturedAt);
  if (Number.isNaN(local)) return [];
  const readings: ClockReading[] = [{ label: 'Collector’s clock', time: new Date(local).toISOString(), offsetMs: 0 }];
  const add = (label: string, value: string | undefined) => {
    const time = value === undefined ? Number.NaN : Date.parse(value);
    if (!Number.isNaN(time)) readings.push({ label, time: new Date(time).toISOString(), offsetMs: time - local });
  };
  add('Platform server (HTTP Date)', sources.serverDate);
  for (const tsa of sources.tsa ?? []) add(`${tsa.name} (RFC 3161 timestamp)`, tsa.genTime);
  return readings;
}

/**
 * "+3 s", "−1 min 12 s", "+2 h 5 min", "same second". The server's Date and most tokens count whole seconds,
 * so differences under a second are not meaningful.
 */
export function formatOffset(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds === 0) return 'same second';
  const sign = ms > 0 ? '+' : '−';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = h > 0 ? [`${h} h`, ...(m ? [`${m} min`] : [])] : m > 0 ? [`${m} min`, ...(s ? [`${s} s`] : [])] : [`${s} s`];
  return `${sign}${parts.join(' ')}`;
}
