// HLS (.m3u8) streams: read the playlists, pick the best variant, and plan where each file lands in the capture.

export const HLS_MEDIA_TYPES = ['application/vnd.apple.mpegurl', 'application/x-mpegurl', 'audio/mpegurl', 'audio/x-mpegurl'];

export function isHlsUrl(url: string): boolean {
  try {
    return /\.m3u8$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function isHlsMediaType(mediaType: string): boolean {
  return HLS_MEDIA_TYPES.includes(mediaType.toLowerCase());
}

export interface HlsVariant {
  uri: string;
  bandwidth: number;
  /** Pixels (width × height) from RESOLUTION, 0 when not given. */
  pixels: number;
}

/** The files a playlist refers to, each as written in it (relative or absolute). */
export interface HlsPlaylist {
  kind: 'master' | 'media';
  variants: HlsVariant[];
  /** Media segments in play order, then the init section (EXT-X-MAP) and keys (EXT-X-KEY), as written. */
  segments: string[];
  resources: string[];
}

function attribute(line: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|[:,])${name}=("([^"]*)"|[^,]*)`).exec(line);
  return match ? (match[2] ?? match[1]) : undefined;
}

/** Reads an HLS playlist (RFC 8216): a master lists variants, a media playlist lists segments. */
export function parsePlaylist(text: string): HlsPlaylist {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const playlist: HlsPlaylist = { kind: 'media', variants: [], segments: [], resources: [] };
  let pendingVariant: Omit<HlsVariant, 'uri'> | undefined;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      playlist.kind = 'master';
      const resolution = /^(\d+)x(\d+)$/.exec(attribute(line, 'RESOLUTION') ?? '');
      pendingVariant = {
        bandwidth: Number(attribute(line, 'BANDWIDTH') ?? 0) || 0,
        pixels: resolution ? Number(resolution[1]) * Number(resolution[2]) : 0,
      };
    } else if (line.startsWith('#EXT-X-MAP:') || line.startsWith('#EXT-X-KEY:')) {
      const uri = attribute(line, 'URI');
      if (uri && !playlist.resources.includes(uri)) playlist.resources.push(uri);
    } else if (line && !line.startsWith('#')) {
      if (pendingVariant) {
        playlist.variants.push({ ...pendingVariant, uri: line });
        pendingVariant = undefined;
      } else {
        playlist.segments.push(line);
      }
    }
  }
  return playlist;
}

/** The variant with the most pixels, then the highest bandwidth: the best picture the platform serves. */
export function bestVariant(variants: readonly HlsVariant[]): HlsVariant | undefined {
  return [...variants].sort((a, b) => b.pixels - a.pixels || b.bandwidth - a.bandwidth)[0];
}

/**
 * Where a file a playlist refers to is kept, relative to the playlist's own folder: the same relative path when the
 * playlist names it by a plain relative path (so the playlist, kept as served, still finds it offline), else null.
 */
export function mirroredPath(uri: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/|[?#\\]/i.test(uri)) return null;
  const segments = uri.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || !/^[A-Za-z0-9._~-]+$/.test(segment))) return null;
  return uri;
}

/**
 * A playlist that reads the local copies: every URI of the served playlist replaced by its local file name. Written
 * only when the served playlist names its files by absolute URLs or queries, which a local player cannot follow.
 */
export function localPlaylist(text: string, localNames: ReadonlyMap<string, string>): string {
  return text
    .split(/(\r?\n)/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed && !trimmed.startsWith('#')) return localNames.get(trimmed) ?? line;
      return line.replace(/URI="([^"]*)"/g, (whole, uri: string) => (localNames.has(uri) ? `URI="${localNames.get(uri)}"` : whole));
    })
    .join('');
}

/** How to turn the kept segments into one video without re-encoding, for the record. */
export function joinInstructions(playlistPath: string): string {
  return `To join the segments into one video without re-encoding, run in the capture's folder: ffmpeg -i ${playlistPath} -c copy out.mp4`;
}
