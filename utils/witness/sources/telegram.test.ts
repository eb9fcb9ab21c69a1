// The Telegram embed-widget witness. The bodies have the markup of t.me/<channel>/<id>?embed=1&mode=tme as Telegram
// serves it (the widget of https://core.telegram.org/widgets/post; the same .tgme_widget_message markup as the saved
// t.me/s page of ../shared/fixtures/pages/telegram/tme_s_message_album_anna_news_46908_ru.any2feed.html, condensed),
// and the error widget other public clients test for (div.tgme_widget_message_error "Post not found").
import { describe, expect, it } from 'vitest';
import { telegramFixtures } from '../../platforms/telegram.fixtures';
import { telegramSource } from './telegram';
import { expectedOf, kept, runSteps } from './test-support';

const album = expectedOf(telegramFixtures, 1);
const EMBED = 'https://t.me/anna_news/46908?embed=1&mode=tme';

function widget(bubble: string, post = 'anna_news/46908'): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title><link href="//telegram.org/css/widget-frame.css?68" rel="stylesheet"></head>
<body class="body_widget_post emoji_image nodesktop">
<div class="tgme_widget_message_wrap js-widget_message_wrap date_visible">
  <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${post}" data-view="eyJjIjoxfQ" data-peer="c1_2" data-post-id="46908">
    <div class="tgme_widget_message_user"><a href="https://t.me/anna_news"><i class="tgme_widget_message_user_photo bgcolor5" data-content="A"><img src="https://cdn4.telesco.pe/file/avatar.jpg"></i></a></div>
    <div class="tgme_widget_message_bubble">
      <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"><path d="M8,1 L9,1"></path></svg></i>
      <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/anna_news"><span dir="auto">ANNA-NEWS</span></a></div>
      ${bubble}
      <div class="tgme_widget_message_footer compact js-message_footer">
        <div class="tgme_widget_message_info short js-message_info">
          <span class="tgme_widget_message_views">59.5K</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/anna_news/46908"><time datetime="2023-02-28T06:48:36+00:00" class="time">09:48</time></a></span>
        </div>
      </div>
    </div>
  </div>
</div>
<script src="//telegram.org/js/widget-frame.js?66"></script>
</body></html>`;
}

const albumBubble = `
      <div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap" data-margin-w="2" data-margin-h="2" style="width:453px;">
        <div class="tgme_widget_message_grouped js-message_grouped" style="padding-top: 133.333%;"><div class="tgme_widget_message_grouped_layer js-message_grouped_layer" style="width: 437px;">
          <a class="tgme_widget_message_video_player grouped_media_wrap blured js-message_video_player" data-ratio="0.75" href="https://t.me/anna_news/46908?single">
            <i class="tgme_widget_message_video_thumb" style="background-image:url('https://cdn4.telegram-cdn.org/file/thumb.jpg')"></i>
            <div class="tgme_widget_message_video_wrap grouped_media js-message_video_wrap"><video src="https://cdn4.telegram-cdn.org/file/3fc678ce81.mp4?token=abc" class="tgme_widget_message_video js-message_video" width="100%" height="100%"></video></div>
            <time class="message_video_duration js-message_video_duration">0:05</time>
          </a>
          <a class="tgme_widget_message_photo_wrap grouped_media_wrap blured js-message_photo" style="background-image:url('https://cdn4.telegram-cdn.org/file/p1.jpg')" data-ratio="0.75" href="https://t.me/anna_news/46909?single"><div class="grouped_media_helper"><div class="tgme_widget_message_photo grouped_media"></div></div></a><a class="tgme_widget_message_photo_wrap grouped_media_wrap blured js-message_photo" style="background-image:url(&quot;https://cdn4.telegram-cdn.org/file/p2.jpg&quot;)" data-ratio="0.75" href="https://t.me/anna_news/46910?single"><div class="grouped_media_helper"><div class="tgme_widget_message_photo grouped_media"></div></div></a>
        </div></div>
      </div>
      <div class="tgme_widget_message_text js-message_text before_footer" dir="auto">
        <div class="tgme_widget_message_text js-message_text" dir="auto"><b>Ночью над Белгородом сбили 3
          беспилотника</b><br><br>Они упали на улицы города.<br><br>Сообщается, что на себе БПЛА несли
          взрывчатку из пластида.<br><br><a href="?q=%23%D0%91%D0%B5%D0%BB%D0%B3%D0%BE%D1%80%D0%BE%D0%B4">#Белгород</a>
          <a href="?q=%23%D0%91%D0%B5%D1%81%D0%BF%D0%B8%D0%BB%D0%BE%D1%82%D0%BD%D0%B8%D0%BA%D0%B8">#Беспилотники</a><br><br><a
            href="https://t.me/anna_news" target="_blank">@anna_news</a></div>
        <span style="display: inline-block; width: 97px;"></span></div>`;

describe('telegram-embed', () => {
  it('asks the embed widget of t.me/<channel>/<id>, from a t.me/s page’s post too', () => {
    const { requests, end } = runSteps(telegramSource, album, () => ({ status: 200, body: widget(albumBubble) }));
    expect(requests).toEqual([{ url: EMBED, accept: 'text/html', name: 'embed', ext: 'html' }]);
    expect(end).toEqual({ done: true });
    expect(telegramSource.next({ platform: 'telegram', url: 'https://t.me/s/anna_news/46908' }, [])).toMatchObject({ request: { url: EMBED } });
    expect(telegramSource.next({ platform: 'telegram', url: 'https://t.me/anna_news' }, [])).toHaveProperty('unavailable');
  });

  it('reads the widget’s message as the page shows it: text with its line breaks, time, album items', async () => {
    const reading = await telegramSource.read(album, [kept('embed', EMBED, 200, widget(albumBubble))]);
    expect(reading).toEqual({
      kind: 'served',
      // Three items: the video (its player and still are one) and two photos.
      fields: { authorHandle: album.author!.handle, postId: album.id, text: album.text, postedAt: album.postedAt, mediaCount: 3 },
    });
    expect(telegramSource.mediaIdOf(album.media![0]!.url)).toBeUndefined();
  });

  it('leaves out what a reply draws of the message it answers', async () => {
    const reply = `<a class="tgme_widget_message_reply" href="https://t.me/anna_news/46900"><i class="tgme_widget_message_reply_thumb" style="background-image:url('https://cdn4.telegram-cdn.org/file/r.jpg')"></i><div class="tgme_widget_message_author"><span class="tgme_widget_message_author_name">ANNA-NEWS</span></div><div class="tgme_widget_message_metatext">Earlier news</div></a>
      <a class="tgme_widget_message_photo_wrap" style="background-image:url('https://cdn4.telegram-cdn.org/file/own.jpg')" href="https://t.me/anna_news/46908"></a>
      <div class="tgme_widget_message_text js-message_text" dir="auto">Update &amp; more</div>`;
    expect(await telegramSource.read(album, [kept('embed', EMBED, 200, widget(reply))])).toMatchObject({ kind: 'served', fields: { text: 'Update & more', mediaCount: 1 } });
  });

  it('reads the error widget as not served, with its words', async () => {
    const notFound = '<!DOCTYPE html><html><body class="body_widget_post"><div class="tgme_widget_message_error">Post not found</div></body></html>';
    expect(await telegramSource.read(album, [kept('embed', EMBED, 200, notFound)])).toEqual({ kind: 'not-served', reason: "Telegram's widget says: Post not found." });
    expect(await telegramSource.read(album, [kept('embed', EMBED, 404, '')])).toMatchObject({ kind: 'not-served' });
  });

  it('reads a page without a message, or broken markup, as unavailable, never a throw', async () => {
    expect(await telegramSource.read(album, [kept('embed', EMBED, 200, '<html><body>Cloudflare</body></html>')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/no message/) });
    const broken = widget('<div class="tgme_widget_message_text"><b>unclosed <a href="x>text').slice(0, 900);
    expect((await telegramSource.read(album, [kept('embed', EMBED, 200, broken)])).kind).toMatch(/served|unavailable/);
    expect(await telegramSource.read(album, [kept('embed', EMBED, 502, 'Bad gateway')])).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/502/) });
  });
});
