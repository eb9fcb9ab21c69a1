// What a batch does next on the page: capture the first post not seen yet, scroll for more, or stop. Pure, so the
// scroll-and-dedupe rules are tested without a browser.

/** Scrolls in a row that bring no new post, at the bottom of the page, before the batch decides the page has ended. */
export const MAX_IDLE_SCROLLS = 3;

export interface PlanInput {
  /** Keys of the posts on the page now, in document order (posts without an id are left out). */
  keys: readonly string[];
  /** Posts this run has dealt with: captured, tried, or found in the store. */
  seen: ReadonlySet<string>;
  captured: number;
  limit: number;
  /** The last scroll did not move: the page is at its end (unless it loads more). */
  atEnd: boolean;
  /** Scrolls in a row that revealed no new post. */
  idleScrolls: number;
}

export type PlanStep = { kind: 'capture'; key: string } | { kind: 'scroll' } | { kind: 'finish'; reason: 'limit' | 'end' };

export function nextStep(input: PlanInput): PlanStep {
  if (input.captured >= input.limit) return { kind: 'finish', reason: 'limit' };
  const key = input.keys.find((k) => !input.seen.has(k));
  if (key !== undefined) return { kind: 'capture', key };
  if (input.atEnd && input.idleScrolls >= MAX_IDLE_SCROLLS) return { kind: 'finish', reason: 'end' };
  return { kind: 'scroll' };
}

/** Keys not seen yet, each once, in order: what to ask the store about. */
export function unseenKeys(keys: readonly (string | undefined)[], seen: ReadonlySet<string>): string[] {
  return [...new Set(keys.filter((k): k is string => k !== undefined && !seen.has(k)))];
}

/** A pause between min and max ms, uniformly: no fixed rhythm for a platform to spot. */
export function paceDelay([min, max]: readonly [number, number], random: () => number = Math.random): number {
  return Math.round(min + (max - min) * random());
}
