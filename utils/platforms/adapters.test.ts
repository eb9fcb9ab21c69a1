// @vitest-environment node
// One harness for every adapter: each declared fixture page must yield the declared record for its first post.
import { afterAll, describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { formatScoreTable, scoreFixture, type FixtureScore } from '../../test/support/fixture-score';
import { adapterFixtureCases, fixturesOf } from './all.fixtures';
import { adapterForPage, adapterForUrl, allAdapters } from './index';

const cases = adapterFixtureCases();

describe('registered adapters', () => {
  it('each declares fixtures to be tested on', () => {
    expect(allAdapters().length).toBeGreaterThan(0);
    for (const adapter of allAdapters()) expect(fixturesOf(adapter.name), adapter.name).not.toHaveLength(0);
  });

  describe.skipIf(!hasFixturePages)('on their real saved pages', () => {
    const scores: FixtureScore[] = [];

    for (const { adapter, fixture } of cases) {
      it(`${adapter.name}: ${fixture.file}`, async () => {
        const pageUrl = new URL(fixture.url);
        const { found, count, record } = await withFixtureDocument(fixture.folder, fixture.file, fixture.url, (document) => {
          const posts = [...document.querySelectorAll(adapter.postSelector)];
          return { found: adapterForPage(pageUrl, document), count: posts.length, record: posts[0] && adapter.extract(posts[0], pageUrl) };
        });
        // By host, or (Mastodon, any instance) by the page's structure.
        expect(found).toBe(adapter);
        expect(count, `posts found with ${adapter.postSelector}`).toBe(fixture.posts);
        const score = scoreFixture(adapter.name, fixture, count, record);
        scores.push(score);
        // Every field outside the declared gaps must be exactly right; a gap that is in fact right must be removed.
        expect(score.wrong.filter((field) => !(field in (fixture.knownGaps ?? {})))).toEqual([]);
        expect(Object.keys(fixture.knownGaps ?? {}).filter((field) => !score.wrong.includes(field))).toEqual([]);
      });
    }

    afterAll(() => {
      if (scores.length === cases.length) console.log(formatScoreTable(scores));
    });

    it.sequential('reads at least 95% of the expected fields right over all pages', () => {
      const correct = scores.reduce((sum, s) => sum + s.fieldsCorrect, 0);
      const expected = scores.reduce((sum, s) => sum + s.fieldsExpected, 0);
      expect(correct / Math.max(expected, 1)).toBeGreaterThanOrEqual(0.95);
    });
  });
});

describe('adapterForUrl', () => {
  it.each([
    'https://x.com/UaSmart/status/934106870834454529',
    'https://twitter.com/verge/status/957383241714970624',
    'https://mobile.x.com/home',
  ])('gives the X adapter for %s', (url) => {
    expect(adapterForUrl(new URL(url))?.name).toBe('x');
  });

  it.each([
    'https://example.com/x.com/status/1',
    'https://x.com.example.net/a/status/1',
    'https://notx.com/a/status/1',
    'http://x.com/a/status/1',
    'https://bsky.app.example.net/profile/a/post/b',
  ])('gives no adapter for %s', (url) => {
    expect(adapterForUrl(new URL(url))).toBeUndefined();
  });
});
