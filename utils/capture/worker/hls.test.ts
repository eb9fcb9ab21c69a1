import { describe, expect, it } from 'vitest';
import { bestVariant, isHlsUrl, localPlaylist, mirroredPath, parsePlaylist } from './hls';

const MASTER = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=256000,RESOLUTION=480x270,CODECS="avc1.4d001e,mp4a.40.2"
https://video.twimg.com/ext_tw_video/957383241714970624/pu/pl/480x270/a.m3u8?container=fmp4
#EXT-X-STREAM-INF:BANDWIDTH=2176000,RESOLUTION=1280x720,CODECS="avc1.640020,mp4a.40.2"
/ext_tw_video/957383241714970624/pu/pl/1280x720/b.m3u8?container=fmp4
#EXT-X-STREAM-INF:BANDWIDTH=832000,RESOLUTION=640x360
640x360/c.m3u8
`;

const MEDIA = `#EXTM3U
#EXT-X-TARGETDURATION:2
#EXT-X-MAP:URI="init.mp4"
#EXTINF:2.0,
seg0.m4s
#EXTINF:2.0,
seg1.m4s
#EXT-X-ENDLIST
`;

describe('HLS playlists', () => {
  it('reads a master playlist and picks the variant with the most pixels', () => {
    const master = parsePlaylist(MASTER);
    expect(master.kind).toBe('master');
    expect(master.variants.map((v) => v.bandwidth)).toEqual([256000, 2176000, 832000]);
    expect(bestVariant(master.variants)?.uri).toBe('/ext_tw_video/957383241714970624/pu/pl/1280x720/b.m3u8?container=fmp4');
  });

  it('lists a media playlist\'s segments in order, and its init section', () => {
    expect(parsePlaylist(MEDIA)).toEqual({ kind: 'media', variants: [], segments: ['seg0.m4s', 'seg1.m4s'], resources: ['init.mp4'] });
  });

  it('keeps plain relative paths, refuses anything that could leave the folder or carries a query', () => {
    expect(mirroredPath('seg0.ts')).toBe('seg0.ts');
    expect(mirroredPath('720p/seg0.ts')).toBe('720p/seg0.ts');
    for (const uri of ['../x.ts', '/abs.ts', 'https://cdn/x.ts', 'a.ts?token=1', 'a//b.ts', 'a b.ts']) expect(mirroredPath(uri), uri).toBeNull();
  });

  it('writes a local playlist that names the kept copies', () => {
    const served = '#EXTM3U\n#EXT-X-MAP:URI="https://cdn/init.mp4?t=1"\n#EXTINF:2,\nhttps://cdn/s0.m4s?t=1\n#EXT-X-ENDLIST\n';
    const names = new Map([['https://cdn/init.mp4?t=1', 'file-00001.mp4'], ['https://cdn/s0.m4s?t=1', 'file-00002.m4s']]);
    expect(localPlaylist(served, names)).toBe('#EXTM3U\n#EXT-X-MAP:URI="file-00001.mp4"\n#EXTINF:2,\nfile-00002.m4s\n#EXT-X-ENDLIST\n');
    expect(isHlsUrl('https://video.twimg.com/a/b.m3u8?tag=1')).toBe(true);
    expect(isHlsUrl('https://video.twimg.com/a/b.mp4')).toBe(false);
  });
});
