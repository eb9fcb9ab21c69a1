// The dashboard's filters and sort orders over the listing rows: pure functions, tested alone, run per change of a
// filter (never per keystroke: the search box goes through the index and a debounce first).
import type { PlatformName } from '../utils/model';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, WitnessListingState } from '../utils/store/rows';
import type { LockerRowState } from '../utils/locker/queue-types';
import type { LockerSummaries } from './locker-state';

export type SortKey = 'captured-desc' | 'captured-asc' | 'posted-desc' | 'posted-asc' | 'author';

export interface DashboardFilter {
  platform?: PlatformName;
  /** An author's name or handle, as listed in the author filter. */
  author?: string;
  /** Local calendar days, YYYY-MM-DD, inclusive; compared with the capture time. */
  from?: string;
  to?: string;
  caseId?: string;
  tag?: string;
  stamp?: CaptureStampState;
  /** The witness state now: a capture's latest re-check, else its own (currentWitnessStates). */
  witness?: WitnessListingState;
  /** The capture's state in the evidence locker; `none` is "not pushed". */
  locker?: LockerRowState;
  sort: SortKey;
}

export interface FilterContext {
  annotations: ReadonlyMap<string, CaptureAnnotation>;
  stampStates: ReadonlyMap<string, CaptureStampState>;
  /** Sequence numbers of the captures the search found; null when there is no search. */
  searchHits: ReadonlySet<number> | null;
  /** Each row's witness state now (currentWitnessStates); absent, rows are filtered by their own. */
  witnessStates?: ReadonlyMap<string, WitnessListingState>;
  /** Each capture's locker state (the queue's rows); a capture without one is `none`. */
  lockerStates?: LockerSummaries;
}

/**
 * Each capture's witness state as it stands: its latest re-check's, else its own. A re-check row keeps its own state,
 * so "not served" lists the capture and the re-check that found it gone.
 */
export function currentWitnessStates(rows: readonly CaptureListing[]): Map<string, WitnessListingState> {
  const states = new Map<string, WitnessListingState>();
  const latest = new Map<string, number>();
  for (const row of rows) {
    states.set(row.id, row.witness ?? 'none');
    if (row.recheckOf && row.sequence > (latest.get(row.recheckOf) ?? -Infinity)) latest.set(row.recheckOf, row.sequence);
  }
  for (const row of rows) {
    if (row.recheckOf && latest.get(row.recheckOf) === row.sequence && states.has(row.recheckOf)) states.set(row.recheckOf, row.witness ?? 'none');
  }
  return states;
}

/** The author a row is filtered and sorted by: the handle when known (unique on a platform), else the name. */
export function authorKey(row: Pick<CaptureListing, 'authorName' | 'authorHandle'>): string {
  return row.authorHandle ? `@${row.authorHandle.replace(/^@/, '')}` : (row.authorName ?? '');
}

/** Start and end (exclusive) of local days as ISO instants, for comparing with UTC capture times. */
function dayBounds(from?: string, to?: string): { start?: string; end?: string } {
  const local = (day: string, plusDays: number) => {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y!, m! - 1, d! + plusDays).toISOString();
  };
  return { start: from ? local(from, 0) : undefined, end: to ? local(to, 1) : undefined };
}

const SORTS: Record<SortKey, (a: CaptureListing, b: CaptureListing) => number> = {
  'captured-desc': (a, b) => b.sequence - a.sequence,
  'captured-asc': (a, b) => a.sequence - b.sequence,
  // Posts without a known time go last either way.
  'posted-desc': (a, b) => (b.postedAt ?? '').localeCompare(a.postedAt ?? '') || b.sequence - a.sequence,
  'posted-asc': (a, b) => (a.postedAt ?? '\uffff').localeCompare(b.postedAt ?? '\uffff') || a.sequence - b.sequence,
  author: (a, b) => authorKey(a).localeCompare(authorKey(b)) || b.sequence - a.sequence,
};

/** The rows that pass every filter, in the chosen order. `rows` is newest first, so that order needs no sort. */
export function filterListings(rows: readonly CaptureListing[], filter: DashboardFilter, context: FilterContext): CaptureListing[] {
  const { start, end } = dayBounds(filter.from, filter.to);
  const kept = rows.filter((row) => {
    if (context.searchHits && !context.searchHits.has(row.sequence)) return false;
    if (filter.platform && row.platform !== filter.platform) return false;
    if (filter.author && authorKey(row) !== filter.author) return false;
    if (start && row.capturedAt < start) return false;
    if (end && row.capturedAt >= end) return false;
    if (filter.stamp && (context.stampStates.get(row.id) ?? 'off') !== filter.stamp) return false;
    if (filter.witness && (context.witnessStates?.get(row.id) ?? row.witness ?? 'none') !== filter.witness) return false;
    if (filter.locker && (context.lockerStates?.get(row.id)?.state ?? 'none') !== filter.locker) return false;
    if (filter.caseId || filter.tag) {
      const annotation = context.annotations.get(row.id);
      if (filter.caseId && !annotation?.cases.includes(filter.caseId)) return false;
      if (filter.tag && !annotation?.tags.includes(filter.tag)) return false;
    }
    return true;
  });
  return filter.sort === 'captured-desc' ? kept : kept.sort(SORTS[filter.sort]);
}

/** The choices each filter offers, from the rows in the store: platforms, authors (most captured first) and tags. */
export function filterChoices(rows: readonly CaptureListing[], annotations: ReadonlyMap<string, CaptureAnnotation>): { platforms: PlatformName[]; authors: string[]; tags: string[] } {
  const platforms = new Set<PlatformName>();
  const authors = new Map<string, number>();
  for (const row of rows) {
    platforms.add(row.platform);
    const author = authorKey(row);
    if (author) authors.set(author, (authors.get(author) ?? 0) + 1);
  }
  const tags = new Set<string>();
  for (const annotation of annotations.values()) for (const tag of annotation.tags) tags.add(tag);
  return {
    platforms: [...platforms].sort(),
    authors: [...authors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([author]) => author),
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
  };
}
