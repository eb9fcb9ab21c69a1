// The messages of grid pages (utils/grids/): the popup asks the content script whether its page is a profile grid,
// has it collect the tiles' post links (scrolling at the batch pace) or keep the tiles as shown, and sends the links
// to the list queue (utils/lists/messages.ts, `postproof/list-create`), since a tile is not a post.
import type { ListCommandMessage } from '../lists/messages';
import type { GridOwner } from '../platforms/grids';

export const GRID_PROBE = 'postproof/grid-probe';
export const GRID_COLLECT = 'postproof/grid-collect';
export const GRID_KEEP_TILES = 'postproof/grid-keep-tiles';

/** Popup → content script: is this page a profile grid? */
export interface GridProbeMessage {
  type: typeof GRID_PROBE;
}
/**
 * `grid`: a profile grid of tiles (Instagram, TikTok, X's media tab); `timeline`: an X profile's timeline, whose own
 * posts can be sent to the list queue the same way (each preserved from its own page), but which holds no tiles.
 */
export type GridProbeReply = { grid: false } | { grid: true; kind: 'grid' | 'timeline'; owner: GridOwner; tiles: number };

/** Popup → content script: collect the post links of every tile, scrolling for more, at most `limit`. */
export interface GridCollectMessage {
  type: typeof GRID_COLLECT;
  limit: number;
  paceMs: [number, number];
}
/** `end`: the grid ended (no new tile after several scrolls); `limit`: stopped at the limit. */
export type GridCollectReply = { ok: true; owner: GridOwner; urls: string[]; reason: 'end' | 'limit' } | { ok: false; message: string };

/** Popup → content script: keep each tile as it is shown (kind `tile`), scrolling for more, at most `limit`. */
export interface GridKeepTilesMessage {
  type: typeof GRID_KEEP_TILES;
  limit: number;
  paceMs: [number, number];
}
export type GridKeepTilesReply =
  | { ok: true; owner: GridOwner; captured: number; failed: number; reason: 'end' | 'limit' | 'stopped'; message?: string }
  | { ok: false; message: string };

export type GridMessage = GridProbeMessage | GridCollectMessage | GridKeepTilesMessage;

export function isGridMessage(message: unknown): message is GridMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === GRID_PROBE || type === GRID_COLLECT || type === GRID_KEEP_TILES;
}

const PLATFORM_LABELS: Record<GridOwner['platform'], string> = { instagram: 'Instagram', tiktok: 'TikTok', x: 'X' };

/** The list's name: the profile and the day the links were collected, e.g. "TikTok @illojuan – 2026-12-07". */
export function gridListName(owner: GridOwner, collectedAt: Date): string {
  return `${PLATFORM_LABELS[owner.platform]} @${owner.handle} – ${collectedAt.toISOString().slice(0, 10)}`;
}

/** The list-create message for a grid's post links: each URL once, in grid order. */
export function gridListCreate(owner: GridOwner, urls: readonly string[], collectedAt: Date): Extract<ListCommandMessage, { type: 'postproof/list-create' }> {
  return { type: 'postproof/list-create', name: gridListName(owner, collectedAt), urls: [...new Set(urls)] };
}
