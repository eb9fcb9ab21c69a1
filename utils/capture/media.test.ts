import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHttp, type LocalHttpServer } from '../../test/support/local-http';
import { extensionFor, fetchPostMedia } from './media';

const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
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
      300,
    );
    expect(result.files.map((f) => f.entry.path)).toEqual(['media/1.png']);
    expect(result.missing).toHaveLength(3);
    expect(result.missing[0]!.reason).toContain('HTTP 403');
    expect(result.missing[1]!.reason).toContain('blob:');
    expect(result.missing[2]!.reason).toContain('no answer within 0.3 s');
    for (const gap of result.missing) expect(gap.role).toBe('media');
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
