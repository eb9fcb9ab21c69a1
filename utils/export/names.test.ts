import { describe, expect, it } from 'vitest';
import { caseSlug, exportFileName } from './names';

describe('exportFileName', () => {
  it('names one bundle in UTC and pads every field', () => {
    expect(exportFileName({ format: 'zip', now: new Date(Date.UTC(2025, 0, 9, 8, 7, 6)), captures: 1 })).toBe('postproof-bundle-20250109-080706-1captures.zip');
  });
  it('names a WACZ', () => {
    expect(exportFileName({ format: 'wacz', now: new Date(Date.UTC(2025, 0, 9, 8, 7, 6)), captures: 3 })).toBe('postproof-20250109-080706-3captures.wacz');
  });
  const now = new Date(Date.UTC(2026, 10, 28, 1, 53, 59));
  it('names a volume by case, date, time and volume', () => {
    expect(exportFileName({ format: 'zip', now, captures: 9, volume: { n: 1, of: 3, caseName: 'Kherson strikes / March' } })).toBe('postproof-kherson-strikes-march-20261128-0153-vol1of3.zip');
    expect(exportFileName({ format: 'zip', now, captures: 9, volume: { n: 2, of: 2 } })).toBe('postproof-20261128-0153-vol2of2.zip');
    expect(exportFileName({ format: 'zip', now, captures: 9, volume: { n: 1, of: 1 } })).toBe('postproof-20261128-0153.zip');
  });
  it('keeps letters of any script in a case name', () => {
    expect(caseSlug('  قضية ٢٠٢٦ — Alpha ')).toBe('قضية-٢٠٢٦-alpha');
  });
});
