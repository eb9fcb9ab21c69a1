import { describe, expect, it } from 'vitest';
import type { Corroboration } from '../model';
import { recheckFindings, recheckWords } from './recheck';

const block = (status: Corroboration['status'], witness: Record<string, string> = {}): Corroboration => ({
  source: 's',
  fetchedAt: 'now',
  status,
  files: [],
  fields: Object.entries(witness).map(([field, value]) => ({ field: field as 'text', verdict: 'agrees', witness: value })),
});

describe('recheckFindings', () => {
  const first = block('agrees', { postId: '1', text: 'Hello  world', postedAt: '2020-01-01T00:00:00Z' });

  it('is unchanged when every witness value is the same, after normalisation', () => {
    expect(recheckFindings(first, block('agrees', { postId: '1', text: 'Hello world', postedAt: '2020-01-01T00:00:00.000Z' }))).toEqual({ outcome: 'unchanged', changed: [] });
  });

  it('names each changed field, and a field that appeared or vanished', () => {
    const now = block('differs', { postId: '1', text: 'Hello world (edited)', mediaCount: '1' });
    expect(recheckFindings(first, now)).toEqual({ outcome: 'changed', changed: ['text', 'mediaCount'] });
  });

  it('says not served, unavailable, or that there was nothing to compare with', () => {
    expect(recheckFindings(first, block('not-served')).outcome).toBe('not-served');
    expect(recheckFindings(first, block('unavailable')).outcome).toBe('unavailable');
    expect(recheckFindings(block('unavailable'), block('agrees', { postId: '1' })).outcome).toBe('first-witness');
    expect(recheckFindings(undefined, block('agrees', { postId: '1' })).outcome).toBe('first-witness');
  });

  it('has words for each outcome', () => {
    expect(recheckWords({ outcome: 'changed', changed: ['text'] })).toMatch(/changed since the first capture: text/);
    expect(recheckWords({ outcome: 'not-served', changed: [] })).toMatch(/No longer served/);
  });
});
