// Placeholder for the Bluesky source, written in parallel by another engineer (atproto record + signed commit): it is
// replaced at merge. Until then it makes no request and says so.
import type { WitnessSource } from '../source';

export const blueskySource: WitnessSource = {
  id: 'bluesky-atproto',
  platform: 'bluesky',
  hostPatterns: [],
  next: () => ({ unavailable: 'not yet' }),
  read: async () => ({ kind: 'unavailable', reason: 'not yet' }),
  mediaIdOf: () => undefined,
};
