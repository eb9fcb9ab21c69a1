// The small HTML reader the string-based sources share: what it must get right for the bodies they read.
import { describe, expect, it } from 'vitest';
import { byClass, decodeEntities, findAll, findFirst, paragraphText, parseHtml, readableText } from './html';

describe('witness html reader', () => {
  it('decodes character references, and leaves unknown ones as written', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &#39;d&#x27; &quot;e&quot; &hellip; &nbsp;|&bogus; &#xD800;')).toBe('a & b <c> \'d\' "e" … \u00a0|&bogus; \ufffd');
  });

  it('builds a tree through void elements, comments, raw text and unclosed paragraphs', () => {
    const root = parseHtml('<!-- SC_OFF --><div class="md"><p>one<br>two<p>three <img alt="🙂" src=x></div><script>if (a < b) { "</p>" }</script><!-- SC_ON -->');
    expect(paragraphText(root)).toBe('one\ntwo\n\nthree 🙂');
    expect(findAll(root, (el) => el.name === 'p')).toHaveLength(2);
    expect(readableText(root)).not.toContain('a < b');
  });

  it('collapses whitespace as a browser draws it, keeping <pre>', () => {
    const root = parseHtml('<div>  a\n   b <br>  c  <pre>x\n  y</pre></div>');
    expect(readableText(findFirst(root, (el) => el.name === 'div')!, { collapseWhitespace: true })).toBe('a b\nc x\n  y');
  });

  it('reads attributes with any quoting, and classes one by one', () => {
    const root = parseHtml(`<a class="x tgme_widget_message_date y" href='https://t.me/a/1' data-n=5 hidden>t</a><i title="a > b">q</i>`);
    const link = findFirst(root, byClass('tgme_widget_message_date'))!;
    expect(link.attrs).toEqual({ class: 'x tgme_widget_message_date y', href: 'https://t.me/a/1', 'data-n': '5', hidden: '' });
    expect(findFirst(root, (el) => el.name === 'i')?.attrs.title).toBe('a > b');
  });

  it('never throws on broken markup', () => {
    for (const html of ['<', '<a href="x', '</p></div>', '<div><<<>>>', '<script>never closed', '&#99999999;']) expect(() => parseHtml(html)).not.toThrow();
  });
});
