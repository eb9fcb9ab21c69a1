// The Reddit adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/**
 * Real pages saved from www.reddit.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield.
 * The corpus holds no page of current Reddit (<shreddit-post>) or old Reddit (.thing): the two `local:reddit` pages
 * are small ones we wrote from those layouts' public markup (see the comment at the top of each file).
 */
export const redditFixtures: AdapterFixture[] = [
  {
    folder: 'reddit',
    file: 'reddit_newreddit_gif_gifs_4vv0sa_captured2022_en.postlight.html',
    // The second post is a promoted post (an ad by u/adobe) drawn in the same post container.
    pageType: 'comments page (2018–23 redesign), GIF as MP4; 1 promoted post',
    posts: 2,
    url: 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/',
    expected: {
      platform: 'reddit',
      id: '4vv0sa',
      url: 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/',
      author: { handle: 'PlanetaryCough', url: 'https://www.reddit.com/user/PlanetaryCough/' },
      text: 'Leonardo DiCaprio scaring Jonah Hill on the street by pretending to be a crazy fan',
      media: [
        {
          kind: 'gif',
          url: 'https://external-preview.redd.it/sKJFPLamiRPOW5u7NTch3ykbFYMwqI5Qr0zlCINMTfU.gif?format=mp4&s=9c71423ab58c9c5fb84470f2676ee9538727040b',
        },
      ],
    },
  },
  {
    folder: 'reddit',
    file: 'reddit_newreddit_selfpost_askreddit_axtih6_captured2022_en.postlight.html',
    pageType: 'comments page (2018–23 redesign), title-only self post, author deleted',
    posts: 1,
    url: 'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/',
    expected: {
      platform: 'reddit',
      id: 'axtih6',
      url: 'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/',
      text: 'What is the most "worth it" item you have ever purchased?',
      media: [],
    },
  },
  {
    folder: 'reddit',
    file: 'reddit_newreddit_video_humansbeingbros_aybtf7_captured2022_en.postlight.html',
    pageType: 'comments page (2018–23 redesign), v.redd.it video, author deleted',
    posts: 1,
    url: 'https://www.reddit.com/r/HumansBeingBros/comments/aybtf7/thanks_human/',
    expected: {
      platform: 'reddit',
      id: 'aybtf7',
      url: 'https://www.reddit.com/r/HumansBeingBros/comments/aybtf7/thanks_human/',
      text: 'Thanks! Human',
      media: [
        { kind: 'video', url: 'blob:https://www.reddit.com/a5ac00a1-007f-4dfa-824c-fbe8ab35a4b8' },
        {
          kind: 'video',
          url: 'https://v.redd.it/kwhzxoz5rok21/HLSPlaylist.m3u8?a=1662745062%2CNzdmODU5ZDBhYTUwNmYyOGI3ZTU4OWU5N2I4ZTBmN2MxNTgyMWIzMjgzNDMwZmZhNTM3Mjc1NGIxMWRjNWMzNA%3D%3D&v=1&f=hd',
        },
      ],
    },
  },
  {
    folder: 'local:reddit',
    file: 'reddit_shreddit_post_local.html',
    pageType: 'comments page (current, <shreddit-post>), image; our own minimal page',
    posts: 1,
    url: 'https://www.reddit.com/r/pics/comments/1c2d3e4/morning_fog_over_the_harbour/',
    expected: {
      platform: 'reddit',
      id: '1c2d3e4',
      url: 'https://www.reddit.com/r/pics/comments/1c2d3e4/morning_fog_over_the_harbour/',
      author: { handle: 'harbour_watcher', id: 't2_8k2m4n', url: 'https://www.reddit.com/user/harbour_watcher/' },
      postedAt: '2024-05-13T18:01:07.735Z',
      postedAtSource: 'attribute',
      text: 'Morning fog over the harbour\n\nTaken from the north pier at 6am.\n\nNo filter 🌫️',
      lang: 'en',
      media: [{ kind: 'photo', url: 'https://i.redd.it/q8w2e4r6t8y1.jpeg' }],
    },
  },
  {
    folder: 'local:reddit',
    file: 'reddit_oldreddit_thing_local.html',
    pageType: 'comments page (old Reddit, .thing), self post; our own minimal page',
    posts: 1,
    url: 'https://old.reddit.com/r/AskHistorians/comments/9x8y7z/how_were_letters_dated_before_calendars_agreed/',
    expected: {
      platform: 'reddit',
      id: '9x8y7z',
      url: 'https://old.reddit.com/r/AskHistorians/comments/9x8y7z/how_were_letters_dated_before_calendars_agreed/',
      author: { handle: 'quill_and_ink', id: 't2_3f5g7h', url: 'https://old.reddit.com/user/quill_and_ink/' },
      postedAt: '2018-11-17T09:25:41.000Z',
      postedAtSource: 'attribute',
      text: 'How were letters dated before calendars agreed?\n\nI mean between countries that used different calendars.\nDid writers give both dates?',
      media: [],
    },
  },
];
