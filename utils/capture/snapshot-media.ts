// Points post.html at the media files of its own capture (media/N.ext), so the snapshot shows its images offline.
// A pure helper shared by both halves and the viewer: the page marks background images (page/snapshot.ts), the worker
// links the fetched files (worker/pipeline.ts), the viewer resolves them (entrypoints/viewer/).
import { sameMediaResource } from '../platforms/media-rules';
import { srcsetUrls } from '../platforms/srcset';

/** A captured file: where it came from and where it lies in the capture's folder. */
export interface CapturedMedia {
  sourceUrl: string;
  path: string;
}

/** The attribute that keeps the URL the page showed, next to the local path that replaced it. */
export const SOURCE_ATTRIBUTE = 'data-postproof-src';
export const POSTER_SOURCE_ATTRIBUTE = 'data-postproof-poster';
/** Written by the snapshot on an element whose CSS background was a remote image (the style keeps no remote URL). */
export const BACKGROUND_SOURCE_ATTRIBUTE = 'data-postproof-background';

// The snapshot writer escapes `>` and `"` inside attribute values, so a tag ends at the first `>` and a value at the next `"`.
const OPENING_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g;
const MEDIA_TAGS = new Set(['img', 'video', 'source']);
/** Captured paths are media/N.ext or media/N/<relative path>: nothing that needs quoting in CSS. */
const SAFE_CSS_PATH = /^media\/[A-Za-z0-9._~\/-]+$/;
const ATTRIBUTE = /\s([^\s="]+)="([^"]*)"/g;

function unescapeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The captured file showing `urls` (a src and its srcset candidates): an exact match first, then the same upload. */
export function findCapturedMedia(urls: string[], media: readonly CapturedMedia[]): CapturedMedia | undefined {
  return (
    media.find((file) => urls.includes(file.sourceUrl)) ??
    media.find((file) => urls.some((url) => sameMediaResource(url, file.sourceUrl)))
  );
}

/**
 * Rewrites the snapshot's <img src>, <video src|poster> and <source src> that show a captured file to its relative
 * path, keeping the URL the page used in a data- attribute. A srcset on a linked image is dropped: it would make the
 * browser pick the remote copy again. Everything else in the file is left byte for byte as the content script wrote it.
 */
export function linkSnapshotMedia(html: string, media: readonly CapturedMedia[]): string {
  if (media.length === 0) return html;
  return html.replace(OPENING_TAG, (tag, name: string, attributeText: string) => {
    const isMedia = MEDIA_TAGS.has(name);
    if (!isMedia && !attributeText.includes(` ${BACKGROUND_SOURCE_ATTRIBUTE}="`)) return tag;
    const attributes = Array.from(attributeText.matchAll(ATTRIBUTE), (m) => [m[1]!, unescapeAttribute(m[2]!)] as [string, string]);
    const value = (key: string) => attributes.find(([attribute]) => attribute === key)?.[1];
    const src = isMedia ? value('src') : undefined;
    const srcset = isMedia ? value('srcset') : undefined;
    const candidates = [...(src ? [src] : []), ...(srcset ? srcsetUrls(srcset) : [])];
    const linked = candidates.length > 0 ? findCapturedMedia(candidates, media) : undefined;
    const poster = name === 'video' ? value('poster') : undefined;
    const linkedPoster = poster ? findCapturedMedia([poster], media) : undefined;
    const background = value(BACKGROUND_SOURCE_ATTRIBUTE);
    const found = background ? findCapturedMedia([background], media) : undefined;
    const linkedBackground = found && SAFE_CSS_PATH.test(found.path) ? found : undefined;
    if (!linked && !linkedPoster && !linkedBackground) return tag;
    const out: [string, string][] = [];
    for (const [attribute, current] of attributes) {
      if (linked && (attribute === 'srcset' || attribute === 'sizes')) continue;
      if (linked && attribute === 'src') out.push(['src', linked.path], [SOURCE_ATTRIBUTE, current]);
      else if (linkedPoster && attribute === 'poster') out.push(['poster', linkedPoster.path], [POSTER_SOURCE_ATTRIBUTE, current]);
      else if (linkedBackground && attribute === 'style') continue;
      else out.push([attribute, current]);
    }
    if (linked && !src) out.push(['src', linked.path], [SOURCE_ATTRIBUTE, srcset ?? '']);
    if (linkedBackground) {
      const style = value('style');
      out.push(['style', `${style ? `${style}; ` : ''}background-image: url(${linkedBackground.path})`]);
    }
    return `<${name}${out.map(([attribute, current]) => ` ${attribute}="${escapeAttribute(current)}"`).join('')}>`;
  });
}

/**
 * The snapshot with its local media paths (`media/N.ext` in src and poster) replaced by what `resolve` gives, for a
 * viewer that shows it without its folder (srcdoc). Paths `resolve` does not know are left as they are.
 */
export function resolveSnapshotMedia(html: string, resolve: (path: string) => string | undefined): string {
  return html.replace(OPENING_TAG, (tag) =>
    tag
      .replace(/\s(src|poster)="(media\/[^"]*)"/g, (whole, attribute: string, path: string) => {
        const resolved = resolve(unescapeAttribute(path));
        return resolved ? ` ${attribute}="${escapeAttribute(resolved)}"` : whole;
      })
      .replace(/background-image: url\((media\/[^)"]*)\)/g, (whole, path: string) => {
        const resolved = resolve(path);
        return resolved && !/[()"'\s]/.test(resolved) ? `background-image: url(${escapeAttribute(resolved)})` : whole;
      }),
  );
}
