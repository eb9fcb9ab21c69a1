import { describe, expect, it } from 'vitest';
import { csvRecords, duplicateKey, LIST_MAX_URLS, parseUrlList, webUrl } from './parse';

describe('parseUrlList', () => {
  it('reads one URL a line, keeps a line that is no web address as an entry, skips blank lines', () => {
    const parsed = parseUrlList('https://x.com/a/status/1\r\n\n  https://bsky.app/profile/b/post/2  \nnot a url\nftp://example.org/x\n');
    expect(parsed.format).toBe('txt');
    expect(parsed.entries).toEqual([
      { line: 1, text: 'https://x.com/a/status/1', valid: true },
      { line: 3, text: 'https://bsky.app/profile/b/post/2', valid: true },
      { line: 4, text: 'not a url', valid: false },
      { line: 5, text: 'ftp://example.org/x', valid: false },
    ]);
    expect(parsed.tooMany).toBeUndefined();
  });

  it('keeps URLs that hold commas as TXT, not as CSV', () => {
    const parsed = parseUrlList('https://example.org/a?x=1,2\nhttps://example.org/b');
    expect(parsed.format).toBe('txt');
    expect(parsed.entries.map((e) => e.text)).toEqual(['https://example.org/a?x=1,2', 'https://example.org/b']);
  });

  it('reads a CSV by its URL column header (url/link/permalink/post), whatever its place, with a BOM', () => {
    const csv = '\uFEFFdate,Permalink,author\n2026-01-01,https://x.com/a/status/1,a\n2026-01-02,https://t.me/c/2,b\n';
    const parsed = parseUrlList(csv);
    expect(parsed).toMatchObject({ format: 'csv', column: 'Permalink' });
    expect(parsed.entries.map((e) => [e.line, e.text])).toEqual([
      [2, 'https://x.com/a/status/1'],
      [3, 'https://t.me/c/2'],
    ]);
    for (const header of ['url', 'Link', 'POST', 'post_url']) expect(parseUrlList(`id;${header}\n1;https://x.com/a/status/1`).column).toBe(header);
  });

  it('reads a CSV without a URL header from the first column that holds http(s) URLs, skipping a header of other names', () => {
    const parsed = parseUrlList('when\tnote\twhere\n1\tfirst\thttps://x.com/a/status/1\n2\tsecond\thttps://x.com/b/status/2\n');
    expect(parsed).toMatchObject({ format: 'csv', column: '3' });
    expect(parsed.entries.map((e) => e.text)).toEqual(['https://x.com/a/status/1', 'https://x.com/b/status/2']);
    const headless = parseUrlList('https://x.com/a/status/1,first\nhttps://x.com/b/status/2,second\n');
    expect(headless.entries.map((e) => e.text)).toEqual(['https://x.com/a/status/1', 'https://x.com/b/status/2']);
  });

  it('reads quoted fields: delimiters, doubled quotes and line breaks inside quotes', () => {
    const csv = 'note,url\n"hello, ""world""\nsecond line","https://x.com/a/status/1"\n"x",https://x.com/b/status/2\n';
    const parsed = parseUrlList(csv);
    expect(parsed.entries.map((e) => [e.line, e.text])).toEqual([
      [2, 'https://x.com/a/status/1'],
      [4, 'https://x.com/b/status/2'],
    ]);
    expect(csvRecords('a,"b,""c"""\r\n', ',')).toEqual([{ line: 1, fields: ['a', 'b,"c"'] }]);
  });

  it('refuses 10,001 URLs whole (nothing cut), and takes 10,000', () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://x.com/a/status/${i + 1}`).join('\n');
    const over = parseUrlList(urls(LIST_MAX_URLS + 1));
    expect(over.tooMany).toEqual({ count: 10_001, max: 10_000 });
    expect(over.entries).toHaveLength(10_001);
    expect(parseUrlList(urls(LIST_MAX_URLS)).tooMany).toBeUndefined();
  });
});

describe('webUrl', () => {
  it('takes http and https URLs with a host only', () => {
    expect(webUrl('https://x.com/a')?.hostname).toBe('x.com');
    for (const bad of ['javascript:alert(1)', 'https://', 'x.com/a', 'https://x.com/a b', 'data:text/html,hi']) expect(webUrl(bad)).toBeUndefined();
  });
});

describe('duplicateKey', () => {
  it('is the same for two URLs of the same page', () => {
    const same = [
      ['https://x.com/Someone/status/1', 'https://twitter.com/someone/status/1?s=20&t=abc', 'https://mobile.x.com/someone/status/1/', 'http://www.x.com/someone/status/1#reply'],
      ['https://t.me/s/ClashReport/93429', 'https://t.me/ClashReport/93429', 'https://telegram.me/clashreport/93429'],
      ['https://www.youtube.com/watch?v=abc&feature=share', 'https://youtu.be/abc', 'https://m.youtube.com/watch?v=abc'],
      ['https://www.instagram.com/p/CPeC-Eenc8l/?utm_source=ig_web', 'https://instagram.com/p/CPeC-Eenc8l'],
    ];
    for (const group of same) expect(new Set(group.map(duplicateKey)).size, group[0]).toBe(1);
  });

  it('differs for different pages, and keeps case where the platform does (Instagram codes)', () => {
    expect(duplicateKey('https://www.instagram.com/p/AbC/')).not.toBe(duplicateKey('https://www.instagram.com/p/abc/'));
    expect(duplicateKey('https://x.com/a/status/1')).not.toBe(duplicateKey('https://x.com/a/status/2'));
    expect(duplicateKey('https://www.youtube.com/watch?v=a')).not.toBe(duplicateKey('https://www.youtube.com/watch?v=b'));
  });
});
