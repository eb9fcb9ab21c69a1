// @vitest-environment node
// TikTok-specific rules: the page's JSON describes only the video the page was loaded for.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { adapterForUrl } from './index';

const FILE = 'tiktok_video_illojuan_7571863205253778710_2025_es.metascraper.html';
const PAGE_URL = 'https://www.tiktok.com/@illojuan/video/7571863205253778710';

function extractCard(index: number, change?: (document: Document) => void): Promise<PostRecord> {
  return withFixtureDocument('tiktok', FILE, PAGE_URL, (document) => {
    const adapter = adapterForUrl(new URL(PAGE_URL));
    change?.(document);
    const post = adapter && document.querySelectorAll(adapter.postSelector)[index];
    if (adapter?.name !== 'tiktok' || !post) throw new Error(`The fixture no longer holds TikTok video card #${index}.`);
    return adapter.extract(post, new URL(PAGE_URL));
  });
}

describe.skipIf(!hasFixturePages)('TikTok videos on the real saved page', () => {
  it('reads the next video in the feed from the card only: the page JSON is about another video', async () => {
    expect(await extractCard(1)).toEqual({
      platform: 'tiktok',
      id: '7586458564600827138',
      url: 'https://www.tiktok.com/@lacasa2edicion/video/7586458564600827138',
      author: { handle: 'lacasa2edicion', url: 'https://www.tiktok.com/@lacasa2edicion' },
      text: '😅😂 #ruth #empoderada #ruthempoderada ',
      // Its cover had not loaded (a data: placeholder): only the streamed video is listed.
      media: [{ kind: 'video', url: 'blob:https://www.tiktok.com/f3799583-b416-49c0-b54a-5fc987b5460d' }],
    });
  });

  it('without the rehydration JSON: no time, display name, account id or language is guessed from the card', async () => {
    const record = await extractCard(0, (document) => document.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__')?.remove());
    expect(record.platform).toBe('tiktok');
    expect(record.author).toEqual({ handle: 'illojuan', url: 'https://www.tiktok.com/@illojuan' });
    expect(record.postedAt).toBeUndefined();
    expect(record.postedAtSource).toBeUndefined();
    expect(record.lang).toBeUndefined();
  });

  it('keeps the AI-generated summary and the "See translation" label out of the description', async () => {
    const record = await extractCard(0);
    expect(record.text).not.toMatch(/Descubre el menú|Keywords|See translation|more$/);
  });
});
