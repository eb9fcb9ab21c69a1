import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHttp, type LocalHttpServer } from '../../../test/support/local-http';
import { extensionFor, fetchPostMedia } from './media';

const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const big = Buffer.alloc(1000, 7);
const hls: Record<string, string | Buffer> = {
  'master.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=320x180\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=1280x720\nhigh/index.m3u8\n',
  'high/index.m3u8': '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg0.ts\n#EXTINF:1,\nseg1.ts\n#EXT-X-ENDLIST\n',
  'high/seg0.ts': Buffer.from('segment zero'),
  'high/seg1.ts': Buffer.from('segment one'),
};
let server: LocalHttpServer;
let base: string;

beforeAll(async () => {
  server = await startLocalHttp((req, res) => {
    if (req.url === '/photo') {
      res.writeHead(200, { 'content-type': 'image/png', date: 'Tue, 24 Nov 2026 10:00:00 GMT' });
      res.end(photo);
    } else if (req.url === '/forbidden') {
      res.writeHead(403);
      res.end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(big.length) });
      res.end(big);
    } else if (req.url === '/unannounced') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(big.subarray(0, 600));
      res.end(big.subarray(600));
    } else if (req.url?.startsWith('/hls/') && hls[req.url.slice(5)]) {
      res.writeHead(200, { 'content-type': req.url.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' });
      res.end(hls[req.url.slice(5)]);
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  base = server.base;
});

afterAll(() => server.close());

describe('fetchPostMedia', () => {
  it('keeps the bytes as served with their hash, status and Date, and takes the Date as the server clock', async () => {
    const result = await fetchPostMedia([{ kind: 'photo', url: `${base}/photo` }], fetch);
    expect(result.missing).toEqual([]);
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(Buffer.from(file!.data).equals(photo)).toBe(true);
    expect(file!.entry).toEqual({
      path: 'media/1.png',
      role: 'media',
      mediaType: 'image/png',
      bytes: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
      sourceUrl: `${base}/photo`,
      httpStatus: 200,
      httpDate: 'Tue, 24 Nov 2026 10:00:00 GMT',
    });
    expect(result.serverDate).toBe('Tue, 24 Nov 2026 10:00:00 GMT');
  });

  it('records failures, blob: videos and time-outs in missing[] with a reason, and keeps going', async () => {
    const result = await fetchPostMedia(
      [
        { kind: 'photo', url: `${base}/forbidden` },
        { kind: 'video', url: 'blob:https://x.com/ae91e416' },
        { kind: 'photo', url: `${base}/slow` },
        { kind: 'photo', url: `${base}/photo` },
        { kind: 'photo', url: `${base}/photo` },
      ],
      fetch,
      { timeoutMs: 300 },
    );
    expect(result.files.map((f) => f.entry.path)).toEqual(['media/1.png']);
    expect(result.missing).toHaveLength(3);
    expect(result.missing[0]!.reason).toContain('HTTP 403');
    expect(result.missing[1]!.reason).toContain('blob:');
    expect(result.missing[2]!.reason).toContain('no answer within 0.3 s');
    for (const gap of result.missing) expect(gap.role).toBe('media');
  });

  it('keeps an HLS stream: the master, the best variant\'s playlist and every segment, as served, with how to join them', async () => {
    const progress: number[] = [];
    const result = await fetchPostMedia([{ kind: 'video', url: `${base}/hls/master.m3u8` }], fetch, {
      onProgress: (p) => progress.push(p.received),
    });
    expect(result.missing).toEqual([]);
    expect(result.files.map((f) => f.entry.path)).toEqual(['media/1/master.m3u8', 'media/1/high/index.m3u8', 'media/1/high/seg0.ts', 'media/1/high/seg1.ts']);
    for (const file of result.files) {
      const served = hls[file.entry.sourceUrl!.slice(`${base}/hls/`.length)]!;
      expect(Buffer.from(file.data).equals(Buffer.from(served))).toBe(true);
      expect(file.entry.sha256).toBe(createHash('sha256').update(served).digest('hex'));
    }
    expect(result.files[1]!.entry.note).toContain('ffmpeg -i media/1/high/index.m3u8 -c copy out.mp4');
    expect(progress.at(-1)).toBe(result.files.reduce((sum, f) => sum + f.entry.bytes, 0));
  });

  it('refuses a file above the size limit, announced or not, and says which limit', async () => {
    const result = await fetchPostMedia(
      [{ kind: 'video', url: `${base}/big` }, { kind: 'video', url: `${base}/unannounced` }, { kind: 'photo', url: `${base}/photo` }],
      fetch,
      { maxBytes: 500 },
    );
    expect(result.files.map((f) => f.entry.sourceUrl)).toEqual([`${base}/photo`]);
    expect(result.missing.map((m) => m.reason)).toEqual([
      expect.stringContaining('media size limit'),
      expect.stringContaining('media size limit'),
    ]);
  });

  it('reports a refused connection instead of throwing', async () => {
    const result = await fetchPostMedia([{ kind: 'photo', url: 'http://127.0.0.1:1/none.jpg' }], fetch);
    expect(result.files).toEqual([]);
    expect(result.missing[0]!.sourceUrl).toBe('http://127.0.0.1:1/none.jpg');
  });
});

describe('extensionFor', () => {
  it('prefers the served media type, then the URL', () => {
    expect(extensionFor('image/jpeg', 'https://pbs.twimg.com/media/a?format=png&name=orig')).toBe('jpg');
    expect(extensionFor('application/octet-stream', 'https://video.twimg.com/v/clip.MP4')).toBe('mp4');
    expect(extensionFor('application/octet-stream', 'https://pbs.twimg.com/media/a')).toBe('bin');
  });
});

describe('fetchPostMedia refuses URLs a page must not make it fetch', () => {
  it('records file:, data:, private hosts and redirects into the local network as missing, without fetching them', async () => {
    const fetched: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      const url = String(input);
      fetched.push(url);
      const response = new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'content-type': 'image/jpeg' } });
      if (url.includes('redirects')) Object.defineProperties(response, { redirected: { value: true }, url: { value: 'http://169.254.169.254/x' } });
      return response;
    }) as typeof fetch;
    const refs = ['file:///etc/passwd', 'data:image/png;base64,AAAA', 'http://127.0.0.1:8080/admin', 'https://pbs.twimg.com/redirects.jpg', 'https://pbs.twimg.com/ok.jpg'];
    const result = await fetchPostMedia(refs.map((url) => ({ kind: 'photo' as const, url })), fetchFn, { pageUrl: 'https://x.com/a/status/1' });
    expect(fetched).toEqual(['https://pbs.twimg.com/redirects.jpg', 'https://pbs.twimg.com/ok.jpg']);
    expect(result.files.map((file) => file.entry.sourceUrl)).toEqual(['https://pbs.twimg.com/ok.jpg']);
    expect(result.missing.map((gap) => gap.sourceUrl)).toEqual(refs.slice(0, 4));
    expect(result.missing[2]!.reason).toMatch(/local or private address/);
  });
});
