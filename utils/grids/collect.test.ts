// @vitest-environment node
// The grid collection loop and the list it makes, on the real X profile page of the corpus (the one real page whose
// post links a grid reader takes: the corpus holds no Instagram or TikTok grid and no X media tab), and on fakes for
// the scrolling rules.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { isListCommand } from '../lists/messages';
import { readProfileTiles, type GridOwner, type GridTile } from '../platforms/grids';
import { collectGridTiles, MAX_EMPTY_SCROLLS, type GridCollectPage } from './collect';
import { gridListCreate, gridListName, gridMessageListenerFor } from './test-support';

const OWNER: GridOwner = { platform: 'x', handle: 'Kikobeats', url: 'https://x.com/Kikobeats' };
const PROFILE_URL = 'https://x.com/Kikobeats';
const FILE = 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html';
const noSleep = async () => undefined;

/** A grid that shows `batches` one after another, one more per scroll, then stops moving. */
function scrollingPage(batches: GridTile[][]): GridCollectPage & { scrolls: number } {
  let shown = 1;
  const page = {
    scrolls: 0,
    tiles: () => batches.slice(0, shown).flat(),
    scrollStep: async () => {
      page.scrolls += 1;
      if (shown >= batches.length) return false;
      shown += 1;
      return true;
    },
  };
  return page;
}

describe.skipIf(!hasFixturePages)('from the real X profile page to the list queue', () => {
  it('collects the account’s post links in page order and makes one list-create message of them', async () => {
    const tiles = await withFixtureDocument('x', FILE, PROFILE_URL, (document) => readProfileTiles(new URL(PROFILE_URL), document));
    const sleeps: number[] = [];
    const { tiles: collected, reason } = await collectGridTiles(scrollingPage([tiles]), {
      limit: 200,
      paceMs: [1500, 3000],
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    });
    expect(reason).toBe('end');
    // Every wait is the batch's pace (1500–3000 ms; 2250 with this random), never faster.
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms === 2250)).toBe(true);
    const message = gridListCreate(OWNER, collected.map((tile) => tile.url), new Date('2026-12-07T06:00:00Z'));
    expect(isListCommand(message)).toBe(true);
    expect(message).toEqual({
      type: 'postproof/list-create',
      name: 'X @Kikobeats – 2026-12-07',
      urls: [
        'https://x.com/Kikobeats/status/1759241476758733209',
        'https://x.com/Kikobeats/status/1987508451887784324',
        'https://x.com/Kikobeats/status/1935738866390253649',
      ],
    });
  });

  it('stops at the limit, keeping the first tiles', async () => {
    const tiles = await withFixtureDocument('x', FILE, PROFILE_URL, (document) => readProfileTiles(new URL(PROFILE_URL), document));
    const result = await collectGridTiles(scrollingPage([tiles]), { limit: 2, paceMs: [0, 0], sleep: noSleep });
    expect(result.reason).toBe('limit');
    expect(result.tiles.map((tile) => tile.id)).toEqual(['1759241476758733209', '1987508451887784324']);
  });

  it('the content script calls the X profile timeline a timeline of 3 own posts, collects their links and keeps no tiles there', async () => {
    const replies = await withFixtureDocument('x', FILE, PROFILE_URL, async (document) => {
      const listener = gridMessageListenerFor(document);
      return [
        await listener({ type: 'postproof/grid-probe' }),
        await listener({ type: 'postproof/grid-collect', limit: 10, paceMs: [0, 0] }),
        await listener({ type: 'postproof/grid-keep-tiles', limit: 10, paceMs: [0, 0] }),
        listener({ type: 'postproof/page-status' }),
      ];
    });
    expect(replies[0]).toEqual({ grid: true, kind: 'timeline', owner: OWNER, tiles: 3 });
    expect(replies[1]).toEqual({
      ok: true,
      owner: OWNER,
      reason: 'end',
      urls: ['https://x.com/Kikobeats/status/1759241476758733209', 'https://x.com/Kikobeats/status/1987508451887784324', 'https://x.com/Kikobeats/status/1935738866390253649'],
    });
    expect(replies[2]).toMatchObject({ ok: false });
    expect(replies[3]).toBeUndefined();
  });

  it('a post page is neither a grid nor a timeline', async () => {
    const url = 'https://x.com/UaSmart/status/934106870834454529';
    const reply = await withFixtureDocument('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', url, (document) => gridMessageListenerFor(document)({ type: 'postproof/grid-probe' }));
    expect(reply).toEqual({ grid: false });
  });
});

describe('collectGridTiles: scrolling rules', () => {
  const tile = (id: string): GridTile => ({ platform: 'tiktok', id, url: `https://www.tiktok.com/@a/video/${id}`, element: {} as Element });

  it('takes each tile once across scrolls, and keeps tiles as each new one is found (the tile-only capture)', async () => {
    const kept: string[] = [];
    const result = await collectGridTiles(scrollingPage([[tile('1'), tile('2')], [tile('2'), tile('3')], [tile('4')]]), {
      limit: 100,
      paceMs: [0, 0],
      sleep: noSleep,
      onTile: async (t) => void kept.push(t.id),
    });
    expect(result.tiles.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(kept).toEqual(['1', '2', '3', '4']);
  });

  it('ends on a page that keeps moving without new tiles', async () => {
    const page = { scrolls: 0, tiles: () => [tile('1')], scrollStep: async () => ((page.scrolls += 1), true) };
    const result = await collectGridTiles(page, { limit: 100, paceMs: [0, 0], sleep: noSleep });
    expect(result.reason).toBe('end');
    // One scroll after the tile was found, then MAX_EMPTY_SCROLLS that bring nothing.
    expect(page.scrolls).toBe(MAX_EMPTY_SCROLLS + 1);
  });

  it('stops when told to, between tiles', async () => {
    let stop = false;
    const result = await collectGridTiles(scrollingPage([[tile('1'), tile('2'), tile('3')]]), {
      limit: 100,
      paceMs: [0, 0],
      sleep: noSleep,
      stopped: () => stop,
      onTile: async (t) => void (stop = t.id === '2'),
    });
    expect(result).toMatchObject({ reason: 'stopped' });
    expect(result.tiles.map((t) => t.id)).toEqual(['1', '2']);
  });

  it('names the list by platform, handle and day', () => {
    expect(gridListName({ platform: 'tiktok', handle: 'illojuan', url: 'https://www.tiktok.com/@illojuan' }, new Date('2026-12-07T23:59:59Z'))).toBe('TikTok @illojuan – 2026-12-07');
  });
});
