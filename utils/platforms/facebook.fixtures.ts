// The Facebook adapter's fixture pages and the records they must yield: read by the tests only, never shipped.
import type { AdapterFixture } from './adapter-fixture.fixtures';

/** Real pages served by m.facebook.com (see ../shared/fixtures/pages/SOURCES.md) and what the first post must yield. */
export const facebookFixtures: AdapterFixture[] = [
  {
    folder: 'facebook',
    file: 'fb_mobile_story_php_nintendo_3065154550235644_2020-05-13_en.kevinzg.html',
    pageType: 'story page (m.), 4 photos; 3 more stories below',
    posts: 4,
    url: 'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
    expected: {
      platform: 'facebook',
      id: '3065154550235644',
      url: 'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
      author: { name: 'Nintendo', handle: 'Nintendo', id: '119240841493711', url: 'https://m.facebook.com/Nintendo/' },
      postedAt: '2020-05-13T01:01:18.000Z',
      postedAtSource: 'attribute',
      text:
        'Check out these themed wallpapers and many more at the link below for your personal use! We hope you enjoy them!' +
        '\n\nhttps://www.nintendo.com/wallpapers/',
      media: [
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-9/cp0/e15/q65/p720x720/96724875_3065146506903115_4237164853036318720_n.jpg?_nc_cat=103&ccb=1-3&_nc_sid=8024bb&_nc_ohc=SvpNqSK7ILIAX93ehWM&_nc_ht=scontent.fhlz2-1.fna&tp=3&oh=426e258c934177d9ded48435efaecc6c&oe=60E74054',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96657922_3065146630236436_9052202957155598336_n.jpg?_nc_cat=101&ccb=1-3&_nc_sid=8024bb&_nc_ohc=MwI_Au5sC60AX93Dkix&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=5c016bd47d3d9ab3ba997b48dbc21a97&oe=60E75F2D',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96557798_3065146790236420_838564679184809984_n.jpg?_nc_cat=103&ccb=1-3&_nc_sid=8024bb&_nc_ohc=ydkcrs8kPykAX_0Fdn4&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=ca962fe95d846cbd6e4e78b0884572c9&oe=60E51308',
        },
        {
          kind: 'photo',
          url: 'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-0/cp0/e15/q65/s640x640/96688092_3065146896903076_7861539131082407936_n.jpg?_nc_cat=108&ccb=1-3&_nc_sid=8024bb&_nc_ohc=vqgGsFXTmO4AX82bX5z&_nc_ht=scontent.fhlz2-1.fna&tp=9&oh=7e9da116d24a9faee2fe15c16d7dea8f&oe=60E3DD81',
        },
      ],
    },
  },
  {
    folder: 'facebook',
    file: 'fb_mobile_group_permalink_southamericansincomputing_2018_en-es.kevinzg.html',
    pageType: 'group permalink (m.), text',
    posts: 1,
    url: 'https://m.facebook.com/groups/southamericansincomputing/permalink/1629606003787605/',
    expected: {
      platform: 'facebook',
      id: '1629606003787605',
      url: 'https://m.facebook.com/groups/southamericansincomputing/permalink/1629606003787605/',
      author: { name: 'Omar U. Florez', handle: 'omarflorez', id: '757122227', url: 'https://m.facebook.com/omarflorez' },
      postedAt: '2018-04-03T20:02:42.000Z',
      postedAtSource: 'attribute',
      text:
        'Hola!, This group is aimed to create opportunities for South American students in Computer Science and related fields.' +
        '\n\nHope this will help us to know what we are doing in our work, achievements to be recognized, increase fairness in our area, and maybe conferences where we might meet.' +
        '\n\nProfessors and professionals are also welcomed to share their experiences and to collaborate among us and learn together.' +
        '\n\nSome short rules for a happy co-existence:' +
        '\n1. No business advertisement or spam.' +
        '\n2. Topics relevant to Computing, Computer Science, Software Engineering, and Education.' +
        '\n3. Political and religious advertisement are not allowed.',
      media: [],
    },
  },
];
