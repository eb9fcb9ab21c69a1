// @vitest-environment node
// Telegram-specific cases on the real saved pages: right-to-left text, replies, albums, videos too big to preview.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { adapterForUrl } from './index';

const CHANNEL_FILE = 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html';
const CHANNEL_URL = 'https://t.me/s/ClashReport';

function extractFrom(file: string, pageUrl: string, postKey: string, change?: (post: Element) => void): Promise<PostRecord> {
  return withFixtureDocument('telegram', file, pageUrl, (document) => {
    const adapter = adapterForUrl(new URL(pageUrl));
    const post = document.querySelector(`.tgme_widget_message[data-post="${postKey}"]`);
    if (adapter?.name !== 'telegram' || !post) throw new Error(`The fixture no longer holds Telegram message ${postKey}.`);
    change?.(post);
    return adapter.extract(post, new URL(pageUrl));
  });
}

describe('the Telegram adapter claims', () => {
  it.each(['https://t.me/s/ClashReport', 'https://t.me/s/anna_news/46908', 'https://t.me/chollometro/28542', 'https://telegram.me/s/it_begin'])(
    '%s',
    (url) => expect(adapterForUrl(new URL(url))?.name).toBe('telegram'),
  );

  it.each(['https://t.me.example.net/s/a', 'http://t.me/s/a'])('not %s', (url) => expect(adapterForUrl(new URL(url))).toBeUndefined());
});

describe.skipIf(!hasFixturePages)('Telegram messages on real saved pages', () => {
  it('keeps right-to-left Arabic text exactly, and records no language because Telegram marks none', async () => {
    // Derived from the real message page: its text replaced by Arabic lines the way Telegram writes a message
    // (text nodes and <br>, on the div Telegram already gives dir="auto"; Telegram sets no lang attribute).
    const lines = ['عاجل: الاستخبارات البريطانية تكشف لماذا بدأ كيم جونغ أون يظهر ابنته في المناسبات العامة 🇰🇵', 'المصدر: «رويترز» — ١٢٬٥ ألف مشاهدة'];
    const record = await extractFrom(
      'tme_s_message_forwarded_oper_goblin_22358_ru.any2feed.html',
      'https://t.me/s/oper_goblin/22358',
      'oper_goblin/22358',
      (post) => {
        const text = post.querySelector('.tgme_widget_message_text')!;
        expect(text.getAttribute('dir')).toBe('auto');
        expect(text.hasAttribute('lang')).toBe(false);
        const document = text.ownerDocument;
        text.replaceChildren(document.createTextNode(lines[0]!), document.createElement('br'), document.createTextNode(lines[1]!));
      },
    );
    expect(record.platform).toBe('telegram');
    expect(record.text).toBe(lines.join('\n'));
    expect(record.lang).toBeUndefined();
  });

  it('takes a reply’s target as inReplyTo and not its quoted text as the message’s', async () => {
    const record = await extractFrom(CHANNEL_FILE, CHANNEL_URL, 'ClashReport/93433');
    expect(record.inReplyTo).toBe('https://t.me/ClashReport/93428');
    expect(record.text).toBe(
      'Britain will support Ukraine’s long-range missile production by allowing MBDA to share classified ' +
        'information on British components used in the SCALP cruise missile.',
    );
    // The reply's thumbnail belongs to the message answered.
    expect(record.media).toEqual([]);
  });

  it('reads an album’s text once although Telegram nests it twice, and lists each video with its still', async () => {
    const record = await extractFrom(CHANNEL_FILE, CHANNEL_URL, 'ClashReport/93430');
    expect(record.text).toBe(
      'Ukrainian drones targeted three Ozon logistics hubs across Russia overnight, with facilities in Adygea, ' +
        'Stavropol Krai and Dagestan affected.\n\nThe strikes come amid a broader series of attacks on major ' +
        'Russian distribution centers, including sites operated by Ozon and rival retailer Wildberries.',
    );
    expect(record.media?.map((ref) => ref.kind)).toEqual(['video-poster', 'video', 'video-poster', 'video', 'video-poster']);
    expect(record.media?.filter((ref) => ref.kind === 'video').every((ref) => /^https:\/\/cdn4\.telesco\.pe\/file\/\w+\.mp4\?token=/.test(ref.url))).toBe(true);
  });

  it('has only the still of a video too big for the preview: no video URL is made up', async () => {
    const record = await extractFrom(CHANNEL_FILE, CHANNEL_URL, 'ClashReport/93436');
    expect(record.media).toEqual([
      {
        kind: 'video-poster',
        url:
          'https://cdn4.telesco.pe/file/rN9eAZClyBSvaTeKJqkBhbnBPm3-02oE-VLcBHRsrmWDp6DVcK4W1Py7KrJ2ctg6unmlHS5vc52PJnPX8_DTHOh47rKIm-qH4OQG1IgAX-IVEt7ejgpy3fIuHGzbrsFIGPBOGI-nYB_de4L9fnNoSd9P2hya6sIeLIZ1TQPh3SxNfNRZs5Hbi7apl7nCKE1lu2N10PzbLLBYHxZJQM7uMyTu1dnf_TPgT3Kt8ENBoj1NGeyxXFr53ejM4VNBtX2dMsVVoMISi4h5Pla9DdB7l6euquccLHcBf-6F3fvGMqhAFMDJd2LWo4ELNk_PZFTRHfEAybeS_r4TnVMJ_QOD8g',
      },
    ]);
  });

  it('without the owner link and the date link: the message key still gives permalink and channel, no time is invented', async () => {
    const record = await extractFrom(CHANNEL_FILE, CHANNEL_URL, 'ClashReport/93429', (post) => {
      post.querySelectorAll('.tgme_widget_message_owner_name, .tgme_widget_message_date').forEach((el) => el.remove());
    });
    expect(record.platform).toBe('telegram');
    expect(record.url).toBe('https://t.me/ClashReport/93429');
    expect(record.author).toEqual({ handle: 'ClashReport', url: 'https://t.me/ClashReport' });
    expect(record.postedAt).toBeUndefined();
    expect(record.postedAtSource).toBeUndefined();
  });
});
