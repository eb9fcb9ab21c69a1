// Routes for end-to-end tests that answer every non-Bluesky second-witness request for one adapter fixture's post with
// a realistic response, built from the fixture's expected record: the shapes are those the sources' unit tests cite
// (utils/witness/sources/*.test.ts), so a genuine capture reads the same on both sides unless a test asks otherwise.
//
//   witnessRoutes(fixture)                      the platform's public record agrees with the page
//   witnessRoutes(fixture, { text: 'edited' })  the record says another text
//   witnessRoutes(fixture, { status: 404 })     the platform's own "not there" answer (its real error body)
//
// Where a platform answers a missing post with HTTP 200 and an error page (Telegram's widget, YouTube's watch page),
// that is what a status of 404/401/403 gives for that request, as the platform would. Bluesky has its own routes
// (its witness is a signed repository, built by its own test support); Facebook, Instagram and generic have none.
import type { AdapterFixture } from '../../utils/platforms/adapter-fixture.fixtures';
import type { MediaRef, PostRecord } from '../../utils/model';
import type { Route, RouteResponse } from './fixture-server';

export interface WitnessRouteOptions {
  /** The text the witness gives instead of the page's. */
  text?: string;
  /** Answer with this HTTP status and the platform's real error body. */
  status?: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A fixed Date, as the kept response records it (the capture keeps the Date/ETag headers). */
const DATE = 'Sun, 06 Dec 2026 12:00:00 GMT';

function json(body: unknown, status = 200): RouteResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', Date: DATE, ETag: '"witness-fixture"' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function html(body: string, status = 200): RouteResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', Date: DATE }, body };
}

function text(body: string, status: number): RouteResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', Date: DATE }, body };
}

/** The file stem of a URL's last path segment. */
function stem(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
  return last.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

/** A stable, made-up numeric id for what the page does not show (an account id), so each fixture keeps its own. */
function madeUpId(seed: string): string {
  let hash = 7;
  for (const c of seed) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return String(100_000_000 + hash);
}

export function witnessRoutes(fixture: AdapterFixture, opts: WitnessRouteOptions = {}): Route[] {
  const post = fixture.expected;
  if (!post) return [];
  const witnessText = opts.text ?? post.text ?? '';
  switch (post.platform) {
    case 'mastodon':
      return mastodonRoutes(post, witnessText, opts.status);
    case 'reddit':
      return redditRoutes(post, witnessText, opts.status);
    case 'x':
      return xRoutes(post, witnessText, opts.status);
    case 'youtube':
      return youtubeRoutes(post, witnessText, opts.status);
    case 'tiktok':
      return tiktokRoutes(post, witnessText, opts.status);
    case 'telegram':
      return telegramRoutes(post, witnessText, opts.status);
    default:
      return [];
  }
}

// ---------------------------------------------------------------- Mastodon: GET /api/v1/statuses/:id

function mastodonRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const url = new URL(post.url!);
  const errors: Record<number, unknown> = { 404: { error: 'Record not found' }, 401: { error: 'This API requires an authenticated user' }, 403: { error: 'This action is not allowed' }, 410: '' };
  const [user, domain] = (post.author?.handle ?? 'user').split('@');
  const attachments = (post.media ?? [])
    .filter((media) => media.kind === 'photo' || media.kind === 'gif' || media.kind === 'video')
    .filter((media) => media.url.startsWith('https:'))
    .map((media, index) => ({
      id: madeUpId(`${post.id}-${index}`),
      type: media.kind === 'photo' ? 'image' : media.kind === 'gif' ? 'gifv' : 'video',
      url: media.url,
      preview_url: media.url.replace('/original/', '/small/'),
      remote_url: null,
      description: null,
      blurhash: null,
    }));
  const status_ = {
    id: post.id,
    created_at: post.postedAt,
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: post.lang ?? null,
    uri: `${url.origin}/users/${user}/statuses/${post.id}`,
    url: post.url,
    content: body
      .split('\n\n')
      .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br />')}</p>`)
      .join(''),
    account: {
      id: madeUpId(post.author?.handle ?? 'account'),
      username: user,
      acct: domain && domain !== url.hostname ? post.author!.handle : user,
      display_name: post.author?.name ?? '',
      url: post.author?.url ?? `${url.origin}/@${user}`,
    },
    media_attachments: attachments,
    mentions: [],
    tags: [],
    emojis: [],
  };
  // The Instance entity of GET /api/v2/instance, asked for a local author's domain (the handle's, else the host).
  const instance = { domain: domain ?? url.hostname, title: url.hostname, version: '4.3.2', source_url: 'https://github.com/mastodon/mastodon', description: '', registrations: { enabled: false } };
  return [
    {
      host: url.hostname,
      path: new RegExp(`^/api/v1/statuses/${escapeRegExp(post.id!)}$`),
      respond: status && status !== 200 ? json(errors[status] ?? { error: 'Error' }, status) : json(status_),
    },
    { host: url.hostname, path: '/api/v2/instance', respond: json(instance) },
  ];
}

// ---------------------------------------------------------------- Reddit: <permalink>.json

function redditRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const errors: Record<number, unknown> = {
    404: { message: 'Not Found', error: 404 },
    403: { reason: 'private', message: 'Forbidden', error: 403 },
    429: { message: 'Too Many Requests', error: 429 },
  };
  const [title, ...paragraphs] = body.split('\n\n');
  const selftext = paragraphs.join('\n\n');
  const media = redditMedia(post.media ?? []);
  const data = {
    subreddit: new URL(post.url!).pathname.split('/')[2] ?? '',
    selftext,
    selftext_html: selftext
      ? `<!-- SC_OFF --><div class="md">${paragraphs.map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br/>\n')}</p>`).join('\n\n')}\n</div><!-- SC_ON -->`
      : null,
    author_fullname: post.author?.id,
    title,
    name: `t3_${post.id}`,
    id: post.id,
    author: post.author?.handle ?? '[deleted]',
    permalink: new URL(post.url!).pathname,
    // Reddit's created_utc is whole seconds.
    created_utc: post.postedAt ? Math.floor(Date.parse(post.postedAt) / 1000) : 1_500_000_000,
    removed_by_category: null,
    is_self: !media.url,
    is_video: Boolean(media.video),
    ...media,
  };
  const listing = [
    { kind: 'Listing', data: { after: null, dist: 1, modhash: '', geo_filter: '', children: [{ kind: 't3', data }], before: null } },
    { kind: 'Listing', data: { after: null, dist: null, modhash: '', geo_filter: '', children: [], before: null } },
  ];
  return [
    {
      host: 'www.reddit.com',
      path: new RegExp(`/comments/${escapeRegExp(post.id!)}(/[^/?]*)?\\.json(\\?|$)`),
      respond: status && status !== 200 ? json(errors[status] ?? { message: 'Error', error: status }, status) : json(listing),
    },
  ];
}

function redditMedia(media: MediaRef[]): Record<string, unknown> & { url?: string; video?: boolean } {
  for (const ref of media) {
    if (!ref.url.startsWith('https:')) continue;
    const host = new URL(ref.url).hostname;
    if (host === 'i.redd.it') return { url: ref.url, post_hint: 'image', domain: 'i.redd.it' };
    if (host === 'v.redd.it') {
      const id = new URL(ref.url).pathname.split('/')[1];
      return { url: `https://v.redd.it/${id}`, video: true, secure_media: { reddit_video: { fallback_url: `https://v.redd.it/${id}/DASH_720.mp4?source=fallback`, hls_url: ref.url } } };
    }
    if (host === 'external-preview.redd.it' || host === 'preview.redd.it') {
      const id = stem(ref.url);
      const gif = ref.kind === 'gif';
      return {
        url: gif ? 'https://i.imgur.com/witness.gifv' : ref.url,
        post_hint: gif ? 'link' : 'image',
        preview: { images: [{ source: { url: ref.url, width: 640, height: 360 }, resolutions: [], variants: gif ? { mp4: { source: { url: ref.url } } } : {}, id }], enabled: false },
      };
    }
  }
  return {};
}

// ---------------------------------------------------------------- X: tweet-result and oEmbed

function xRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const id = post.id!;
  const handle = post.author?.handle ?? 'i';
  const visible = Array.from(body).length;
  const details: unknown[] = [];
  let card: unknown;
  let shown = body;
  for (const ref of post.media ?? []) {
    if (!ref.url.startsWith('https:')) continue;
    const url = new URL(ref.url);
    if (url.hostname !== 'pbs.twimg.com') continue;
    if (url.pathname.startsWith('/card_img/')) {
      card = { name: 'summary_large_image', url: 'https://t.co/WitnessCrd', binding_values: { card_url: { string_value: 'https://t.co/WitnessCrd', type: 'STRING' } } };
      shown = `${body} https://t.co/WitnessCrd`;
      continue;
    }
    const type = ref.kind === 'photo' ? 'photo' : ref.kind === 'gif' ? 'animated_gif' : 'video';
    const mediaUrl = url.pathname.startsWith('/media/') && !/\.\w+$/.test(url.pathname) ? `https://pbs.twimg.com${url.pathname}.${url.searchParams.get('format') ?? 'jpg'}` : `${url.origin}${url.pathname}`;
    details.push({ display_url: 'pic.x.com/WitnessPic', expanded_url: `https://x.com/${handle}/status/${id}/${type === 'photo' ? 'photo' : 'video'}/1`, media_url_https: mediaUrl, type, url: 'https://t.co/WitnessPic' });
  }
  const tweet = {
    __typename: 'Tweet',
    lang: post.lang ?? 'en',
    favorite_count: 0,
    possibly_sensitive: false,
    created_at: post.postedAt,
    display_text_range: [0, card ? Array.from(shown).length : visible],
    entities: { hashtags: [], urls: [], user_mentions: [], symbols: [] },
    id_str: id,
    text: details.length > 0 ? `${shown} https://t.co/WitnessPic` : shown,
    user: { id_str: madeUpId(handle), name: post.author?.name ?? handle, screen_name: handle, verified: false, is_blue_verified: false },
    edit_control: { edit_tweet_ids: [id], editable_until_msecs: '0', is_edit_eligible: false, edits_remaining: '5' },
    ...(details.length > 0 ? { mediaDetails: details } : {}),
    ...(card ? { card } : {}),
    conversation_count: 0,
    news_action_type: 'conversation',
    isEdited: false,
    isStaleEdit: false,
  };
  const paragraph = body.split('\n').map(escapeHtml).join('<br>');
  const oembed = {
    url: `https://twitter.com/${handle}/status/${id}`,
    author_name: post.author?.name ?? handle,
    author_url: `https://twitter.com/${handle}`,
    html: `<blockquote class="twitter-tweet"><p lang="${post.lang ?? 'en'}" dir="ltr">${paragraph}</p>&mdash; ${escapeHtml(post.author?.name ?? handle)} (@${handle}) <a href="https://twitter.com/${handle}/status/${id}?ref_src=twsrc%5Etfw">date</a></blockquote>\n`,
    width: 550,
    height: null,
    type: 'rich',
    cache_age: '3153600000',
    provider_name: 'Twitter',
    provider_url: 'https://twitter.com',
    version: '1.0',
  };
  const failed = status && status !== 200;
  return [
    {
      host: 'cdn.syndication.twimg.com',
      path: new RegExp(`^/tweet-result\\?(.*&)?id=${id}(&|$)`),
      // A missing post is an empty 404; a withheld one a 200 tombstone, which a status of 410 asks for here.
      respond: !failed
        ? json(tweet)
        : status === 410
          ? json({ __typename: 'TweetTombstone', tombstone: { text: { text: 'This Post is from an account that no longer exists. Learn more', entities: [], rtl: false } } })
          : { status, headers: { Date: DATE }, body: '' },
    },
    {
      host: 'publish.twitter.com',
      path: new RegExp(`^/oembed\\?.*status%2F${id}(&|$)`),
      respond: !failed ? json(oembed) : status === 410 ? { status: 404, headers: { Date: DATE }, body: '' } : { status, headers: { Date: DATE }, body: '' },
    },
  ];
}

// ---------------------------------------------------------------- YouTube: oEmbed and the watch page

function youtubeRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const id = post.id!;
  const [title, ...rest] = body.split('\n\n');
  const authorUrl = post.author?.handle ? `https://www.youtube.com/@${post.author.handle}` : (post.author?.url ?? 'https://www.youtube.com/');
  const oembed = {
    title,
    author_name: post.author?.name ?? '',
    author_url: authorUrl,
    type: 'video',
    height: 113,
    width: 200,
    version: '1.0',
    provider_name: 'YouTube',
    provider_url: 'https://www.youtube.com/',
    thumbnail_height: 360,
    thumbnail_width: 480,
    thumbnail_url: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
    html: `<iframe width="200" height="113" src="https://www.youtube.com/embed/${id}?feature=oembed" frameborder="0" allowfullscreen></iframe>`,
  };
  const failed = status && status !== 200;
  const player = {
    playabilityStatus: failed
      ? status === 404
        ? { status: 'ERROR', reason: 'Video unavailable' }
        : { status: 'LOGIN_REQUIRED', reason: 'This video is private' }
      : { status: 'OK', playableInEmbed: true },
    ...(failed
      ? {}
      : {
          videoDetails: { videoId: id, title, channelId: post.author?.id, shortDescription: rest.join('\n\n'), author: post.author?.name, isPrivate: false, isLiveContent: false },
          microformat: { playerMicroformatRenderer: { title: { simpleText: title }, ownerProfileUrl: authorUrl.replace('https:', 'http:'), externalChannelId: post.author?.id, publishDate: post.postedAt, uploadDate: post.postedAt } },
        }),
  };
  const page = `<!DOCTYPE html><html lang="en"><head><title>${escapeHtml(title ?? '')} - YouTube</title></head><body><script nonce="w">var ytInitialPlayerResponse = ${JSON.stringify(player)};var meta = document.createElement('meta');</script></body></html>`;
  const oembedErrors: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };
  return [
    {
      host: 'www.youtube.com',
      path: new RegExp(`^/oembed\\?.*v%3D${escapeRegExp(id)}(&|%26|$)`),
      respond: failed ? text(oembedErrors[status] ?? 'Error', status) : json(oembed),
    },
    {
      // The witness asks with hl=en; the page under capture (no hl) stays the fixture server's.
      host: 'www.youtube.com',
      path: new RegExp(`^/watch\\?v=${escapeRegExp(id)}&hl=en$`),
      respond: failed && ![401, 403, 404].includes(status) ? html('<html><body>Error</body></html>', status) : html(page),
    },
  ];
}

// ---------------------------------------------------------------- TikTok: oEmbed

function tiktokRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const handle = post.author?.handle ?? '';
  const oembed = {
    version: '1.0',
    type: 'video',
    title: body,
    author_url: `https://www.tiktok.com/@${handle}`,
    author_name: post.author?.name ?? handle,
    width: '100%',
    height: '100%',
    html: `<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@${handle}/video/${post.id}" data-video-id="${post.id}" data-embed-from="oembed" style="max-width: 605px;min-width: 325px;" > <section> <a target="_blank" title="@${handle}" href="https://www.tiktok.com/@${handle}?refer=embed">@${handle}</a> <p>${escapeHtml(body)}</p> </section> </blockquote> <script async src="https://www.tiktok.com/embed.js"></script>`,
    thumbnail_width: 576,
    thumbnail_height: 1024,
    thumbnail_url: 'https://p16-sign.tiktokcdn-us.com/obj/witness-thumbnail',
    provider_url: 'https://www.tiktok.com',
    provider_name: 'TikTok',
    author_unique_id: handle,
    embed_product_id: post.id,
    embed_type: 'video',
  };
  return [
    {
      host: 'www.tiktok.com',
      path: new RegExp(`^/oembed\\?.*video%2F${escapeRegExp(post.id!)}(&|$)`),
      respond: status && status !== 200 ? json({ code: status, message: 'Something went wrong', status_msg: 'Something went wrong' }, status) : json(oembed),
    },
  ];
}

// ---------------------------------------------------------------- Telegram: the embed widget

function telegramRoutes(post: PostRecord, body: string, status: number | undefined): Route[] {
  const [channel, id] = [post.author?.handle ?? new URL(post.url!).pathname.split('/')[1] ?? '', post.id!];
  const items: string[] = [];
  for (const ref of post.media ?? []) {
    if (ref.kind === 'photo') items.push(`<a class="tgme_widget_message_photo_wrap" style="width:400px;background-image:url('${ref.url}')" href="https://t.me/${channel}/${id}"><div class="tgme_widget_message_photo" style="padding-top:75%"></div></a>`);
    else if (ref.kind === 'video-poster') items.push(`<a class="tgme_widget_message_video_player js-message_video_player" href="https://t.me/${channel}/${id}"><i class="tgme_widget_message_video_thumb" style="background-image:url('${ref.url}')"></i></a>`);
    else if (ref.kind === 'video' && !(post.media ?? []).some((other) => other.kind === 'video-poster')) items.push(`<a class="tgme_widget_message_video_player js-message_video_player" href="https://t.me/${channel}/${id}"><video src="${ref.url}" class="tgme_widget_message_video"></video></a>`);
  }
  const textDiv = body ? `<div class="tgme_widget_message_text js-message_text" dir="auto">${body.split('\n').map(escapeHtml).join('<br/>')}</div>` : '';
  const widget = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title></head>
<body class="body_widget_post emoji_image nodesktop">
<div class="tgme_widget_message_wrap js-widget_message_wrap">
<div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${channel}/${id}">
<div class="tgme_widget_message_bubble">
<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">${escapeHtml(post.author?.name ?? channel)}</span></a></div>
${items.join('\n')}
${textDiv}
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel}/${id}"><time datetime="${(post.postedAt ?? '').replace('.000Z', '+00:00')}" class="time">00:00</time></a></span></div></div>
</div></div></div>
</body></html>`;
  const notFound = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body class="body_widget_post emoji_image nodesktop"><div class="tgme_widget_message_error">Post not found</div></body></html>';
  return [
    {
      host: 't.me',
      path: new RegExp(`^/${escapeRegExp(channel)}/${id}\\?embed=1&mode=tme$`, 'i'),
      // Telegram answers a missing or private post with HTTP 200 and its error widget.
      respond: !status || status === 200 ? html(widget) : [401, 403, 404].includes(status) ? html(notFound) : html('<html><body>Error</body></html>', status),
    },
  ];
}
