// The end-to-end witness routes (test/support/witness-routes.ts) against the sources themselves: for every adapter
// fixture of a platform with a witness, the routes answer each request the source makes, and what the source reads
// from them is the fixture's own record; a changed text and an error status read as such.
import { describe, expect, it } from 'vitest';
import type { PostRecord } from '../../model';
import { fixturesOf } from '../../platforms/all.fixtures';
import type { Route, RouteResponse } from '../../../test/support/fixture-server';
import { witnessRoutes, type WitnessRouteOptions } from '../../../test/support/witness-routes';
import type { WitnessReading, WitnessSource } from '../source';
import { witnessSourceFor } from './index';
import { runSteps } from './test-support';

function answer(routes: Route[], url: string): { status: number; body: string } {
  const parsed = new URL(url);
  const route = routes.find((candidate) => {
    const hostOk = candidate.host === undefined || (typeof candidate.host === 'string' ? candidate.host === parsed.hostname : candidate.host.test(parsed.hostname));
    const pathOk = typeof candidate.path === 'string' ? candidate.path === parsed.pathname : candidate.path.test(parsed.pathname + parsed.search);
    return hostOk && pathOk;
  });
  if (!route) return { status: 599, body: `no route for ${url}` };
  const response = route.respond as RouteResponse;
  return { status: response.status ?? 200, body: String(response.body ?? '') };
}

async function witness(source: WitnessSource, post: PostRecord, opts?: WitnessRouteOptions, fixture = { expected: post }): Promise<{ reading: WitnessReading; unanswered: string[] }> {
  const routes = witnessRoutes({ folder: 'x', file: 'x', url: post.url!, pageType: 'x', posts: 1, ...fixture }, opts);
  const { requests, responses } = runSteps(source, post, (request) => answer(routes, request.url));
  const unanswered = requests.filter((_, i) => responses[i]!.status === 599).map((request) => request.url);
  return { reading: await source.read(post, responses), unanswered };
}

const platforms = ['mastodon', 'reddit', 'x', 'youtube', 'tiktok', 'telegram'] as const;
const cases = platforms.flatMap((platform) =>
  fixturesOf(platform)
    .filter((fixture) => fixture.expected)
    .map((fixture) => ({ platform, name: `${platform}: ${fixture.file}`, post: fixture.expected! })),
);

describe('witness routes', () => {
  it.each(cases)('$name: a genuine post reads as its page', async ({ platform, post }) => {
    const source = witnessSourceFor(platform) as WitnessSource;
    const { reading, unanswered } = await witness(source, post);
    expect(unanswered).toEqual([]);
    expect(reading.kind).toBe('served');
    const fields = reading.kind === 'served' ? reading.fields : {};
    expect(fields.postId).toBe(post.id);
    if (post.text) expect(fields.text).toBe(post.text);
    if (post.author?.handle) expect(fields.authorHandle).toBe(post.author.handle);
    if (post.author?.id && fields.authorId) expect(fields.authorId).toBe(post.author.id);
    if (post.postedAt && fields.postedAt && platform !== 'reddit') expect(fields.postedAt).toBe(post.postedAt);
    const pageIds = (post.media ?? []).map((media) => source.mediaIdOf(media.url)).filter(Boolean);
    for (const id of fields.mediaIds ?? []) expect(pageIds).toContain(id);
  });

  it.each(cases)('$name: another text and a 404 read as such', async ({ platform, post }) => {
    const source = witnessSourceFor(platform) as WitnessSource;
    const edited = await witness(source, post, { text: 'Edited after capture' });
    expect(edited.reading).toMatchObject({ kind: 'served', fields: { text: expect.stringContaining('Edited after capture') } });
    const missing = await witness(source, post, { status: 404 });
    expect(missing.reading.kind).toBe('not-served');
  });

  it('has no routes for platforms without a non-Bluesky witness', () => {
    for (const platform of ['facebook', 'instagram', 'bluesky'] as const) {
      for (const fixture of fixturesOf(platform)) expect(witnessRoutes(fixture)).toEqual([]);
    }
  });
});
