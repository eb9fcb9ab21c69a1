// The content script's side of grid pages: answers the popup's probe, collects the tiles' post links for the list
// queue, and keeps tiles as shown (kind `tile`) through the page's one capture path. One grid job per tab at a time.
import type { CaptureResponse, PostRecord } from '../model';
import { gridOwnerOf, isGridPage, readGridTiles, readProfileTiles, tileRecord, xProfileOwner } from '../platforms/grids';
import { errorMessage } from '../error-message';
import { collectGridTiles, documentGridPage } from './collect';
import {
  GRID_COLLECT,
  GRID_KEEP_TILES,
  GRID_PROBE,
  isGridMessage,
  type GridCollectReply,
  type GridKeepTilesReply,
  type GridMessage,
  type GridProbeReply,
} from './messages';

export interface GridWiring {
  /** The page's one capture of an element with the given record (utils/capture/page/preserve-post.ts), quietly. */
  preserveTile(element: Element, record: PostRecord): Promise<CaptureResponse>;
}

type GridReply = GridProbeReply | GridCollectReply | GridKeepTilesReply;

/** Caps a limit from a message: a whole number from 1 to 10,000 (the list queue's own ceiling). */
function safeLimit(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : 0;
  return Math.min(Math.max(n, 1), 10_000);
}

function safePace(value: unknown): [number, number] {
  const [min, max] = Array.isArray(value) ? value : [];
  const lo = typeof min === 'number' && Number.isFinite(min) && min >= 0 ? min : 1500;
  const hi = typeof max === 'number' && Number.isFinite(max) && max >= lo ? max : lo;
  return [lo, hi];
}

export function gridMessageListener(doc: Document, wiring: GridWiring): (message: unknown) => Promise<GridReply> | undefined {
  let busy = false;
  const pageUrl = () => new URL(doc.location.href);

  async function run(message: GridMessage): Promise<GridReply> {
    const url = pageUrl();
    const gridOwner = gridOwnerOf(url);
    // An X profile's timeline: its own post links go to the list queue like a grid's, but it has no tiles to keep.
    const owner = gridOwner ?? xProfileOwner(url);
    if (message.type === GRID_PROBE) {
      if (gridOwner && isGridPage(url, doc)) return { grid: true, kind: 'grid', owner: gridOwner, tiles: readGridTiles(url, doc).length };
      const posts = owner ? readProfileTiles(url, doc).length : 0;
      return owner && posts > 0 ? { grid: true, kind: 'timeline', owner, tiles: posts } : { grid: false };
    }
    if (!owner) return { ok: false, message: 'This page is not a profile grid PostProof can read.' };
    if (message.type === GRID_KEEP_TILES && !gridOwner) return { ok: false, message: 'This page shows posts, not tiles: preserve the posts instead.' };
    if (busy) return { ok: false, message: 'PostProof is already going through this grid; wait for it to finish.' };
    busy = true;
    try {
      const page = documentGridPage(doc, () => readProfileTiles(pageUrl(), doc));
      const options = { limit: safeLimit(message.limit), paceMs: safePace(message.paceMs) };
      if (message.type === GRID_COLLECT) {
        const { tiles, reason } = await collectGridTiles(page, options);
        return { ok: true, owner, urls: tiles.map((tile) => tile.url), reason: reason === 'stopped' ? 'end' : reason };
      }
      let captured = 0;
      let failed = 0;
      let fatal: string | undefined;
      const { reason } = await collectGridTiles(page, {
        ...options,
        stopped: () => fatal !== undefined,
        onTile: async (tile) => {
          tile.element.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
          const reply = await wiring.preserveTile(tile.element, tileRecord(tile, owner));
          if (reply.ok) captured += 1;
          else {
            failed += 1;
            // No answer from the background: stop here rather than fail every tile after it.
            if (reply.code === 'no-reply') fatal = reply.message;
          }
        },
      });
      return { ok: true, owner, captured, failed, reason, ...(fatal ? { message: fatal } : {}) };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    } finally {
      busy = false;
    }
  }

  return (message) => (isGridMessage(message) ? run(message) : undefined);
}
