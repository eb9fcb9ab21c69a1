// The TikTok adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/** The real page saved from www.tiktok.com (see ../shared/fixtures/pages/SOURCES.md) and what its first video must yield. */
export const tiktokFixtures: AdapterFixture[] = [
  {
    folder: 'tiktok',
    file: 'tiktok_video_illojuan_7571863205253778710_2025_es.metascraper.html',
    pageType: 'video page (the video + the next one in the feed)',
    posts: 2,
    url: 'https://www.tiktok.com/@illojuan/video/7571863205253778710',
    expected: {
      platform: 'tiktok',
      id: '7571863205253778710',
      url: 'https://www.tiktok.com/@illojuan/video/7571863205253778710',
      author: {
        name: 'IlloJuan',
        handle: 'illojuan',
        id: '6781206617314018309',
        url: 'https://www.tiktok.com/@illojuan',
      },
      postedAt: '2025-11-12T15:36:28.000Z',
      postedAtSource: 'json',
      text:
        'La nueva locurilla de fin de año: me he puesto un uniforme de trabajo 🔥 Mi menú Mystery King de ' +
        '@burgerking_es ya disponible: BRUJILLO JUAN 🔮 Un juego de 23 cartas coleccionables hechas por el genio ' +
        'Fran Molina, para que juguéis a leeros el futuro con vuestros colegas de risas. El verdadero misterio es ' +
        'estar currando algo últimamente. Gracias a @esperanzagraciaoficial por su cercanía y acceder a participar ' +
        'en esta maravilla. Espero que os guste ❤️',
      lang: 'es',
      // The player streams the video through a blob: URL; the cover is the still at its original size.
      media: [
        {
          kind: 'video-poster',
          url:
            'https://p16-pu-sign-no.tiktokcdn-eu.com/tos-no1a-p-0037-no/ooUXSB6YvXBIAith9R4slXPiZqs4BNaA8UHIA~tplv-tiktokx-origin.image' +
            '?dr=10395&x-expires=1767265200&x-signature=N8J0XBf7EWZpnZQFJfKpHN6mqFI%3D&t=4d5b0474&ps=13740610&shp=81f88b70&shcp=43f4a2f9&idc=no1a',
        },
        { kind: 'video', url: 'blob:https://www.tiktok.com/de593f0c-7f6e-4d32-9c98-6a9a66b64928' },
      ],
    },
  },
];
