// @vitest-environment node
// One harness for every adapter: each declared fixture page must yield the declared record for its first post.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { adapterForUrl, allAdapters } from './index';

const cases = allAdapters().flatMap((adapter) => adapter.fixtures.map((fixture) => ({ adapter, fixture })));

describe('registered adapters', () => {
  it('each declares fixtures to be tested on', () => {
    expect(allAdapters().length).toBeGreaterThan(0);
    for (const adapter of allAdapters()) expect(adapter.fixtures, adapter.name).not.toHaveLength(0);
  });

  describe.skipIf(!hasFixturePages)('on their real saved pages', () => {
    for (const { adapter, fixture } of cases) {
      it(`${adapter.name}: ${fixture.file}`, async () => {
        const pageUrl = new URL(fixture.url);
        expect(adapterForUrl(pageUrl)).toBe(adapter);
        const record = await withFixtureDocument(fixture.folder, fixture.file, fixture.url, (document) => {
          const post = document.querySelector(adapter.postSelector);
          expect(post, `no element matches ${adapter.postSelector}`).not.toBeNull();
          return post && adapter.extract(post, pageUrl);
        });
        expect(record).toEqual(fixture.expected);
      });
    }
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
    'https://bsky.app/profile/a/post/b',
  ])('gives no adapter for %s', (url) => {
    expect(adapterForUrl(new URL(url))).toBeUndefined();
  });
});
