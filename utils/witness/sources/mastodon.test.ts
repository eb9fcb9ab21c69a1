// The Mastodon status-API witness. The served bodies follow the Status entity of the Mastodon documentation
// (https://docs.joinmastodon.org/entities/Status/, its example JSON: id, created_at, content as <p>…</p> HTML with
// links split into invisible/ellipsis spans, account {id, username, acct, url}, media_attachments [{id, type, url,
// preview_url, remote_url}]) and the errors of https://docs.joinmastodon.org/methods/statuses/#get ({"error": "Record
// not found"}). Their values are those of the adapter's fixtures, so a genuine post agrees with its page.
import { describe, expect, it } from 'vitest';
import { mastodonFixtures } from '../../platforms/mastodon.fixtures';
import { mastodonContentText, mastodonSource } from './mastodon';
import { expectedOf, kept, runSteps } from './test-support';

const arabic = expectedOf(mastodonFixtures, 0);
const timeline = expectedOf(mastodonFixtures, 1);
const API = 'https://mastodon.example/api/v1/statuses/123456';

function status(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '123456',
    created_at: '2024-03-05T14:07:09.000Z',
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'ar',
    uri: 'https://mastodon.example/users/user/statuses/123456',
    url: 'https://mastodon.example/@user/123456',
    content:
      '<p>مرحبا بالعالم! 🎉<br />هذا منشور تجريبي للحفظ.</p><p>السطر الثالث <a href="https://mastodon.example/tags/%D8%A7%D8%AE%D8%AA%D8%A8%D8%A7%D8%B1" class="mention hashtag" rel="tag">#<span>اختبار</span></a></p>',
    account: {
      id: '109302',
      username: 'user',
      acct: 'user',
      display_name: 'محمد الكاتب',
      url: 'https://mastodon.example/@user',
    },
    media_attachments: [
      {
        id: '111222333',
        type: 'image',
        url: 'https://files.mastodon.example/media_attachments/files/111/222/333/original/a1b2c3.jpg',
        preview_url: 'https://files.mastodon.example/media_attachments/files/111/222/333/small/a1b2c3.jpg',
        remote_url: null,
        description: null,
      },
    ],
    ...overrides,
  };
}

/** The Instance entity as GET /api/v2/instance serves it (https://docs.joinmastodon.org/entities/Instance/), trimmed. */
const instance = { domain: 'mastodon.example', title: 'Mastodon Example', version: '4.3.2', source_url: 'https://github.com/mastodon/mastodon', description: '', registrations: { enabled: false } };

describe('mastodon-status-api', () => {
  it('asks the post’s own instance for the status by id, then its domain for a local author only', () => {
    const { requests, end } = runSteps(mastodonSource, arabic, (request) => ({ status: 200, body: request.name === 'status' ? status() : instance }));
    expect(requests).toEqual([
      { url: API, accept: 'application/json', name: 'status', ext: 'json' },
      { url: 'https://mastodon.example/api/v2/instance', accept: 'application/json', name: 'instance', ext: 'json' },
    ]);
    expect(end).toEqual({ done: true });
    const remote = runSteps(mastodonSource, arabic, () => ({ status: 200, body: status({ account: { id: '1', acct: 'a@b.example' } }) }));
    expect(remote.requests.map((r) => r.name)).toEqual(['status']);
    const missing = runSteps(mastodonSource, arabic, () => ({ status: 404, body: { error: 'Record not found' } }));
    expect(missing.requests.map((r) => r.name)).toEqual(['status']);
  });

  it('completes a local handle with the instance’s own domain when it runs under another web host', async () => {
    const split = await mastodonSource.read(arabic, [kept('status', API, 200, status()), kept('instance', 'https://mastodon.example/api/v2/instance', 200, { ...instance, domain: 'example.social' })]);
    expect(split).toMatchObject({ kind: 'served', fields: { authorHandle: 'user@example.social' } });
    const broken = await mastodonSource.read(arabic, [kept('status', API, 200, status()), kept('instance', 'https://mastodon.example/api/v2/instance', 200, '<html>')]);
    expect(broken).toMatchObject({ kind: 'served', fields: { authorHandle: 'user@mastodon.example' } });
  });

  it('takes the id from the URL when the record has none, and gives up without a URL', () => {
    const step = mastodonSource.next({ platform: 'mastodon', url: 'https://social.example/@a@b.example/987' }, []);
    expect(step).toMatchObject({ request: { url: 'https://social.example/api/v1/statuses/987' } });
    expect(mastodonSource.next({ platform: 'mastodon', id: '5' }, [])).toHaveProperty('unavailable');
  });

  it('reads the fields of a served status as the page shows them', async () => {
    const reading = await mastodonSource.read(arabic, [kept('status', API, 200, status()), kept('instance', 'https://mastodon.example/api/v2/instance', 200, instance)]);
    expect(reading).toEqual({
      kind: 'served',
      fields: {
        authorId: '109302',
        authorHandle: 'user@mastodon.example',
        postId: '123456',
        text: arabic.text,
        postedAt: arabic.postedAt,
        mediaCount: 1,
        mediaIds: ['a1b2c3'],
      },
    });
    // The page's media URL names the same upload.
    expect(mastodonSource.mediaIdOf(arabic.media![0]!.url)).toBe('a1b2c3');
  });

  it('keeps a remote account’s acct, and ids the gallery by remote_url as the web app links it', async () => {
    const remote = status({
      account: { id: '42', acct: 'someone@elsewhere.example' },
      media_attachments: [
        { id: '1', type: 'image', url: 'https://mastodon.example/system/cache/media_attachments/files/1/original/local1.jpg', remote_url: 'https://files.elsewhere.example/media_attachments/files/9/8/7/original/remote1.png' },
      ],
    });
    const reading = await mastodonSource.read(arabic, [kept('status', API, 200, remote)]);
    expect(reading).toMatchObject({ kind: 'served', fields: { authorHandle: 'someone@elsewhere.example', mediaIds: ['remote1'] } });
  });

  it('turns the status HTML into the page’s text: paragraphs, line breaks, whole link URLs, entities', () => {
    const html =
      '<p>Flooding on the river road this morning.<br>Two photos below.</p><p>Report: <a href="https://example.org/report/2024/flood" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.org/report/2024</span><span class="invisible">/flood</span></a></p>';
    expect(mastodonContentText(html)).toBe(timeline.text);
    expect(mastodonContentText('<p>a &amp; b &lt;3 <img src="x" alt=":blob:"></p>')).toBe('a & b <3 :blob:');
    expect(mastodonContentText('<p><script>alert(1)</script>safe</p>')).toBe('safe');
  });

  it('says what 404, 410 and 401 mean', async () => {
    const deleted = await mastodonSource.read(arabic, [kept('status', API, 404, { error: 'Record not found' })]);
    expect(deleted).toMatchObject({ kind: 'not-served' });
    expect(deleted.kind === 'not-served' && deleted.reason).toMatch(/deleted or not public.*Record not found/);
    const gone = await mastodonSource.read(arabic, [kept('status', API, 410, '')]);
    expect(gone.kind === 'not-served' && gone.reason).toMatch(/gone \(account suspended or deleted\)/);
    const wall = await mastodonSource.read(arabic, [kept('status', API, 401, { error: 'This API requires an authenticated user' })]);
    expect(wall.kind === 'not-served' && wall.reason).toMatch(/login wall/);
  });

  it('reads a malformed or foreign body as unavailable, never a throw', async () => {
    expect(await mastodonSource.read(arabic, [kept('status', API, 200, '<html>maintenance</html>')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not JSON/) });
    expect(await mastodonSource.read(arabic, [kept('status', API, 200, { hello: 'world' })])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/not a status/) });
    expect(await mastodonSource.read(arabic, [kept('status', API, 200, status({ content: 42, account: 'x', media_attachments: {} }))])).toMatchObject({ kind: 'served', fields: { postId: '123456' } });
    expect(await mastodonSource.read(arabic, [kept('status', API, 502, 'Bad gateway')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/502/) });
    expect(await mastodonSource.read(arabic, [])).toMatchObject({ kind: 'unavailable' });
  });

  it('asks for no host pattern: the instance is only known from the page', () => {
    expect(mastodonSource.hostPatterns).toEqual([]);
    expect(mastodonSource.mediaIdOf('https://mastodon.example/system/cache/preview_cards/images/1/original/card.jpg')).toBeUndefined();
  });
});
