// Fetches a post's media files byte for byte, keeping HTTP status and Date; a failure becomes a missing[] entry.
import type { ArtifactEntry, MediaRef, MissingEntry, StreamLead } from '../../model';
import { sha256Hex } from '../../provenance/hash';
import { mediaUrlProblem, originMatchesPattern } from './message-guards';
import { MEDIA_HOST_PERMISSIONS } from '../../platforms/hosts';
import { bestVariant, isHlsMediaType, isHlsUrl, joinInstructions, localPlaylist, mirroredPath, parsePlaylist } from './hls';
import { DEFAULT_MAX_MEDIA_BYTES, fetchStreamed, MediaFetchError, type StreamedFile } from './video';
import { formatMegabytes } from '../megabytes';
import { errorMessage } from '../../error-message';

export interface FetchedFile {
  entry: ArtifactEntry;
  data: Uint8Array;
}

export interface MediaFetchResult {
  files: FetchedFile[];
  missing: MissingEntry[];
  /** The HTTP Date of the first platform response: a second clock, independent of the capturer's. */
  serverDate?: string;
}

/** How far the media download has come, for the Preserve control. */
export interface MediaProgress {
  /** Bytes received so far, all files of the capture together. */
  received: number;
  /** The file being fetched. */
  url: string;
  /** Its announced size, when the server gave one. */
  fileTotal?: number;
}

export interface MediaFetchOptions {
  /** Give up on a file when the server sends nothing for this long. */
  timeoutMs?: number;
  /** All media of one capture together may take at most this many bytes (a setting; 500 MB by default). */
  maxBytes?: number;
  onProgress?: (progress: MediaProgress) => void;
  /** The page the post is on: media on a local or private host is fetched only when the page is on that host too. */
  pageUrl?: string;
  /** What the content script found behind the post's blob: videos (utils/capture/page/streams.ts). */
  streams?: readonly StreamLead[];
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/mp2t': 'ts',
  'application/vnd.apple.mpegurl': 'm3u8',
  'application/x-mpegurl': 'm3u8',
};

/** A stream has at most this many files: a live stream's playlist can grow without end. */
const MAX_HLS_FILES = 5_000;

export function extensionFor(mediaType: string, url: string): string {
  const known = EXTENSIONS[mediaType];
  if (known) return known;
  const fromUrl = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1];
  return fromUrl?.toLowerCase() ?? 'bin';
}

function describeFailure(url: string, why: string): string {
  return `The media file at ${url} could not be fetched (${why}); the capture was kept without it and the gap is recorded.`;
}

function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
}

/** Downloads for one capture: the shared byte budget, the progress total and the server clock. */
class MediaSession {
  received = 0;
  serverDate?: string;

  constructor(private readonly fetchFn: typeof fetch, private readonly options: Required<Omit<MediaFetchOptions, 'onProgress' | 'pageUrl' | 'streams'>> & Pick<MediaFetchOptions, 'onProgress' | 'pageUrl'>) {}

  async get(url: string): Promise<StreamedFile> {
    const before = this.received;
    // URLs come from the page (and from playlists it serves): never fetch file:, data:, or the user's own network.
    const refused = mediaUrlProblem(url, this.options.pageUrl);
    if (refused) throw new MediaFetchError('network', `it was not fetched: ${refused}`);
    try {
      const file = await fetchStreamed(url, this.fetchFn, {
        idleTimeoutMs: this.options.timeoutMs,
        maxBytes: this.options.maxBytes - before,
        onBytes: (received, total) => {
          this.received = before + received;
          this.options.onProgress?.({ received: this.received, url, ...(total !== undefined ? { fileTotal: total } : {}) });
        },
      });
      const redirected = file.response.redirected ? mediaUrlProblem(file.response.url, this.options.pageUrl) : null;
      if (redirected) throw new MediaFetchError('network', `the server redirected it to a refused address: ${redirected}`);
      this.serverDate ??= file.response.headers.get('date') ?? undefined;
      this.received = before + file.data.byteLength;
      return file;
    } catch (error) {
      this.received = before;
      throw error;
    }
  }

  async entry(path: string, url: string, file: StreamedFile, note?: string): Promise<FetchedFile> {
    const httpDate = file.response.headers.get('date') ?? undefined;
    return {
      entry: {
        path,
        role: 'media',
        mediaType: mediaTypeOf(file.response),
        bytes: file.data.byteLength,
        sha256: await sha256Hex(file.data),
        sourceUrl: url,
        httpStatus: file.response.status,
        ...(httpDate ? { httpDate } : {}),
        ...(note ? { note } : {}),
      },
      data: file.data,
    };
  }
}

function whyFailed(error: unknown): string {
  if (error instanceof MediaFetchError) return error.message;
  return errorMessage(error);
}

export async function fetchPostMedia(media: MediaRef[], fetchFn: typeof fetch, options: MediaFetchOptions = {}): Promise<MediaFetchResult> {
  const streams = options.streams ?? [];
  const session = new MediaSession(fetchFn, {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES,
    onProgress: options.onProgress,
    pageUrl: options.pageUrl,
  });
  const result: MediaFetchResult = { files: [], missing: [] };
  const seen = new Set<string>();
  let index = 0;
  for (const ref of media) {
    if (seen.has(ref.url)) continue;
    seen.add(ref.url);
    let url = ref.url;
    let discovered = false;
    if (ref.url.startsWith('blob:')) {
      const lead = streams.find((candidate) => candidate.mediaUrl === ref.url);
      const problem = lead?.streamUrl ? discoveredStreamProblem(lead.streamUrl) : undefined;
      if (!lead?.streamUrl || problem) {
        result.missing.push({ role: 'media', sourceUrl: ref.url, reason: blobReason(lead, problem) });
        continue;
      }
      url = lead.streamUrl;
      discovered = true;
    }
    try {
      const file = await session.get(url);
      const mediaType = mediaTypeOf(file.response);
      index++;
      let files: FetchedFile[];
      if (isHlsUrl(url) || isHlsMediaType(mediaType)) {
        const stream = await fetchHlsStream(session, url, file, `media/${index}`);
        files = stream.files;
        result.missing.push(...stream.missing);
      } else {
        files = [await session.entry(`media/${index}.${extensionFor(mediaType, url)}`, url, file)];
      }
      if (discovered) files = files.map((fetched) => (fetched.entry.sourceUrl === url ? markDiscovered(fetched, ref.url) : fetched));
      result.files.push(...files);
    } catch (error) {
      const reason = describeFailure(url, whyFailed(error));
      result.missing.push({ role: 'media', sourceUrl: url, reason: discovered ? `${reason} It was the stream found for the video shown as ${ref.url}.` : reason });
    }
  }
  if (session.serverDate) result.serverDate = session.serverDate;
  return result;
}

/** Why a stream URL the content script found is not fetched: only a supported platform's media CDNs are asked. */
function discoveredStreamProblem(url: string): string | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return 'it is not a valid URL';
  }
  if (!/\.(m3u8|mp4)$/i.test(new URL(url).pathname)) return 'it is neither an HLS playlist nor an mp4 file';
  return MEDIA_HOST_PERMISSIONS.some((pattern) => originMatchesPattern(origin, pattern)) ? undefined : `${new URL(url).hostname} is not a media host of a supported platform`;
}

/** The missing[] reason of a blob: video whose stream was not taken. */
function blobReason(lead: StreamLead | undefined, problem: string | undefined): string {
  const base = 'The video is streamed by the page player (blob: URL), which is not a file that can be fetched';
  if (problem) return `${base}; the stream found for it (${lead?.streamUrl}) was not fetched: ${problem}. The video is not in this capture.`;
  if (lead && lead.untied > 0) {
    const streams = lead.untied === 1 ? 'the 1 video stream' : `the ${lead.untied} video streams`;
    return `${base}, and ${streams} the page loaded could not be tied to this post's video, so none was taken. The video is not in this capture.`;
  }
  return `${base}, and the page had loaded no stream that could be tied to it (play the video, then preserve the post again). The video is not in this capture.`;
}

/** The file whose URL was found in the page's Resource Timing entries, marked so (docs/automation.md). */
function markDiscovered(fetched: FetchedFile, blobUrl: string): FetchedFile {
  const found = `Found in the page's Resource Timing entries as the stream the player loaded for the video shown as ${blobUrl}, tied to this post by its platform's rule.`;
  const note = fetched.entry.note ? `${fetched.entry.note} ${found}` : found;
  return { ...fetched, entry: { ...fetched.entry, note, discoveredFrom: 'resource-timing' } };
}

function fileNameOf(url: string, fallback: string): string {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  return mirroredPath(name) ? name : fallback;
}

/**
 * An HLS stream: the playlist as served, the best variant's playlist as served, and every file that variant names
 * (init section, keys, segments), each hashed as fetched. Files go under `folder` at the relative paths the
 * playlists use, so the served playlists play offline; where they use absolute URLs, a local playlist is added.
 */
async function fetchHlsStream(session: MediaSession, url: string, first: StreamedFile, folder: string): Promise<{ files: FetchedFile[]; missing: MissingEntry[] }> {
  const decoder = new TextDecoder();
  const head: FetchedFile[] = [];
  let playlistUrl = url;
  let playlistFile = first;
  let playlistPath = `${folder}/${fileNameOf(url, 'playlist.m3u8')}`;
  let playlist = parsePlaylist(decoder.decode(first.data));
  let variantNote = '';

  if (playlist.kind === 'master') {
    const variant = bestVariant(playlist.variants);
    head.push(await session.entry(playlistPath, url, first, 'HLS master playlist as served; its best variant was kept.'));
    if (!variant) return { files: head, missing: [{ role: 'media', sourceUrl: url, reason: 'The stream lists no variant to fetch; only its playlist was kept.' }] };
    variantNote = ` The best of ${playlist.variants.length} variants (BANDWIDTH=${variant.bandwidth}).`;
    playlistUrl = new URL(variant.uri, url).href;
    playlistPath = `${folder}/${mirroredPath(variant.uri) ?? fileNameOf(playlistUrl, 'variant.m3u8')}`;
    playlistFile = await session.get(playlistUrl);
    playlist = parsePlaylist(decoder.decode(playlistFile.data));
  }

  const playlistDir = playlistPath.slice(0, playlistPath.lastIndexOf('/'));
  const named = [...playlist.resources, ...playlist.segments];
  const uris = named.slice(0, MAX_HLS_FILES);
  const localNames = new Map<string, string>();
  const kept: FetchedFile[] = [];
  const missing: MissingEntry[] = [];
  for (const [position, uri] of uris.entries()) {
    const fileUrl = new URL(uri, playlistUrl).href;
    const local = mirroredPath(uri) ?? `file-${String(position + 1).padStart(5, '0')}.${extensionFor('', fileUrl)}`;
    localNames.set(uri, local);
    try {
      kept.push(await session.entry(`${playlistDir}/${local}`, fileUrl, await session.get(fileUrl)));
    } catch (error) {
      missing.push({ role: 'media', sourceUrl: fileUrl, reason: describeFailure(fileUrl, whyFailed(error)) });
    }
  }
  if (named.length > uris.length) {
    missing.push({ role: 'media', sourceUrl: playlistUrl, reason: `The stream names ${named.length} files; only the first ${MAX_HLS_FILES} were kept.` });
  }
  if (kept.length < named.length) {
    missing.push({
      role: 'media',
      sourceUrl: playlistUrl,
      reason: `Only ${kept.length} of the stream's ${named.length} files were kept (${formatMegabytes(session.received)} of media fetched in all); the video is incomplete.`,
    });
  }

  // The served playlist plays offline as it is when it names its files by plain relative paths; else a local one is written.
  const playsOffline = uris.every((uri) => mirroredPath(uri) !== null);
  const joinPath = playsOffline ? playlistPath : `${playlistDir}/local.m3u8`;
  const note = `HLS playlist as served; ${kept.length} of its ${named.length} files are kept beside it.${variantNote} ${joinInstructions(joinPath)}`;
  const files = [...head, await session.entry(playlistPath, playlistUrl, playlistFile, note), ...kept];
  if (!playsOffline) {
    const data = new TextEncoder().encode(localPlaylist(decoder.decode(playlistFile.data), localNames));
    files.push({
      entry: {
        path: joinPath,
        role: 'media',
        mediaType: 'application/vnd.apple.mpegurl',
        bytes: data.byteLength,
        sha256: await sha256Hex(data),
        note: `Written by PostProof, not served: ${playlistPath} with each file's URL replaced by the name of its local copy, so a player can read the stream offline.`,
      },
      data,
    });
  }
  return { files, missing };
}
