// A witness source for unit tests only: one JSON request whose body holds the fields as they are, so each test
// shapes the witness it needs. The platforms' real sources are tested against their own response shapes.
import type { WitnessFields, WitnessReading, WitnessResponse, WitnessSource } from './source';

export const jsonSource: WitnessSource = {
  id: 'test-json',
  platform: 'generic',
  hostPatterns: ['https://witness.example/*'],
  next: (post, done) => (done.length === 0 ? { request: { url: `https://witness.example/posts/${post.id}`, name: 'post', ext: 'json', accept: 'application/json' } } : { done: true }),
  async read(_post, responses: readonly WitnessResponse[]): Promise<WitnessReading> {
    const first = responses[0];
    if (!first) return { kind: 'unavailable', reason: 'No answer was kept.' };
    if (first.status === 404 || first.status === 410) return { kind: 'not-served', reason: `The platform answered ${first.status}.` };
    return { kind: 'served', fields: JSON.parse(new TextDecoder().decode(first.body)) as WitnessFields };
  },
  mediaIdOf: (url) => /\/([^/.]+)\.[a-z]+$/.exec(url)?.[1],
};
