import { describe, expect, it } from 'vitest';
import type { PostRecord } from '../model';
import { corroborate } from './corroborate';
import { fetchWitness } from './fetch-witness';
import { jsonSource } from './test-source.fixtures';
import { responsesFromFiles, witnessEntry, witnessPath } from './witness-files';

const post: PostRecord = { platform: 'generic', id: '42', text: 'Shown on the page' };
const body = (fields: object) => JSON.stringify(fields);

function answering(status: number, text: string, headers: Record<string, string> = {}) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const fetchFn = (async (url: string, init?: RequestInit) => {
    seen.push({ url, ...(init ? { init } : {}) });
    return new Response(text, { status, headers: { 'content-type': 'application/json', date: 'Sun, 06 Dec 2026 18:00:00 GMT', etag: '"v1"', 'set-cookie': 'a=b', ...headers } });
  }) as typeof fetch;
  return { fetchFn, seen };
}

describe('fetchWitness', () => {
  it('asks without credentials, cache or referrer, and keeps the body, status and the headers that matter', async () => {
    const { fetchFn, seen } = answering(200, body({ postId: '42' }));
    const fetched = await fetchWitness(jsonSource, post, { fetch: fetchFn });
    expect(seen[0]!.url).toBe('https://witness.example/posts/42');
    expect(seen[0]!.init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    expect(fetched.failure).toBeUndefined();
    const kept = fetched.responses[0]!;
    expect(new TextDecoder().decode(kept.body)).toBe(body({ postId: '42' }));
    expect(kept.headers).toEqual({ date: 'Sun, 06 Dec 2026 18:00:00 GMT', etag: '"v1"', 'content-type': 'application/json' });
    expect(kept.status).toBe(200);
  });

  it('names the host and the cause when the network fails, and keeps what came before', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const fetched = await fetchWitness(jsonSource, post, { fetch: fetchFn });
    expect(fetched.responses).toEqual([]);
    expect(fetched.failure).toMatch(/witness\.example could not be asked.*Failed to fetch/);
  });

  it('refuses a body over the limit', async () => {
    const { fetchFn } = answering(200, 'x'.repeat(2000));
    const fetched = await fetchWitness(jsonSource, post, { fetch: fetchFn, maxBytes: 1000 });
    expect(fetched.failure).toMatch(/2000 bytes, more than the 1000/);
  });
});

describe('corroborate', () => {
  it('reads a served witness into fields and a status', async () => {
    const { fetchFn } = answering(200, body({ postId: '42', text: 'Shown on the page, edited' }));
    const fetched = await fetchWitness(jsonSource, post, { fetch: fetchFn });
    const block = await corroborate(jsonSource, post, fetched.responses, ['witness/1-post.json'], '2026-12-06T18:00:00.000Z');
    expect(block.status).toBe('differs');
    expect(block.fields.find((f) => f.field === 'text')).toMatchObject({ verdict: 'differs', witness: 'Shown on the page, edited' });
    expect(block.files).toEqual(['witness/1-post.json']);
  });

  it('turns a 410 into not-served, and a failed fetch into unavailable with its cause', async () => {
    const gone = await fetchWitness(jsonSource, post, { fetch: answering(410, '{}').fetchFn });
    expect((await corroborate(jsonSource, post, gone.responses, [], 'now')).status).toBe('not-served');
    const failed = await corroborate(jsonSource, post, [], [], 'now', 'witness.example could not be asked: offline.');
    expect(failed).toMatchObject({ status: 'unavailable', reason: 'witness.example could not be asked: offline.' });
  });

  it('a 410 Gone is "not served" even where a source finds nothing else in it', async () => {
    const bare = { ...jsonSource, read: async () => ({ kind: 'unavailable' as const, reason: 'no post in this answer' }) };
    const gone = await fetchWitness(bare, post, { fetch: answering(410, 'Gone').fetchFn });
    expect(await corroborate(bare, post, gone.responses, [], 'now')).toMatchObject({ status: 'not-served', reason: 'witness.example answered 410 Gone: the post is no longer served.' });
    const down = await fetchWitness(bare, post, { fetch: answering(503, 'busy').fetchFn });
    expect((await corroborate(bare, post, down.responses, [], 'now')).status).toBe('unavailable');
  });

  it('a source that throws on hostile bytes yields unavailable, not an exception', async () => {
    const fetched = await fetchWitness(jsonSource, post, { fetch: answering(200, '{not json').fetchFn });
    const block = await corroborate(jsonSource, post, fetched.responses, [], 'now');
    expect(block.status).toBe('unavailable');
    expect(block.reason).toMatch(/could not be read/);
  });
});

describe('witness files', () => {
  it('come back from the record entries and bytes as the responses they were', async () => {
    const { fetchFn } = answering(200, body({ postId: '42' }));
    const [response] = (await fetchWitness(jsonSource, post, { fetch: fetchFn })).responses;
    const path = witnessPath(1, response!.name, response!.ext!);
    const entry = { ...witnessEntry(path, response!), sha256: 'x' };
    const again = responsesFromFiles([path], [entry], () => response!.body);
    expect(again).toEqual([response]);
  });

  it('keep an HTML answer as .txt, so that no browser runs the platform page\'s scripts when it is opened', () => {
    expect(witnessPath(1, 'embed', 'html')).toBe('witness/1-embed.txt');
    expect(witnessPath(2, 'image', 'svg')).toBe('witness/2-image.txt');
    expect(witnessPath(3, 'record', 'car')).toBe('witness/3-record.car');
  });

  it('refuse a path the record does not list as a witness file', () => {
    expect(() => responsesFromFiles(['witness/1-post.json'], [{ path: 'witness/1-post.json', role: 'media', mediaType: 'x', bytes: 0, sha256: 'x' }], () => new Uint8Array())).toThrow(/no second-witness entry/);
    expect(() => responsesFromFiles(['../post.html'], [], () => new Uint8Array())).toThrow(/no second-witness entry/);
  });
});
