// "Check again": a new witness of a post against the one kept at its first capture, field by field, in the words a
// reader needs: still served and unchanged, changed (which fields), no longer served, or no answer.
import type { Corroboration, PostRecord, Recheck, WitnessFieldName } from '../model';
import { sameValue } from './compare';

export function recheckFindings(first: Corroboration | undefined, now: Corroboration, timeSource?: PostRecord['postedAtSource']): Pick<Recheck, 'outcome' | 'changed'> {
  if (now.status === 'unavailable') return { outcome: 'unavailable', changed: [] };
  if (now.status === 'not-served') return { outcome: 'not-served', changed: [] };
  if (!first || first.status === 'unavailable' || first.status === 'not-served') return { outcome: 'first-witness', changed: [] };
  const before = new Map(first.fields.map((f) => [f.field, f.witness]));
  const changed: WitnessFieldName[] = [];
  for (const field of now.fields) {
    const was = before.get(field.field);
    if (was === undefined && field.witness === undefined) continue;
    const same = was !== undefined && field.witness !== undefined && sameValue(field.field, was, field.witness, timeSource) === true;
    if (!same) changed.push(field.field);
  }
  return { outcome: changed.length ? 'changed' : 'unchanged', changed };
}

/** In words, for the dashboard, the report and the verifier. */
export function recheckWords(recheck: Pick<Recheck, 'outcome' | 'changed'>): string {
  switch (recheck.outcome) {
    case 'unchanged':
      return 'Still served, unchanged since the first capture.';
    case 'changed':
      return `Still served, but changed since the first capture: ${recheck.changed.join(', ')}.`;
    case 'not-served':
      return 'No longer served by the platform.';
    case 'unavailable':
      return 'The platform could not be asked; nothing is known of the post now.';
    case 'first-witness':
      return 'Served now; the first capture kept no served witness to compare with.';
  }
}
