// @vitest-environment happy-dom
// Reddit-specific rules: a deleted author is no layout change, a lost author link is; previews yield to originals.
import { describe, expect, it } from 'vitest';
import { adapterForUrl } from './index';

const pageUrl = new URL('https://www.reddit.com/r/pics/comments/abc123/a_title/');
const adapter = adapterForUrl(pageUrl)!;

function extractFrom(html: string) {
  document.body.innerHTML = html;
  return adapter.extract(document.querySelector(adapter.postSelector)!, pageUrl);
}

const redesignPost = (byline: string, media = '') => `
  <div data-testid="post-container" id="t3_abc123"><div data-test-id="post-content">
    <div><span>Posted by</span>${byline}<span data-testid="post_timestamp">2 years ago</span></div>
    <h1>A title</h1>${media}
    <a data-click-id="comments" href="/r/pics/comments/abc123/a_title/">3 comments</a>
  </div></div>`;

describe('the Reddit adapter', () => {
  it('keeps a post whose author the page shows as deleted as a Reddit post, with no author', () => {
    const record = extractFrom(redesignPost(''));
    expect(record.platform).toBe('reddit');
    expect(record.author).toBeUndefined();
    expect(record.missingFields).toBeUndefined();
  });

  it('marks a post generic when "Posted by" is gone with the author link (the layout changed)', () => {
    document.body.innerHTML = redesignPost('');
    document.querySelector('span')!.remove();
    const record = adapter.extract(document.querySelector(adapter.postSelector)!, pageUrl);
    expect(record.platform).toBe('generic');
    expect(record.missingFields).toEqual(['author']);
  });

  it('records the i.redd.it original a preview links to, and skips award icons', () => {
    const media =
      '<img src="https://preview.redd.it/award_images/t5_1/x.png?width=32">' +
      '<a href="https://i.redd.it/q8w2e4r6t8y1.jpeg"><img src="https://preview.redd.it/q8w2e4r6t8y1.jpeg?width=640&amp;s=1"></a>';
    const record = extractFrom(redesignPost('<a data-testid="post_author_link" href="/user/someone/">u/someone</a>', media));
    expect(record.author).toEqual({ handle: 'someone', url: 'https://www.reddit.com/user/someone/' });
    expect(record.media).toEqual([{ kind: 'photo', url: 'https://i.redd.it/q8w2e4r6t8y1.jpeg' }]);
  });

  it('reads a <shreddit-post> whose author is "[deleted]" without inventing one', () => {
    const record = extractFrom(
      '<shreddit-post id="t3_abc123" permalink="/r/pics/comments/abc123/a_title/" author="[deleted]" post-title="A title" created-timestamp="2024-05-13T18:01:07.735000+0000"></shreddit-post>',
    );
    expect(record).toMatchObject({ platform: 'reddit', id: 'abc123', postedAt: '2024-05-13T18:01:07.735Z', text: 'A title' });
    expect(record.author).toBeUndefined();
  });
});
