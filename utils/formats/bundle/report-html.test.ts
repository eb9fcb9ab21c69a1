import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../evidence/capture-summary';
import { escapeHtml, renderReportHtml } from './report-html';

const hostile: CaptureSummary = {
  id: 'cap-1',
  sequence: 1,
  capturedAt: '2026-01-01T00:00:00.000Z',
  platform: 'x',
  authorName: '<img src=x onerror=alert(1)>',
  authorHandle: 'h"><b>',
  permalink: 'javascript:alert(1)',
  text: '<script>alert("pwned")</script>\nשלום',
  lang: 'he" onload="x',
  pageUrl: 'https://x.com/h/status/1?a=1&b=<2>',
  captureSha256: 'a'.repeat(64),
  keyId: 'k',
  artifacts: [{ path: 'screenshot.png', role: 'screenshot', mediaType: 'image/png', bytes: 10, sha256: 'b'.repeat(64) }],
  missing: [{ role: 'media', sourceUrl: 'https://e/"<x>', reason: '<b>403</b>' }],
  timestamps: [],
  custody: [],
};

describe('renderReportHtml', () => {
  it('escapes hostile post text, author, URLs and reasons; no script survives', async () => {
    const html = await renderReportHtml([hostile], { createdAt: '2026-01-02T00:00:00.000Z', software: 'PostProof <1>', keyId: 'k' });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
    expect(html).toContain('<div class="text" dir="auto" lang="he&#34; onload=&#34;x">');
    expect(html).toContain('href="https://x.com/h/status/1?a=1&#38;b=&#60;2&#62;"');
  });

  it('shows the screenshot by relative path and sets a strict CSP without scripts', async () => {
    const html = await renderReportHtml([hostile], { createdAt: 'now', software: 's', keyId: 'k' });
    expect(html).toContain('<img src="captures/cap-1/screenshot.png"');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toMatch(/default-src &#39;none&#39;/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(html).toMatch(/<dt>Captured at[^<]*<\/dt><dd>2026-01-01T00:00:00.000Z<\/dd>/);
  });

  it('says when there is no screenshot', async () => {
    const html = await renderReportHtml([{ ...hostile, artifacts: [] }], { createdAt: 'now', software: 's', keyId: 'k' });
    expect(html).toContain('No screenshot in this capture.');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });
});

describe('a grid tile in the report', () => {
  it('is labelled as a tile, never passed off as the post', async () => {
    const tile: CaptureSummary = { ...hostile, id: 'cap-tile', kind: 'tile', authorName: undefined, authorHandle: 'illojuan', text: undefined, permalink: 'https://www.tiktok.com/@illojuan/video/7571863205253778710' };
    const html = await renderReportHtml([tile, { ...hostile, id: 'cap-post' }], { createdAt: 'now', software: 's', keyId: 'k' });
    const [tileSection, postSection] = html.split('<section id="capture-').slice(1);
    expect(tileSection).toContain('<h2>Grid tile: @illojuan</h2>');
    expect(tileSection).toContain('It is not a capture of the post');
    expect(postSection).not.toContain('Tile only');
  });
});
