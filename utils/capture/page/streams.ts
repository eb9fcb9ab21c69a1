// The stream behind a blob: video: the URLs the page's player loaded, read from the page's Resource Timing entries by
// the content script (no permission needed), and tied to the post's video only by its platform's rule. Never a guess:
// a stream no rule ties to this post's video is not taken, and the video stays in missing[] saying so.
import type { MediaRef, StreamLead } from '../../model';

/** At most this many stream URLs are remembered per page: a long session on a timeline loads many videos. */
const MAX_REMEMBERED = 2_000;

/** A URL the page loaded that may be a video stream: an HLS playlist or an mp4 file, over https. */
export function isStreamCandidate(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && /\.(m3u8|mp4)$/i.test(parsed.pathname);
  } catch {
    return false;
  }
}

/** The stream-like URLs among resource entry names, once each, in the order the page loaded them. */
export function streamCandidates(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const name of names) if (!seen.has(name) && isStreamCandidate(name)) seen.add(name);
  return [...seen];
}

/**
 * Of the stream URLs tied to one video, the one to fetch: an HLS playlist before an mp4, and of the playlists the one
 * nearest the video's folder (the master, which names the variants), the first loaded on a tie.
 */
export function pickStream(tied: readonly string[]): string | undefined {
  const depth = (url: string) => new URL(url).pathname.split('/').length;
  const playlists = tied.filter((url) => /\.m3u8$/i.test(new URL(url).pathname));
  if (playlists.length) return playlists.reduce((best, url) => (depth(url) < depth(best) ? url : best));
  return tied[0];
}

/**
 * For each blob: video of the post, the stream its player loaded: the candidates `matcherFor` accepts for that video
 * (the platform's rule), or none when there is no rule or no candidate passes it.
 */
export function streamLeads(
  media: readonly MediaRef[],
  candidates: readonly string[],
  matcherFor: (videoUrl: string) => ((streamUrl: string) => boolean) | undefined,
): StreamLead[] {
  const leads: StreamLead[] = [];
  for (const ref of media) {
    if (!ref.url.startsWith('blob:') || leads.some((lead) => lead.mediaUrl === ref.url)) continue;
    const matches = matcherFor(ref.url);
    const tied = matches ? candidates.filter((url) => matches(url)) : [];
    const streamUrl = pickStream(tied);
    leads.push({ mediaUrl: ref.url, ...(streamUrl ? { streamUrl } : {}), untied: candidates.length - tied.length });
  }
  return leads;
}

/** Resource entries as the content script sees them: the page's own (its isolated world shares the document's timeline). */
interface TimelineLike {
  getEntriesByType(type: 'resource'): { name: string }[];
}

/**
 * Remembers the stream-like URLs the page loads from now on (a PerformanceObserver sees entries even after the
 * page's Resource Timing buffer, 250 entries by default, is full), plus those already in the buffer.
 */
export function watchStreams(timeline: TimelineLike = performance, Observer: typeof PerformanceObserver | undefined = globalThis.PerformanceObserver): {
  candidates(): string[];
  stop(): void;
} {
  const remembered = new Set<string>();
  const remember = (names: Iterable<string>) => {
    for (const name of streamCandidates(names)) if (remembered.size < MAX_REMEMBERED) remembered.add(name);
  };
  let observer: PerformanceObserver | undefined;
  try {
    observer = Observer ? new Observer((list) => remember(list.getEntries().map((entry) => entry.name))) : undefined;
    observer?.observe({ type: 'resource', buffered: true });
  } catch {
    observer = undefined;
  }
  return {
    candidates() {
      remember(timeline.getEntriesByType('resource').map((entry) => entry.name));
      return [...remembered];
    },
    stop: () => observer?.disconnect(),
  };
}
