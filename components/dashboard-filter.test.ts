import { describe, expect, it } from 'vitest';
import type { CaptureListing } from '../utils/store/rows';
import { currentWitnessStates, filterListings } from './dashboard-filter';

const row = (id: string, sequence: number, witness: CaptureListing['witness'], recheckOf?: string): CaptureListing => ({
  id,
  sequence,
  capturedAt: `2026-12-0${sequence}T00:00:00.000Z`,
  platform: 'x',
  mediaCount: 0,
  ...(witness ? { witness } : {}),
  ...(recheckOf ? { recheckOf } : {}),
});

describe('the witness filter', () => {
  // Newest first, as the store lists them.
  const rows = [row('r2', 4, 'not-served', 'a'), row('r1', 3, 'unchanged', 'a'), row('b', 2, 'differs'), row('a', 1, 'agrees'), row('old', 0, undefined)];
  const context = { annotations: new Map(), stampStates: new Map(), searchHits: null };

  it('gives a capture its latest re-check\'s state, and keeps each row\'s own state otherwise', () => {
    const states = currentWitnessStates(rows);
    expect(Object.fromEntries(states)).toEqual({ r2: 'not-served', r1: 'unchanged', b: 'differs', a: 'not-served', old: 'none' });
  });

  it('lists a post that stopped being served under "not served", beside the re-check that found it', () => {
    const witnessStates = currentWitnessStates(rows);
    const shown = filterListings(rows, { witness: 'not-served', sort: 'captured-desc' }, { ...context, witnessStates });
    expect(shown.map((r) => r.id)).toEqual(['r2', 'a']);
    expect(filterListings(rows, { witness: 'none', sort: 'captured-desc' }, { ...context, witnessStates }).map((r) => r.id)).toEqual(['old']);
  });
});

describe('the locker filter', () => {
  const rows = [row('c', 3, undefined), row('b', 2, undefined), row('a', 1, undefined)];
  const lockerStates = new Map([
    ['a', { state: 'locked' as const, lockedUntil: '2027-01-05T00:00:00Z' }],
    ['b', { state: 'failed' as const, error: 'AccessDenied' }],
  ]);
  const context = { annotations: new Map(), stampStates: new Map(), searchHits: null, lockerStates };

  it('lists the captures in each locker state, a capture with no queue row as "not pushed"', () => {
    expect(filterListings(rows, { locker: 'locked', sort: 'captured-desc' }, context).map((r) => r.id)).toEqual(['a']);
    expect(filterListings(rows, { locker: 'failed', sort: 'captured-desc' }, context).map((r) => r.id)).toEqual(['b']);
    expect(filterListings(rows, { locker: 'none', sort: 'captured-desc' }, context).map((r) => r.id)).toEqual(['c']);
    expect(filterListings(rows, { locker: 'queued', sort: 'captured-desc' }, context)).toEqual([]);
    expect(filterListings(rows, { sort: 'captured-desc' }, context)).toHaveLength(3);
  });
});
