// The Telegram adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/** Real pages saved from t.me (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield. */
export const telegramFixtures: AdapterFixture[] = [
  {
    folder: 'telegram',
    file: 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html',
    pageType: 'channel preview (t.me/s), 17 messages',
    posts: 17,
    url: 'https://t.me/s/ClashReport',
    expected: {
      platform: 'telegram',
      id: '93429',
      url: 'https://t.me/ClashReport/93429',
      author: { name: 'Clash Report', handle: 'ClashReport', url: 'https://t.me/ClashReport' },
      postedAt: '2026-08-24T03:46:52.000Z',
      postedAtSource: 'attribute',
      text:
        'U.S. Treasury Secretary Scott Bessent says Washington is entering the “endgame” against Iran, preparing ' +
        'sweeping sanctions to cut off Tehran’s remaining financial and commercial ties.\n\n' +
        'He warned that countries and companies continuing to support Iran could also face U.S. economic penalties, ' +
        'as the Trump administration seeks to further isolate and weaken the Iranian economy.\n\nSource: FT',
      media: [
        {
          kind: 'photo',
          url:
            'https://cdn4.telesco.pe/file/drHev-1OLxvVCx1d2o_Yk7RNWdco38iVy3gg-Z4hMFY5CIYp2FmgRLP92p89PGghjH-kdKPxLqg2FRDfk5mIZRoZmE-5SbM2naaF7h98Bx7O4a9lxYiUFn54ibjgCLi0OyBHuB_tjy9laFqP6vq5tjYhNcgtJFUVHwl1TFc3XJdOD9J0Uv3bmXzm0S6A6sTtR3Jhq62uLMNoq-508' +
            'FlxAbfrw6Nbf70njyO-CgU3dap6E62wUj0uO5lCcLtsv0FkzQWVSf0ynh1widVnXsKHW1LzHhYg2TgG72lzRDvOV6L-i5Zio7aNvlhR6RS5SHC01OdGlc78owmkyCVCvMu-cQ.jpg',
        },
      ],
    },
  },
  {
    folder: 'telegram',
    file: 'tme_s_message_album_anna_news_46908_ru.any2feed.html',
    pageType: 'single message (t.me/s/CHANNEL/ID), album: video + 2 photos',
    posts: 1,
    url: 'https://t.me/s/anna_news/46908',
    expected: {
      platform: 'telegram',
      id: '46908',
      url: 'https://t.me/anna_news/46908',
      author: { name: 'ANNA-NEWS', handle: 'anna_news', url: 'https://t.me/anna_news' },
      postedAt: '2023-02-28T06:48:36.000Z',
      postedAtSource: 'attribute',
      text:
        'Ночью над Белгородом сбили 3 беспилотника\n\nОни упали на улицы города.\n\n' +
        'Сообщается, что на себе БПЛА несли взрывчатку из пластида.\n\n#Белгород #Беспилотники\n\n@anna_news',
      // The album in the order it shows: the video (its still, then the mp4), then the two photos.
      media: [
        {
          kind: 'video-poster',
          url:
            'https://cdn4.telegram-cdn.org/file/bQ4J9WIu_QXPT3LjWI9lNJOCwjIWdEeJfa3kLhUnSir4imlR_CC7lmPWqowdC1jGCRwOy51EcO3HXP5f3H7DPEoaMDKS7WF43VNFNmGY7QjwCrQFNWlR4mXNU9g8y05NUeyNTh-' +
            'ROusMbYQqY1ZX4_ZXfXOBInCIdr2GYLpXQOkpZq8McyoMI_RlPxMgyUNxXl6ipSoNg3HySAiZn7CW7L7Q-rLMrqrvyjoXQ9bBZQK-OYaB4298yyF88mmUMSsrGvFEeG-esL4N6FQh2R7BBkRHPOVFMX3lXYynbHd9nOgSzhKznx4vGP-ORGZs1enrtMeHffFoZ2uq5kmfCyTsmA',
        },
        {
          kind: 'video',
          url:
            'https://cdn4.telegram-cdn.org/file/3fc678ce81.mp4?token=FBehvrwaJkFwTxZPYMEqigkrwI9iQnPuq0_TiYCxBcrIp-Rpbe7VnnQjHtNoN3J4J-p1jD9jfl1uyGleu8-5JD2Kz-P96KqyJ-fuEmjkUhv5OMcAw7Rx_nVSCPaHVsROeWcUpk2D-Q1yXUdfrMwvtxQTzwurrYIzGRvBqNPoq96K-' +
            'ykDv8muGbcbpbfJm0gyywpzP0ujBWuNZqjobZirlu_05prFYR6LuuaOhVXxfmm-lKsdxXNvNj91nwNitKYnf9mdri7aSEOGKb44Rd0JBUi31rzNWnKvm88Vb1tEUWU9a6oUUMlXlGvLxirPR4Hm1mWpYlsZuSP8EVNKVD2Pww',
        },
        {
          kind: 'photo',
          url:
            'https://cdn4.telegram-cdn.org/file/hreFvq_I28dSzoM2DmY7nB4dqOYfR7q2EKSKvlAw5eFp4h-AtaBZEeeCx5gDwpY47QIJE-tnLPFIrP2-EuljFMJ7xVFSafZURgBvb7uxrwgbAtF1n3WoWs0fW_JKC_lZuLOPK_ay295GBQYFahYhpA9g3SzQy9k-JQvthY9XALmhcx7F38CFAWtREA_' +
            'T2MsBjzZITWBjTyuC2Z10u9dlsCg0dmyoHPsj0v-XC3JAw-Ky6k7wttSyXdmMm6y4hishYmQ1VIarq1tLpdGSDhJGRrQAacgIvLd3v1-34_-fO_UCUkJ725x19TeWX7nJyjcXxcocCbofGPQbcG8UGyORgw.jpg',
        },
        {
          kind: 'photo',
          url:
            'https://cdn4.telegram-cdn.org/file/uncPmElZ9yFcNTWHzfyFA4HdbR-XFOQwoB-vqkRnP8OL07B_NIAHnb-iZnM-kH37F8EybD_Y68E1_OglL88XJFpTYfZirKY5dTH4Xb5jpmNXOhLzVA4IIgAIFsgKY0DMA5-D7v1YUOaLKc7zN1LITqyDcEuGk2okKpVl1K7qddvjed9cB29G7Kpmnupfl3J1sOxnqXJPQnIRdUgKx1-1CTrEJyz-' +
            'giMDutxZzpNbyKz35M9U6X6_3Ym81eafu2j0u8MS08CsKJeczM-_BYaUtneOTZ0JLovP-NI5-u795pFHULYQErOhEO7IgX49IGD5P4dWOyoMRUA2oJGVmY8NeA.jpg',
        },
      ],
    },
  },
  {
    folder: 'telegram',
    file: 'tme_s_message_forwarded_oper_goblin_22358_ru.any2feed.html',
    pageType: 'single message (t.me/s/CHANNEL/ID), forwarded, photo',
    posts: 1,
    url: 'https://t.me/s/oper_goblin/22358',
    expected: {
      platform: 'telegram',
      id: '22358',
      url: 'https://t.me/oper_goblin/22358',
      author: { name: 'Tynu40k Goblina (oper.ru)', handle: 'oper_goblin', url: 'https://t.me/oper_goblin' },
      postedAt: '2023-02-27T07:20:50.000Z',
      postedAtSource: 'attribute',
      text: 'Британская разведка выяснила, почему Ким Чен Ын начал выводить дочку в свет',
      quoted: 'https://t.me/dimsmirnov175/44604',
      links: [
        {
          kind: 'forward',
          platform: 'telegram',
          id: '44604',
          url: 'https://t.me/dimsmirnov175/44604',
          author: { name: 'Пул N3', handle: 'dimsmirnov175', url: 'https://t.me/dimsmirnov175' },
        },
      ],
      media: [
        {
          kind: 'photo',
          url:
            'https://cdn4.telegram-cdn.org/file/keYrQp0kfuA-v2y8PsdF0DmDlrXxR0ahAfvzPejy_Ep9yvE2ifeOVg7KecYozypkyzAmG47fZgsRfctEYsls6av-ztLnYC4tGiPWDcqW1knXGR_m3X1UT8Nxu76NIDYnf-0DLI_NdnbS4zpSUX2K-S0XhZExZpSoY4LBFHkfrFJXB-jqd6WvHr8nZVNpJTQiEVhwWfKYhhZF3' +
            'WVx9ppAZ7sqqYKFRu46X3so4A1epPbMLkwl5L-4jzBa3FEar5CzUX36Zdp0ABje-YtDl93gJ-TXUE3wXmnZV-dHk0uwYraqZ2szpXK-3km9jCXMQdvj5Si1eEcJqPOLwZrWpwb1FQ.jpg',
        },
      ],
    },
  },
  {
    folder: 'telegram',
    file: 'tme_s_message_poll_it_begin_488_ru.any2feed.html',
    pageType: 'single message (t.me/s/CHANNEL/ID), poll without text',
    posts: 1,
    url: 'https://t.me/s/it_begin/488',
    expected: {
      platform: 'telegram',
      id: '488',
      url: 'https://t.me/it_begin/488',
      author: { name: 'IT-старт', handle: 'it_begin', url: 'https://t.me/it_begin' },
      postedAt: '2023-02-27T16:21:02.000Z',
      postedAtSource: 'attribute',
      media: [],
    },
  },
  {
    // t.me/CHANNEL/ID draws the message in an <iframe> (…?embed=1) that the saved page does not hold: the page
    // itself has only the chrome, the embed code and og: tags, so no post may be found on it.
    folder: 'telegram',
    file: 'tme_post_page_iframe_shell_chollometro_28542_es.metascraper.html',
    pageType: 'post page (t.me/CHANNEL/ID), iframe shell',
    posts: 0,
    url: 'https://t.me/chollometro/28542',
  },
];
