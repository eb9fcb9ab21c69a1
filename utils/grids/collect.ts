// Collecting a grid's tiles as a person would: read the tiles shown, scroll one step, wait at the batch's pace, and
// again, until the grid stops growing or the limit is reached. The page is passed in, so the loop runs in tests on
// plain fakes and on real saved pages alike.
import { MAX_IDLE_SCROLLS, paceDelay } from '../batch/planner';
import type { GridTile } from '../platforms/grids';

export interface GridCollectPage {
  /** The tiles shown now, in page order. */
  tiles(): GridTile[];
  /** Scrolls one step down; false when the page did not move (its end, for now). */
  scrollStep(): Promise<boolean>;
}

export interface GridCollectOptions {
  limit: number;
  paceMs: readonly [number, number];
  /** Called once for each new tile, in order, before the next is looked at (the tile-only capture). */
  onTile?(tile: GridTile): Promise<void>;
  /** Asked before each step: true stops the collection where it is. */
  stopped?(): boolean;
  sleep?(ms: number): Promise<void>;
  random?(): number;
}

/** Scrolls in a row that bring no new tile before the grid is taken as ended, even where the page still moves. */
export const MAX_EMPTY_SCROLLS = 8;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function collectGridTiles(page: GridCollectPage, options: GridCollectOptions): Promise<{ tiles: GridTile[]; reason: 'end' | 'limit' | 'stopped' }> {
  const sleep = options.sleep ?? defaultSleep;
  const found = new Map<string, GridTile>();
  let idle = 0;
  for (;;) {
    if (options.stopped?.()) return { tiles: [...found.values()], reason: 'stopped' };
    let fresh = 0;
    for (const tile of page.tiles()) {
      const key = `${tile.platform}:${tile.id}`;
      if (found.has(key)) continue;
      if (found.size >= options.limit) return { tiles: [...found.values()], reason: 'limit' };
      found.set(key, tile);
      fresh += 1;
      if (options.onTile) {
        await options.onTile(tile);
        if (options.stopped?.()) return { tiles: [...found.values()], reason: 'stopped' };
        await sleep(paceDelay(options.paceMs, options.random));
      }
    }
    if (found.size >= options.limit) return { tiles: [...found.values()], reason: 'limit' };
    const moved = await page.scrollStep();
    idle = fresh > 0 ? 0 : idle + 1;
    if ((!moved && idle >= MAX_IDLE_SCROLLS) || idle >= MAX_EMPTY_SCROLLS) return { tiles: [...found.values()], reason: 'end' };
    // Time for the grid to load more after a scroll, at the batch's pace.
    await sleep(paceDelay(options.paceMs, options.random));
  }
}

/** The live page as the collection loop sees it: `read` gives the tiles, the window scrolls by most of a screen. */
export function documentGridPage(doc: Document, read: () => GridTile[]): GridCollectPage {
  const win = doc.defaultView!;
  return {
    tiles: read,
    scrollStep: async () => {
      const before = win.scrollY;
      win.scrollBy({ top: Math.round(win.innerHeight * 0.8), behavior: 'instant' as ScrollBehavior });
      // A frame to lay out what the scroll brought; a hidden tab draws no frames, so at most 100 ms.
      await new Promise<void>((resolve) => {
        win.setTimeout(resolve, 100);
        win.requestAnimationFrame(() => resolve());
      });
      return win.scrollY !== before;
    },
  };
}
