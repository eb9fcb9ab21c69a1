// @vitest-environment node
// The stream behind a blob: video: which loaded URLs are streams, and the X rule that ties one to the post's own video
// (on the real X video page). How the worker fetches a tied stream: worker/media-streams.test.ts.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../../test/fixture-dom';
import { hasFixturePages } from '../../../test/fixtures';
import { adapterForUrl } from '../../platforms/index';
import { isXStreamOfVideo, xVideoOfPoster } from '../../platforms/x';
import { pickStream, streamCandidates, streamLeads, watchStreams } from './streams';

const VIDEO_ID = '1755000000000000001';
const OTHER_ID = '1755000000000000002';
const own = `https://video.twimg.com/amplify_video/${VIDEO_ID}`;
const other = `https://video.twimg.com/amplify_video/${OTHER_ID}`;

describe('stream candidates', () => {
  it('keeps https HLS playlists and mp4 files, once each, in load order', () => {
    expect(
      streamCandidates([
        `${own}/pl/master.m3u8?tag=14`,
        'https://abs.twimg.com/responsive-web/client-web/main.js',
        'https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg',
        `${own}/pl/master.m3u8?tag=14`,
        `${own}/vid/avc1/0/3000/1280x720/seg.m4s`,
        'http://video.twimg.com/plain.m3u8',
        `${own}/vid/avc1/1280x720/full.mp4`,
      ]),
    ).toEqual([`${own}/pl/master.m3u8?tag=14`, `${own}/vid/avc1/1280x720/full.mp4`]);
  });

  it('picks the master playlist (nearest the video folder) before variants and before an mp4', () => {
    expect(pickStream([`${own}/pl/avc1/1280x720/v.m3u8`, `${own}/pl/master.m3u8`, `${own}/pl/mp4a/128000/a.m3u8`])).toBe(`${own}/pl/master.m3u8`);
    expect(pickStream([`${own}/vid/avc1/1280x720/full.mp4`, `${own}/pl/avc1/1280x720/v.m3u8`])).toBe(`${own}/pl/avc1/1280x720/v.m3u8`);
    expect(pickStream([])).toBeUndefined();
  });

  it('remembers what a PerformanceObserver reports and what the timeline still holds', () => {
    let report: ((list: { getEntries(): { name: string }[] }) => void) | undefined;
    class FakeObserver {
      constructor(callback: typeof report) {
        report = callback;
      }
      observe() {}
      disconnect() {}
    }
    const watch = watchStreams({ getEntriesByType: () => [{ name: `${own}/pl/master.m3u8` }] }, FakeObserver as unknown as typeof PerformanceObserver);
    report!({ getEntries: () => [{ name: `${other}/pl/master.m3u8` }, { name: 'https://x.com/app.js' }] });
    expect(watch.candidates().sort()).toEqual([`${own}/pl/master.m3u8`, `${other}/pl/master.m3u8`]);
  });
});

describe('the X rule', () => {
  it('reads the video id from amplify_video_thumb and ext_tw_video_thumb posters, and none from an older /media/ poster', () => {
    expect(xVideoOfPoster(`https://pbs.twimg.com/amplify_video_thumb/${VIDEO_ID}/img/AbC.jpg`)).toEqual({ folder: 'amplify_video', id: VIDEO_ID });
    expect(xVideoOfPoster(`https://pbs.twimg.com/ext_tw_video_thumb/${VIDEO_ID}/pu/img/AbC.jpg`)).toEqual({ folder: 'ext_tw_video', id: VIDEO_ID });
    expect(xVideoOfPoster('https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg')).toBeUndefined();
    expect(xVideoOfPoster(`https://evil.example/amplify_video_thumb/${VIDEO_ID}/img/AbC.jpg`)).toBeUndefined();
    expect(xVideoOfPoster(null)).toBeUndefined();
  });

  it("ties only that video's own playlists and progressive mp4 on video.twimg.com", () => {
    const video = { folder: 'amplify_video', id: VIDEO_ID };
    expect(isXStreamOfVideo(`${own}/pl/master.m3u8?tag=14&v=1`, video)).toBe(true);
    expect(isXStreamOfVideo(`${own}/pl/avc1/1280x720/v.m3u8`, video)).toBe(true);
    expect(isXStreamOfVideo(`${own}/vid/avc1/1280x720/full.mp4?tag=14`, video)).toBe(true);
    expect(isXStreamOfVideo(`${own}/vid/1280x720/full.mp4`, video)).toBe(true);
    // Another video, the other folder, an init section, another host, a look-alike host, plain http.
    expect(isXStreamOfVideo(`${other}/pl/master.m3u8`, video)).toBe(false);
    expect(isXStreamOfVideo(`https://video.twimg.com/ext_tw_video/${VIDEO_ID}/pu/pl/master.m3u8`, video)).toBe(false);
    expect(isXStreamOfVideo(`${own}/vid/avc1/0/0/1280x720/init.mp4`, video)).toBe(false);
    expect(isXStreamOfVideo(`https://pbs.twimg.com/amplify_video/${VIDEO_ID}/pl/master.m3u8`, video)).toBe(false);
    expect(isXStreamOfVideo(`https://video.twimg.com.evil.example/amplify_video/${VIDEO_ID}/pl/master.m3u8`, video)).toBe(false);
    expect(isXStreamOfVideo(`http://video.twimg.com/amplify_video/${VIDEO_ID}/pl/master.m3u8`, video)).toBe(false);
    expect(isXStreamOfVideo(`https://video.twimg.com/amplify_video/${VIDEO_ID}0/pl/master.m3u8`, video)).toBe(false);
  });
});

describe.skipIf(!hasFixturePages)('the X rule on the real X video page', () => {
  const file = 'x_status_video_verge_2018-01-27_en.metascraper.html';
  const pageUrl = 'https://x.com/verge/status/957383241714970624';
  const blob = 'blob:https://x.com/ae91e416-b593-411d-85de-1dd20a3fe182';

  /** The leads for the page's post, its <video> poster set to `poster` (the saved page's own when undefined). */
  function leadsOnPage(candidates: string[], poster?: string): Promise<StreamLead[]> {
    return withFixtureDocument('x', file, pageUrl, (document) => {
      const adapter = adapterForUrl(new URL(pageUrl))!;
      const post = document.querySelector(adapter.postSelector)!;
      if (poster) post.querySelector('[data-testid="videoPlayer"] video')!.setAttribute('poster', poster);
      const record = adapter.extract(post, new URL(pageUrl));
      return streamLeads(record.media ?? [], candidates, (video) => adapter.streamMatcher?.(post, video, new URL(pageUrl)));
    });
  }

  it('takes no stream for the saved page: its 2018 poster (/media/…) names no video, so nothing ties one to the post', async () => {
    expect(await leadsOnPage([`${own}/pl/master.m3u8`, `https://video.twimg.com/ext_tw_video/957383241714970624/pu/pl/master.m3u8`])).toEqual([
      { mediaUrl: blob, untied: 2 },
    ]);
  });

  it("ties the post's own stream when the poster names the video (as X's pages do today), and never another post's", async () => {
    const poster = `https://pbs.twimg.com/amplify_video_thumb/${VIDEO_ID}/img/Xy_z.jpg`;
    const loaded = [`${other}/pl/master.m3u8`, `${own}/pl/avc1/1280x720/v.m3u8`, `${own}/pl/master.m3u8?tag=14`, `${other}/vid/avc1/1280x720/o.mp4`];
    expect(await leadsOnPage(loaded, poster)).toEqual([{ mediaUrl: blob, streamUrl: `${own}/pl/master.m3u8?tag=14`, untied: 2 }]);
    // Only another post's video was loaded on the page: it is not taken.
    expect(await leadsOnPage([`${other}/pl/master.m3u8`, `${other}/vid/avc1/1280x720/o.mp4`], poster)).toEqual([{ mediaUrl: blob, untied: 2 }]);
    // The same id under the other folder is another kind of video: not taken either.
    expect(await leadsOnPage([`https://video.twimg.com/ext_tw_video/${VIDEO_ID}/pu/pl/master.m3u8`], poster)).toEqual([{ mediaUrl: blob, untied: 1 }]);
  });
});
