// @vitest-environment happy-dom
// YouTube-specific rules: microdata of another video is never read, and rendered comments (no saved page has any).
import { describe, expect, it } from 'vitest';
import { adapterForUrl } from './index';

const pageUrl = new URL('https://www.youtube.com/watch?v=aaaaaaaaaaa');
const adapter = adapterForUrl(pageUrl)!;

// Minimal markup of our own, after the rendered watch page's ytd-watch-metadata and comment elements.
const watchPage = (microdataVideoId: string) => `
  <div id="watch7-content" itemscope itemtype="http://schema.org/VideoObject">
    <meta itemprop="videoId" content="${microdataVideoId}"><meta itemprop="channelId" content="UCxxxxxxxxxxxxxxxxxxxxxx">
    <meta itemprop="datePublished" content="2024-02-03T04:05:06-08:00">
  </div>
  <ytd-watch-flexy><ytd-watch-metadata video-id="aaaaaaaaaaa"><div id="title"><h1><yt-formatted-string>A video</yt-formatted-string></h1></div>
    <ytd-video-owner-renderer><ytd-channel-name><a href="/@somechannel">Some Channel</a></ytd-channel-name></ytd-video-owner-renderer>
  </ytd-watch-metadata>
  <ytd-comment-thread-renderer>
    <ytd-comment-view-model id="comment"><a id="author-text" href="/@first"><span>@first</span></a>
      <span id="published-time-text"><a href="/watch?v=aaaaaaaaaaa&amp;lc=Ugx1">1 day ago</a></span>
      <yt-attributed-string id="content-text"><span>Great talk 👏</span></yt-attributed-string></ytd-comment-view-model>
    <div id="replies"><ytd-comment-view-model><a id="author-text" href="/@second"><span>@second</span></a>
      <span id="published-time-text"><a href="/watch?v=aaaaaaaaaaa&amp;lc=Ugx1.Ugx2">1 hour ago</a></span>
      <yt-attributed-string id="content-text"><span>Agreed</span></yt-attributed-string></ytd-comment-view-model></div>
  </ytd-comment-thread-renderer></ytd-watch-flexy>`;

function extractAll(html: string) {
  document.body.innerHTML = html;
  return Array.from(document.querySelectorAll(adapter.postSelector), (post) => adapter.extract(post, pageUrl));
}

describe('the YouTube adapter', () => {
  it('reads the video, its channel and its UTC time from the microdata of the same video', () => {
    const [video] = extractAll(watchPage('aaaaaaaaaaa'));
    expect(video).toEqual({
      platform: 'youtube',
      id: 'aaaaaaaaaaa',
      url: 'https://www.youtube.com/watch?v=aaaaaaaaaaa',
      author: { name: 'Some Channel', handle: 'somechannel', id: 'UCxxxxxxxxxxxxxxxxxxxxxx', url: 'https://www.youtube.com/@somechannel' },
      postedAt: '2024-02-03T12:05:06.000Z',
      postedAtSource: 'attribute',
      text: 'A video',
      media: [],
    });
  });

  it('ignores microdata left from the first video after the app moved to another', () => {
    const [video] = extractAll(watchPage('bbbbbbbbbbb'));
    expect(video?.postedAt).toBeUndefined();
    expect(video?.author).toEqual({ name: 'Some Channel', handle: 'somechannel', url: 'https://www.youtube.com/@somechannel' });
  });

  it('reads each rendered comment, a reply pointing at the comment it answers', () => {
    const [, comment, reply] = extractAll(watchPage('aaaaaaaaaaa'));
    expect(comment).toEqual({
      platform: 'youtube',
      id: 'Ugx1',
      url: 'https://www.youtube.com/watch?v=aaaaaaaaaaa&lc=Ugx1',
      author: { handle: 'first', url: 'https://www.youtube.com/@first' },
      text: 'Great talk 👏',
      inReplyTo: 'https://www.youtube.com/watch?v=aaaaaaaaaaa',
    });
    expect(reply?.inReplyTo).toBe('https://www.youtube.com/watch?v=aaaaaaaaaaa&lc=Ugx1');
  });
});
