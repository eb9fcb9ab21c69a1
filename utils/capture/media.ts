// Fetches a post's media files byte for byte, keeping HTTP status and Date; a failure becomes a missing[] entry.
import type { ArtifactEntry, MediaRef, MissingEntry } from '../model';
import { sha256Hex } from '../provenance/hash';

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

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

export function extensionFor(mediaType: string, url: string): string {
  const known = EXTENSIONS[mediaType];
  if (known) return known;
  const fromUrl = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1];
  return fromUrl?.toLowerCase() ?? 'bin';
}

function describeFailure(url: string, why: string): string {
  return `The media file at ${url} could not be fetched (${why}); the capture was kept without it and the gap is recorded.`;
}

export async function fetchPostMedia(
  media: MediaRef[],
  fetchFn: typeof fetch,
  timeoutMs = 30_000,
): Promise<MediaFetchResult> {
  const result: MediaFetchResult = { files: [], missing: [] };
  const seen = new Set<string>();
  for (const ref of media) {
    if (seen.has(ref.url)) continue;
    seen.add(ref.url);
    if (ref.url.startsWith('blob:')) {
      result.missing.push({
        role: 'media',
        sourceUrl: ref.url,
        reason:
          'The video is streamed by the page player (blob: URL) and is not a file that can be fetched; it is not in this capture.',
      });
      continue;
    }
    try {
      const response = await fetchFn(ref.url, { credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
      const httpDate = response.headers.get('date') ?? undefined;
      result.serverDate ??= httpDate;
      if (!response.ok) {
        result.missing.push({ role: 'media', sourceUrl: ref.url, reason: describeFailure(ref.url, `HTTP ${response.status}`) });
        continue;
      }
      const data = new Uint8Array(await response.arrayBuffer());
      const mediaType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
      const index = result.files.length + 1;
      const entry: ArtifactEntry = {
        path: `media/${index}.${extensionFor(mediaType, ref.url)}`,
        role: 'media',
        mediaType,
        bytes: data.byteLength,
        sha256: await sha256Hex(data),
        sourceUrl: ref.url,
        httpStatus: response.status,
        ...(httpDate ? { httpDate } : {}),
      };
      result.files.push({ entry, data });
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : String(error instanceof Error ? error.message : error);
      result.missing.push({ role: 'media', sourceUrl: ref.url, reason: describeFailure(ref.url, why) });
    }
  }
  return result;
}
