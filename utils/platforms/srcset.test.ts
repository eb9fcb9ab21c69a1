// The one srcset reader: split as the HTML parser splits, and the largest candidate by width, then density.
import { describe, expect, it } from 'vitest';
import { largestSrcsetCandidate, splitSrcset, srcsetUrls } from './srcset';

const IG_SRCSET =
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/sh0.08/e35/p640x640/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=ec0d 640w,' +
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/sh0.08/e35/p750x750/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=aa01 750w,' +
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/e35/p1080x1080/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=bb02 1080w';

describe('splitSrcset', () => {
  it('splits as the HTML parser does: a URL runs to whitespace, a comma ends a candidate', () => {
    expect(splitSrcset('a.jpg 1x,javascript:alert(1) 2x, https://cdn.example/b,c.jpg 3x')).toEqual([
      { url: 'a.jpg', descriptor: '1x' },
      { url: 'javascript:alert(1)', descriptor: '2x' },
      { url: 'https://cdn.example/b,c.jpg', descriptor: '3x' },
    ]);
    expect(splitSrcset(' ,a.jpg,, b.jpg  640w 480h ,c.jpg')).toEqual([
      { url: 'a.jpg', descriptor: '' },
      { url: 'b.jpg', descriptor: '640w 480h' },
      { url: 'c.jpg', descriptor: '' },
    ]);
    expect(splitSrcset('')).toEqual([]);
    expect(splitSrcset(' , ,')).toEqual([]);
  });

  it('reads candidates separated by a bare comma (Instagram)', () => {
    expect(srcsetUrls(IG_SRCSET)).toHaveLength(3);
    expect(srcsetUrls('https://a.test/1.jpg 1x, https://a.test/2.jpg 2x')).toEqual(['https://a.test/1.jpg', 'https://a.test/2.jpg']);
  });
});

describe('largestSrcsetCandidate', () => {
  const base = 'https://www.instagram.com/p/x/';

  it('takes the widest candidate, whatever the order, absolute against the page', () => {
    expect(largestSrcsetCandidate(IG_SRCSET, base)).toContain('/p1080x1080/');
    expect(largestSrcsetCandidate('/640.jpg 640w, /1080.jpg 1080w, /750.jpg 750w', base)).toBe('https://www.instagram.com/1080.jpg');
  });

  it('else the densest; no descriptor is 1x; a width outranks any density', () => {
    expect(largestSrcsetCandidate('a.jpg 1x, b.jpg 2x', 'https://www.facebook.com/')).toBe('https://www.facebook.com/b.jpg');
    expect(largestSrcsetCandidate('a.jpg, b.jpg 1.5x', 'https://www.facebook.com/')).toBe('https://www.facebook.com/b.jpg');
    expect(largestSrcsetCandidate('/a.jpg 3x, /b.jpg 320w', base)).toBe('https://www.instagram.com/b.jpg');
    expect(largestSrcsetCandidate('/a.jpg 2x, /b.jpg 2x', base)).toBe('https://www.instagram.com/a.jpg');
  });

  it('takes only http(s) URLs and readable descriptors', () => {
    expect(largestSrcsetCandidate('javascript:alert(1) 9000w', 'https://www.facebook.com/')).toBeUndefined();
    expect(largestSrcsetCandidate('data:image/png;base64,AAAA 9000w, /a.jpg 1x', base)).toBe('https://www.instagram.com/a.jpg');
    expect(largestSrcsetCandidate('/a.jpg 1x, /b.jpg 640w 480h, /c.jpg 2X, /d.jpg big, /e.jpg 1.2.3x', base)).toBe('https://www.instagram.com/a.jpg');
    expect(largestSrcsetCandidate('http://[::1 2x', base)).toBeUndefined();
    expect(largestSrcsetCandidate('', base)).toBeUndefined();
  });
});
