// @vitest-environment happy-dom
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { hasFixturePages } from '../../../test/fixtures';
import { inertWindow, withFixtureDocument } from '../../../test/fixture-dom';
import { SNAPSHOT_CSP, snapshotPost } from './snapshot';
import { resolveSafeUrl, sanitizeSrcset, sanitizeStyleValue } from './snapshot-sanitize';
import { expectInert } from '../../../test/support/inert-html';

const PAGE_URL = 'https://x.com/someone/status/1234567890';

/** Known XSS vectors; each must leave nothing executable or loadable behind. */
const HOSTILE_VECTORS = [
  '<script>window.pwned = 1</script>',
  '<img src="x.png" onerror="alert(2)" alt="broken">',
  '<svg onload="alert(3)"><circle r="1"></circle></svg>',
  '<svg><script>alert(4)</script><path d="M0 0"></path></svg>',
  '<iframe srcdoc="&lt;script&gt;alert(5)&lt;/script&gt;"></iframe>',
  '<a href="javascript:alert(6)">plain</a>',
  '<a href="java&#x09;script:alert(7)">tab entity</a>',
  '<a href="JaVaScRiPt:alert(8)">mixed case</a>',
  '<a href=" &#x6a;avascript:alert(9)">entity and space</a>',
  '<a href="jav&#x0A;ascript:alert(10)">newline entity</a>',
  '<a href="&#1;javascript:alert(11)">control char</a>',
  '<a href="vbscript:msgbox(12)">vbscript</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(13)">',
  '<base href="javascript:alert(14)//">',
  '<object data="javascript:alert(15)"></object>',
  '<embed src="javascript:alert(16)">',
  '<form action="javascript:alert(17)"><button>send</button></form>',
  '<button formaction="javascript:alert(18)">go</button>',
  '<style>body { background: url(javascript:alert(19)); width: expression(alert(19)) }</style>',
  '<div style="background-image: url(javascript:alert(20))">styled</div>',
  '<link rel="import" href="https://evil.example/import.html"><link rel="stylesheet" href="javascript:alert(21)">',
  '<math><mtext><a xlink:href="javascript:alert(22)">math link</a></mtext></math>',
  '<math href="javascript:alert(23)"><mi>x</mi></math>',
  '<template><img src="x" onerror="alert(24)"></template>',
  '<evil-widget onclick="alert(25)">custom element text</evil-widget>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgyNik8L3NjcmlwdD4=">data link</a>',
  '<img srcset="javascript:alert(27) 1x, https://pbs.example/ok.png 2x" alt="srcset">',
  '<svg><a xlink:href="javascript:alert(28)"><text>svg link</text></a></svg>',
  '<svg><a><animate attributeName="href" values="javascript:alert(29)"></animate><text>anim</text></a></svg>',
  '<svg><set attributeName="onmouseover" to="alert(30)"></set></svg>',
  '<svg><foreignObject><iframe src="javascript:alert(31)"></iframe></foreignObject></svg>',
  '<svg><use href="https://evil.example/sprite.svg#icon"></use><image href="javascript:alert(32)"></image></svg>',
  '<noscript><p title="</noscript><img src=x onerror=alert(33)>"></p></noscript>',
  '<video poster="javascript:alert(34)"><source src="javascript:alert(34)"></video>',
  '<div onmouseover="alert(35)">hover me</div>',
  '<img src="data:text/html,alert(36)" alt="data html">',
  '<a href="https://ok.example/" ping="https://evil.example/ping">pinged</a>',
  '<details open ontoggle="alert(38)"><summary>more</summary>details text</details>',
  '<marquee onstart="alert(39)">marquee text</marquee>',
  '<p title="&quot;&gt;&lt;script&gt;alert(40)&lt;/script&gt;">attribute breakout</p>',
  '<p>&lt;script&gt;alert(41)&lt;/script&gt;</p>',
  '<img src="https://pbs.example/a.jpg" style="background: url(https://evil.example/track.gif)" alt="tracked">',
];

let openWindows: Window[] = [];

/** A page in a fresh happy-dom window with scripts, frames, CSS and navigation all off. */
function openPage(bodyHtml: string, html: { lang?: string; dir?: string } = {}): Window {
  const window = inertWindow(PAGE_URL);
  openWindows.push(window);
  if (html.lang) window.document.documentElement.setAttribute('lang', html.lang);
  if (html.dir) window.document.documentElement.setAttribute('dir', html.dir);
  window.document.body.innerHTML = bodyHtml;
  return window;
}

afterEach(async () => {
  await Promise.all(openWindows.map((window) => window.happyDOM.close()));
  openWindows = [];
});

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function pick(window: Window, selector: string): Element {
  const element = window.document.querySelector(selector);
  if (!element) throw new Error(`${selector} is missing from the test page`);
  return element as unknown as Element;
}

describe('snapshotPost on hostile input', () => {
  /**
   * Each vector is parsed into its own section: happy-dom's parser swallows the rest of a fragment after
   * `<svg><script>`, which would hide the vectors that follow it.
   */
  function hostilePost(): Window {
    const page = openPage(
      `<article data-testid="tweet" lang="en">
        <postproof-control><button data-testid="postproof-preserve">Preserve</button></postproof-control>
        <fancy-card id="card"><b>slotted text</b></fancy-card>
      </article>`,
    );
    const article = page.document.querySelector('article')!;
    for (const [index, vector] of HOSTILE_VECTORS.entries()) {
      const section = page.document.createElement('section');
      section.setAttribute('data-vector', String(index));
      section.innerHTML = vector;
      article.append(section);
    }
    return page;
  }

  it(`removes every one of ${HOSTILE_VECTORS.length} XSS vectors`, () => {
    const page = hostilePost();
    for (const section of Array.from(page.document.querySelectorAll('section[data-vector]'))) {
      expect(section.firstElementChild, `vector ${section.getAttribute('data-vector')} was parsed`).not.toBeNull();
    }
    const card = pick(page, '#card');
    const shadow = card.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow text <slot></slot></p><img src="y.png" onerror="alert(43)" alt="in shadow"><script>alert(44)</script>';

    const html = snapshotPost(pick(page, 'article'), { pageUrl: PAGE_URL, title: 'A hostile post' });
    const output = expectInert(html);

    expect(output.body.textContent).not.toContain('Preserve');
    expect(output.body.textContent).toContain('custom element text');
    expect(output.body.textContent).toContain('marquee text');
    expect(output.body.textContent).toContain('shadow text slotted text');
    expect(output.querySelector('img[alt="in shadow"]')?.getAttribute('src')).toBe('https://x.com/someone/status/y.png');
    expect(output.querySelector('img[alt="srcset"]')?.getAttribute('srcset')).toBe('https://pbs.example/ok.png 2x');
    expect(output.querySelector('img[alt="data html"]')?.hasAttribute('src')).toBe(false);
    expect(output.querySelector('a[href="https://ok.example/"]')?.textContent).toBe('pinged');
    expect(output.querySelector('p[title]')?.getAttribute('title')).toBe('"><script>alert(40)</script>');
    expect(Array.from(output.querySelectorAll('p'), (p) => p.textContent)).toContain('<script>alert(41)</script>');
    expect(output.querySelector('svg use')).toBeNull();
  });

  it('writes a standalone document: CSP, no-referrer, no <base>, source recorded', () => {
    const page = hostilePost();
    const html = snapshotPost(pick(page, 'article'), { pageUrl: PAGE_URL, title: 'A <b>post</b>', capturedAt: '2025-01-02T03:04:05.678Z' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const output = parse(html);
    expect(output.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(output.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(SNAPSHOT_CSP);
    expect(SNAPSHOT_CSP).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; media-src 'self' file:;");
    expect(output.querySelector('meta[name="referrer"]')?.getAttribute('content')).toBe('no-referrer');
    expect(output.querySelector('meta[name="postproof:source-url"]')?.getAttribute('content')).toBe(PAGE_URL);
    expect(output.querySelector('meta[name="postproof:captured-at"]')?.getAttribute('content')).toBe('2025-01-02T03:04:05.678Z');
    expect(output.querySelector('meta[name="generator"]')?.getAttribute('content')).toBe('PostProof');
    expect(output.title).toBe('A <b>post</b>');
    expect(output.querySelector('base')).toBeNull();
  });
});

describe('snapshotPost on a normal post', () => {
  const rtlText = 'مرحبا بالعالم 👋🏽 שלום';
  function normalPost(): Window {
    return openPage(
      `<article data-testid="tweet" style="color: rgb(15, 20, 25); padding: 12px">
        <a data-testid="User-Name" href="/someone" title="Someone">Someone <span>@someone</span></a>
        <div data-testid="tweetText" lang="ar" dir="rtl" style="white-space: pre-wrap">${rtlText}
second line<br>third line 🇺🇦</div>
        <img alt="A photo of a cat" src="//pbs.twimg.com/media/cat.jpg?name=large" width="600" height="400"
             srcset="/media/cat-small.jpg 300w, /media/cat.jpg 600w">
        <a href="mailto:tips@example.org" aria-label="Send tips" role="link">tips</a>
        <a href="/someone/status/1234567890"><time datetime="2020-01-30T15:39:43.000Z">4:39 PM · Jan 30, 2020</time></a>
        <svg viewBox="0 0 24 24" aria-label="Verified"><defs><path id="icon" d="M0 0h24v24z"></path></defs><use href="#icon"></use></svg>
        <video poster="https://pbs.twimg.com/poster.jpg" src="blob:https://x.com/1234"></video>
        <div style="display: none">hidden text</div>
        <postproof-control></postproof-control>
      </article>`,
      { lang: 'ar', dir: 'rtl' },
    );
  }

  it('keeps text, languages, directions, test ids, alt text and links, made absolute', () => {
    const page = normalPost();
    const article = pick(page, 'article');
    const output = expectInert(snapshotPost(article, { pageUrl: PAGE_URL }));

    expect(output.documentElement.getAttribute('lang')).toBe('ar');
    expect(output.documentElement.getAttribute('dir')).toBe('rtl');
    const text = output.querySelector('[data-testid="tweetText"]')!;
    expect(text.getAttribute('lang')).toBe('ar');
    expect(text.getAttribute('dir')).toBe('rtl');
    expect(text.textContent).toBe(pick(page, '[data-testid="tweetText"]').textContent);
    expect(text.textContent).toContain(`${rtlText}\nsecond line`);
    expect(text.querySelector('br')).not.toBeNull();

    expect(output.querySelector('[data-testid="User-Name"]')?.getAttribute('href')).toBe('https://x.com/someone');
    expect(output.querySelector('[data-testid="User-Name"]')?.getAttribute('title')).toBe('Someone');
    expect(output.querySelector('a[aria-label="Send tips"]')?.getAttribute('href')).toBe('mailto:tips@example.org');
    expect(output.querySelector('a[aria-label="Send tips"]')?.getAttribute('role')).toBe('link');
    expect(output.querySelector('time')?.getAttribute('datetime')).toBe('2020-01-30T15:39:43.000Z');
    expect(output.querySelector('time')?.parentElement?.getAttribute('href')).toBe(PAGE_URL);

    const image = output.querySelector('img')!;
    expect(image.getAttribute('alt')).toBe('A photo of a cat');
    expect(image.getAttribute('src')).toBe('https://pbs.twimg.com/media/cat.jpg?name=large');
    expect(image.getAttribute('srcset')).toBe('https://x.com/media/cat-small.jpg 300w, https://x.com/media/cat.jpg 600w');
    expect(image.getAttribute('width')).toBe('600');
    const video = output.querySelector('video')!;
    expect(video.getAttribute('poster')).toBe('https://pbs.twimg.com/poster.jpg');
    expect(video.hasAttribute('src')).toBe(false);

    expect(output.querySelector('svg[aria-label="Verified"]')?.getAttribute('viewBox')).toBe('0 0 24 24');
    expect(output.querySelector('svg use')?.getAttribute('href')).toBe('#icon');
    expect(output.querySelector('svg path')?.getAttribute('d')).toBe('M0 0h24v24z');
    expect(output.body.textContent).not.toContain('hidden text');
    expect(output.getElementsByTagName('postproof-control')).toHaveLength(0);
  });

  it('keeps the leading newline of a <pre>, which the parser drops once', () => {
    const page = normalPost();
    const pre = page.document.createElement('pre');
    pre.textContent = '\nindented\n  code';
    pick(page, 'article').append(pre as unknown as Node);
    // happy-dom's parser keeps that first newline where browsers drop it, so the written text is checked.
    expect(snapshotPost(pick(page, 'article'), { pageUrl: PAGE_URL })).toMatch(/<pre[^>]*>\n\nindented\n  code<\/pre>/);
  });

  it('inlines computed styles that differ from the defaults, not the defaults themselves', () => {
    const page = normalPost();
    const output = parse(snapshotPost(pick(page, 'article'), { pageUrl: PAGE_URL }));
    const article = output.querySelector('article')!;
    expect(article.getAttribute('style')).toMatch(/color: rgb\(15, 20, 25\)/);
    expect(article.getAttribute('style')).toMatch(/padding-top: 12px/);
    expect(output.querySelector('[data-testid="tweetText"]')!.getAttribute('style')).toMatch(/white-space: pre-wrap/);
    // The span inherits the article's color: writing it again would only make the file bigger.
    expect(output.querySelector('[data-testid="User-Name"] span')!.hasAttribute('style')).toBe(false);
  });
});

describe('snapshot sanitizing rules', () => {
  it('accepts only http(s), mailto for links and inline raster images for src', () => {
    expect(resolveSafeUrl('/a?b=1#c', 'link', PAGE_URL)).toBe('https://x.com/a?b=1#c');
    expect(resolveSafeUrl('mailto:a@example.org', 'link', PAGE_URL)).toBe('mailto:a@example.org');
    expect(resolveSafeUrl('mailto:a@example.org', 'remote', PAGE_URL)).toBeNull();
    for (const url of ['java\tscript:alert(1)', ' JAVASCRIPT:alert(1)', '\u0001javascript:1', 'java\u200bscript:1', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'blob:https://x.com/1']) {
      expect(resolveSafeUrl(url, 'link', PAGE_URL), url).toBeNull();
    }
    expect(resolveSafeUrl('data:image/png;base64,iVBORw0KGgo=', 'image', PAGE_URL)).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(resolveSafeUrl('data:image/svg+xml,<svg onload=alert(1)>', 'image', PAGE_URL)).toBeNull();
    expect(resolveSafeUrl('data:image/png;base64,iVBORw0KGgo=', 'link', PAGE_URL)).toBeNull();
  });

  it('keeps the safe candidates of a srcset', () => {
    expect(sanitizeSrcset('a.jpg 1x,javascript:alert(1) 2x, https://cdn.example/b,c.jpg 3x', PAGE_URL)).toBe(
      'https://x.com/someone/status/a.jpg 1x, https://cdn.example/b,c.jpg 3x',
    );
    expect(sanitizeSrcset('javascript:alert(1)', PAGE_URL)).toBeNull();
  });

  it('drops CSS values that could load or run anything', () => {
    expect(sanitizeStyleValue('rgb(1, 2, 3)')).toBe('rgb(1, 2, 3)');
    expect(sanitizeStyleValue('linear-gradient(rgb(0, 0, 0), rgb(1, 1, 1))')).toBe('linear-gradient(rgb(0, 0, 0), rgb(1, 1, 1))');
    expect(sanitizeStyleValue('url("data:image/png;base64,AAAA")')).toBe('url("data:image/png;base64,AAAA")');
    for (const value of ['url("https://pbs.twimg.com/a.jpg")', 'url(javascript:alert(1))', 'expression(alert(1))', 'url("data:image/svg+xml,x")', 'image-set("a.png" 1x)', '\\75 rl(x)', 'red; background: url(x)']) {
      expect(sanitizeStyleValue(value), value).toBeNull();
    }
  });
});

/** Real saved X pages: the snapshot of the first tweet keeps its text, author and time, and no script. */
const X_FIXTURES = [
  { file: 'x_status_text_realDonaldTrump_2020-01-30_en.metascraper.html', url: 'https://x.com/realDonaldTrump/status/1222873624536653825', handle: '@realDonaldTrump', text: '“Schiff blasted for not focusing on California homeless.”' },
  { file: 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', url: 'https://x.com/UaSmart/status/1' },
  { file: 'x_status_linkcard_forbes_2026-01-27_en.metascraper.html', url: 'https://x.com/Forbes/status/1' },
  { file: 'x_status_video_verge_2018-01-27_en.metascraper.html', url: 'https://x.com/verge/status/1' },
];

describe.skipIf(!hasFixturePages)('snapshotPost on saved X pages', () => {
  it.each(X_FIXTURES)('$file', async ({ file, url, handle, text }) => {
    await withFixtureDocument('x', file, url, (document) => {
      const tweet = document.querySelector('article[data-testid="tweet"]');
      expect(tweet).not.toBeNull();
      const liveText = tweet!.querySelector('[data-testid="tweetText"]')?.textContent ?? '';
      const liveHandle = handle ?? /@\w+/.exec(tweet!.querySelector('[data-testid="User-Name"]')?.textContent ?? '')?.[0];
      const liveTime = tweet!.querySelector('time')?.getAttribute('datetime');

      const html = snapshotPost(tweet!, { pageUrl: url });
      const output = expectInert(html);
      const copy = output.querySelector('article[data-testid="tweet"]');
      expect(copy).not.toBeNull();
      expect(copy!.querySelector('[data-testid="tweetText"]')?.textContent ?? '').toBe(liveText);
      if (text) expect(liveText).toContain(text);
      expect(liveHandle).toBeTruthy();
      expect(copy!.querySelector('[data-testid="User-Name"]')?.textContent).toContain(liveHandle);
      expect(liveTime).toBeTruthy();
      expect(copy!.querySelector('time')?.getAttribute('datetime')).toBe(liveTime);
      expect(html).not.toMatch(/<script/i);
      expect(copy!.getAttribute('style')).toMatch(/display: flex/);
    });
  });
});
