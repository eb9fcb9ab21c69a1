// The Mastodon adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/**
 * The shared corpus holds no Mastodon page, so these fixtures are our own (test/fixtures/pages/mastodon/), written
 * from the Mastodon web app's markup (see the comment at the top of each file). The instance is made up.
 */
export const mastodonFixtures: AdapterFixture[] = [
  {
    folder: 'local:mastodon',
    file: 'mastodon_status_detailed_ar.html',
    pageType: 'status page, Arabic (right-to-left), photo',
    posts: 1,
    url: 'https://mastodon.example/@user/123456',
    expected: {
      platform: 'mastodon',
      id: '123456',
      url: 'https://mastodon.example/@user/123456',
      author: { name: 'محمد الكاتب', handle: 'user@mastodon.example', url: 'https://mastodon.example/@user' },
      postedAt: '2024-03-05T14:07:09.000Z',
      postedAtSource: 'attribute',
      text: 'مرحبا بالعالم! 🎉\nهذا منشور تجريبي للحفظ.\n\nالسطر الثالث #اختبار',
      lang: 'ar',
      media: [{ kind: 'photo', url: 'https://files.mastodon.example/media_attachments/files/111/222/333/original/a1b2c3.jpg' }],
    },
  },
  {
    folder: 'local:mastodon',
    file: 'mastodon_profile_timeline_en.html',
    pageType: 'profile timeline, photos and video',
    posts: 2,
    url: 'https://mastodon.example/@user',
    expected: {
      platform: 'mastodon',
      id: '112233445566',
      url: 'https://mastodon.example/@user/112233445566',
      author: { name: 'Test User', handle: 'user@mastodon.example', url: 'https://mastodon.example/@user' },
      postedAt: '2024-03-04T09:15:00.000Z',
      postedAtSource: 'attribute',
      text: 'Flooding on the river road this morning.\nTwo photos below.\n\nReport: https://example.org/report/2024/flood',
      lang: 'en',
      media: [
        { kind: 'photo', url: 'https://files.mastodon.example/media_attachments/files/444/555/001/original/f1.jpg' },
        { kind: 'photo', url: 'https://files.mastodon.example/media_attachments/files/444/555/002/original/f2.png' },
      ],
    },
  },
];
