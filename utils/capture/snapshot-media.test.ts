import { describe, expect, it } from 'vitest';
import { linkSnapshotMedia, resolveSnapshotMedia } from './snapshot-media';

const captured = [
  { sourceUrl: 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig', path: 'media/1.jpg' },
  { sourceUrl: 'https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg', path: 'media/2.jpg' },
  { sourceUrl: 'https://video.twimg.com/tweet_video/abc.mp4', path: 'media/3.mp4' },
];

describe('linkSnapshotMedia', () => {
  it('points a displayed size at the captured original and keeps the page URL beside it', () => {
    const html = '<div><img alt="Imagen" src="https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&amp;name=medium" srcset="https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&amp;name=small 1x" style="width: 100%;"></div>';
    expect(linkSnapshotMedia(html, captured)).toBe(
      '<div><img alt="Imagen" src="media/1.jpg" data-postproof-src="https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&amp;name=medium" style="width: 100%;"></div>',
    );
  });

  it('links video posters and sources, and leaves uncaptured images (avatars) alone', () => {
    const html =
      '<video poster="https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg"><source src="https://video.twimg.com/tweet_video/abc.mp4" type="video/mp4"></video>' +
      '<img src="https://pbs.twimg.com/profile_images/1/a_x96.jpg">';
    expect(linkSnapshotMedia(html, captured)).toBe(
      '<video poster="media/2.jpg" data-postproof-poster="https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg"><source src="media/3.mp4" data-postproof-src="https://video.twimg.com/tweet_video/abc.mp4" type="video/mp4"></video>' +
        '<img src="https://pbs.twimg.com/profile_images/1/a_x96.jpg">',
    );
  });

  it('uses a srcset candidate when the image has no src, and touches nothing else', () => {
    const html = '<p title="&lt;img src=&quot;x&quot;&gt;">text &lt;img&gt;</p><img srcset="https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg 2x">';
    expect(linkSnapshotMedia(html, captured)).toBe(
      '<p title="&lt;img src=&quot;x&quot;&gt;">text &lt;img&gt;</p><img src="media/2.jpg" data-postproof-src="https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg 2x">',
    );
    expect(linkSnapshotMedia(html, [])).toBe(html);
  });
});

describe('CSS background photos', () => {
  it('draws a captured background image from its file, and leaves others as they were', () => {
    const html =
      '<div data-postproof-background="https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&amp;name=small" style="background-size: cover">x</div>' +
      '<div data-postproof-background="https://pbs.twimg.com/profile_images/1/a.jpg"></div>';
    const linked = linkSnapshotMedia(html, captured);
    expect(linked).toBe(
      '<div data-postproof-background="https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&amp;name=small" style="background-size: cover; background-image: url(media/1.jpg)">x</div>' +
        '<div data-postproof-background="https://pbs.twimg.com/profile_images/1/a.jpg"></div>',
    );
    expect(resolveSnapshotMedia(linked, () => 'data:image/jpeg;base64,AA==')).toContain('background-image: url(data:image/jpeg;base64,AA==)');
  });
});

describe('resolveSnapshotMedia', () => {
  it('replaces local media paths, and only those', () => {
    const html = '<img src="media/1.jpg" data-postproof-src="https://pbs.twimg.com/x"><img src="https://a/b.jpg"><p>media/1.jpg</p>';
    expect(resolveSnapshotMedia(html, (path) => (path === 'media/1.jpg' ? 'data:image/jpeg;base64,AA==' : undefined))).toBe(
      '<img src="data:image/jpeg;base64,AA==" data-postproof-src="https://pbs.twimg.com/x"><img src="https://a/b.jpg"><p>media/1.jpg</p>',
    );
  });
});
