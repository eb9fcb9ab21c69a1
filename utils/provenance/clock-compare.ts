// Three clocks side by side: the collector's (capturedAt), the platform server's (HTTP Date) and each timestamp
// authority's (genTime). Only the last is attested by a third party; the differences show how far they agree.

export interface ClockReading {
  /** "Collector's clock", "Platform server (HTTP Date)", "FreeTSA (RFC 3161)". */
  label: string;
  /** Whose clock, so an interface can word the label in its own language; `tsaName` names the authority. */
  source: 'collector' | 'server' | 'tsa';
  tsaName?: string;
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
  const readings: ClockReading[] = [{ label: 'Collector’s clock', source: 'collector', time: new Date(local).toISOString(), offsetMs: 0 }];
  const add = (reading: Pick<ClockReading, 'label' | 'source' | 'tsaName'>, value: string | undefined) => {
    const time = value === undefined ? Number.NaN : Date.parse(value);
    if (!Number.isNaN(time)) readings.push({ ...reading, time: new Date(time).toISOString(), offsetMs: time - local });
  };
  add({ label: 'Platform server (HTTP Date)', source: 'server' }, sources.serverDate);
  for (const tsa of sources.tsa ?? []) add({ label: `${tsa.name} (RFC 3161 timestamp)`, source: 'tsa', tsaName: tsa.name }, tsa.genTime);
  return readings;
}

/** The words of an offset: English by default; an interface passes its own language's. */
export interface OffsetUnits {
  sameSecond: string;
  hours(n: number): string;
  minutes(n: number): string;
  seconds(n: number): string;
}

const ENGLISH_UNITS: OffsetUnits = { sameSecond: 'same second', hours: (n) => `${n} h`, minutes: (n) => `${n} min`, seconds: (n) => `${n} s` };

/**
 * "+3 s", "−1 min 12 s", "+2 h 5 min", "same second". The server's Date and most tokens count whole seconds,
 * so differences under a second are not meaningful.
 */
export function formatOffset(ms: number, units: OffsetUnits = ENGLISH_UNITS): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds === 0) return units.sameSecond;
  const sign = ms > 0 ? '+' : '−';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = h > 0 ? [units.hours(h), ...(m ? [units.minutes(m)] : [])] : m > 0 ? [units.minutes(m), ...(s ? [units.seconds(s)] : [])] : [units.seconds(s)];
  return `${sign}${parts.join(' ')}`;
}
