// @vitest-environment node
// Grid reading on the real pages of the shared corpus. The corpus holds no Instagram or TikTok profile grid and no X
// media tab yet (see the report of issue 16): the X profile timeline is the one real page whose post links a grid
// reader can take, and every post page of the corpus must not pass for a grid.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { adapterFixtureCases } from './all.fixtures';
import { gridOwnerOf, isGridPage, readGridTiles, readProfileTiles, tileRecord } from './grids';

const PROFILE_FILE = 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html';
const PROFILE_URL = 'https://x.com/Kikobeats';

describe('gridOwnerOf: which addresses are grid pages', () => {
  it('names the account of an Instagram profile, a TikTok profile and an X media tab', () => {
    expect(gridOwnerOf(new URL('https://www.instagram.com/pluto__travel/'))).toEqual({ platform: 'instagram', handle: 'pluto__travel', url: 'https://www.instagram.com/pluto__travel/' });
    expect(gridOwnerOf(new URL('https://www.instagram.com/pluto__travel/reels/'))?.handle).toBe('pluto__travel');
    expect(gridOwnerOf(new URL('https://www.tiktok.com/@illojuan'))).toEqual({ platform: 'tiktok', handle: 'illojuan', url: 'https://www.tiktok.com/@illojuan' });
    expect(gridOwnerOf(new URL('https://x.com/Kikobeats/media'))).toEqual({ platform: 'x', handle: 'Kikobeats', url: 'https://x.com/Kikobeats' });
  });

  it('refuses posts, reserved paths, other hosts and plain http', () => {
    for (const address of [
      'https://www.instagram.com/p/CPeC-Eenc8l/',
      'https://www.instagram.com/explore/',
      'https://www.tiktok.com/@illojuan/video/7571863205253778710',
      'https://x.com/Kikobeats',
      'https://x.com/Kikobeats/status/1987508451887784324',
      'https://x.com/i/media',
      'https://instagram.com.evil.example/pluto__travel/',
      'http://www.tiktok.com/@illojuan',
    ]) {
      expect(gridOwnerOf(new URL(address)), address).toBeUndefined();
    }
  });
});

describe.skipIf(!hasFixturePages)('on the real pages of the corpus', () => {
  it('no post page of any platform passes for a grid page', async () => {
    for (const { fixture } of adapterFixtureCases()) {
      if (fixture.folder.startsWith('local:')) continue;
      const grid = await withFixtureDocument(fixture.folder, fixture.file, fixture.url, (document) => isGridPage(new URL(fixture.url), document));
      expect(grid, fixture.file).toBe(false);
    }
  });

  it('the X profile timeline is no grid page, yet its own posts are read as tiles, in page order, each once', async () => {
    const { grid, gridTiles, tiles } = await withFixtureDocument('x', PROFILE_FILE, PROFILE_URL, (document) => ({
      grid: isGridPage(new URL(PROFILE_URL), document),
      gridTiles: readGridTiles(new URL(PROFILE_URL), document),
      tiles: readProfileTiles(new URL(PROFILE_URL), document).map(({ element, ...tile }) => ({ ...tile, tag: element.localName })),
    }));
    expect(grid).toBe(false);
    expect(gridTiles).toEqual([]);
    // The pinned post, then the timeline; the quoted post of @rauchg inside the third is not this account's tile.
    expect(tiles).toEqual([
      { platform: 'x', id: '1759241476758733209', url: 'https://x.com/Kikobeats/status/1759241476758733209', thumbnailUrl: 'https://pbs.twimg.com/media/GGoUy3NWoAATSe8?format=jpg&name=900x900', tag: 'a' },
      { platform: 'x', id: '1987508451887784324', url: 'https://x.com/Kikobeats/status/1987508451887784324', thumbnailUrl: 'https://pbs.twimg.com/media/G5UMZMfaYAEb6lJ?format=jpg&name=medium', tag: 'a' },
      { platform: 'x', id: '1935738866390253649', url: 'https://x.com/Kikobeats/status/1935738866390253649', tag: 'a' },
    ]);
  });

  it('a tile kept as shown is a record of kind tile: the post link, the account, the thumbnail, and no post id', async () => {
    const [tile] = await withFixtureDocument('x', PROFILE_FILE, PROFILE_URL, (document) => readProfileTiles(new URL(PROFILE_URL), document));
    const record = tileRecord(tile!, { platform: 'x', handle: 'Kikobeats', url: 'https://x.com/Kikobeats' });
    expect(record).toEqual({
      platform: 'x',
      kind: 'tile',
      url: 'https://x.com/Kikobeats/status/1759241476758733209',
      author: { handle: 'Kikobeats', url: 'https://x.com/Kikobeats' },
      media: [{ kind: 'photo', url: 'https://pbs.twimg.com/media/GGoUy3NWoAATSe8?format=jpg&name=900x900' }],
    });
    expect(record.id).toBeUndefined();
    expect(record.text).toBeUndefined();
  });
});

describe('tileRecord', () => {
  it('a TikTok tile shows the video cover, and a tile without a link is listed as missing its URL', () => {
    const owner = { platform: 'tiktok' as const, handle: 'illojuan', url: 'https://www.tiktok.com/@illojuan' };
    expect(tileRecord({ platform: 'tiktok', url: 'https://www.tiktok.com/@illojuan/video/7571863205253778710', thumbnailUrl: 'https://p16-pu-sign-no.tiktokcdn-eu.com/cover.image' }, owner).media).toEqual([
      { kind: 'video-poster', url: 'https://p16-pu-sign-no.tiktokcdn-eu.com/cover.image' },
    ]);
    const broken = tileRecord({ platform: 'tiktok', url: '' }, owner);
    expect(broken.platform).toBe('generic');
    expect(broken.missingFields).toEqual(['url']);
    expect(broken.kind).toBe('tile');
  });
});
