// @vitest-environment node
// The generic adapter: an element the user picked, with what the page's own metadata (Open Graph, JSON-LD,
// canonical link, lang) says about it; whatever stays unknown is named in missingFields.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import { extractGeneric } from './generic';

function parse(html: string): Document {
  const window = new Window({ url: 'https://news.example/a/1', settings: { enableJavaScriptEvaluation: false } });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

describe('extractGeneric', () => {
  it.skipIf(!hasFixturePages)('fills permalink, author and time from a real page’s og: and JSON-LD metadata', async () => {
    // A bsky.app page saved before the app rendered: the server-side fallback paragraph holds the post text.
    const url = 'https://bsky.app/profile/stephenking.bsky.social/post/3mddvy5bv6k27';
    const record = await withFixtureDocument('bluesky', 'bsky_post_noscript_fallback_stephenking_2026-01-26_en.metascraper.html', url, (document) =>
      extractGeneric(document.querySelector('#bsky_post_text')!, new URL(url)),
    );
    expect(record).toEqual({
      platform: 'generic',
      url,
      author: { name: 'Stephen King', url: 'https://bsky.app/profile/stephenking.bsky.social' },
      postedAt: '2026-01-26T18:50:48.357Z',
      postedAtSource: 'json',
      text:
        'The rightwing response to the murder of Alex Pretti is predictable: to outshout and talk over anyone taking another position. ' +
        "The shrillness on Twitter is especially grating, but again, not surprising. It's Orwell's doublespeak. If the man had a cell phone instead of a gun, yell louder.",
      lang: 'en',
      media: [],
    });
  });

  it('uses article: meta tags and the canonical link, and og:description only for an element without text', () => {
    const document = parse(`<html lang="fr"><head>
      <link rel="canonical" href="/a/1">
      <meta property="og:description" content="Une photo du port.">
      <meta property="article:author" content="Jeanne Martin">
      <meta property="article:published_time" content="2024-05-01T10:00:00+02:00">
      </head><body><figure><img src="/img/port-small.jpg" srcset="/img/port-800.jpg 800w, /img/port-2000.jpg 2000w"></figure>
      <p>Un texte à part.</p></body></html>`);
    const record = extractGeneric(document.querySelector('figure')!, new URL('https://news.example/a/1'));
    expect(record).toEqual({
      platform: 'generic',
      url: 'https://news.example/a/1',
      author: { name: 'Jeanne Martin' },
      postedAt: '2024-05-01T08:00:00.000Z',
      postedAtSource: 'attribute',
      text: 'Une photo du port.',
      lang: 'fr',
      media: [{ kind: 'photo', url: 'https://news.example/img/port-2000.jpg' }],
    });
    expect(extractGeneric(document.querySelector('p')!, new URL('https://news.example/a/1')).text).toBe('Un texte à part.');
  });

  it('invents nothing on a page without metadata, and names what stays unknown', () => {
    const document = parse('<html><body><main><h1>Example Domain</h1><p>Plain text.</p></main></body></html>');
    const record = extractGeneric(document.querySelector('main')!, new URL('https://example.org/'));
    expect(record).toEqual({
      platform: 'generic',
      text: 'Example Domain\nPlain text.',
      media: [],
      missingFields: ['url', 'author', 'postedAt', 'lang'],
    });
  });

  it('reads an article:author URL as the author’s URL, not a name, and skips broken JSON-LD', () => {
    const document = parse(`<html lang="en"><head><meta property="article:author" content="https://www.facebook.com/someone">
      <script type="application/ld+json">{ broken</script></head><body><article>Text</article></body></html>`);
    const record = extractGeneric(document.querySelector('article')!, new URL('https://news.example/a/1'));
    expect(record.author).toEqual({ url: 'https://www.facebook.com/someone' });
    expect(record.missingFields).toEqual(['url', 'postedAt']);
  });
});
