import { describe, expect, it } from 'vitest';
import { pageStatusText, readPageStatus } from './page-status';

describe('readPageStatus', () => {
  it('calls a tab without a content script unsupported', async () => {
    const status = await readPageStatus(7, () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    expect(status).toEqual({ state: 'unsupported' });
    expect(pageStatusText(status)).toBe('PostProof does not support this site yet: no post can be preserved here.');
  });

  it('says when a supported site shows no post it can read', async () => {
    const status = await readPageStatus(7, () => Promise.resolve({ platform: 'x', posts: 0 }));
    expect(pageStatusText(status)).toBe('No supported post was found on this page. The site may have changed its layout; nothing was captured.');
  });

  it('counts the posts, asking the given tab with the page-status message', async () => {
    const asked: unknown[] = [];
    const status = await readPageStatus(12, (tabId, message) => {
      asked.push([tabId, message]);
      return Promise.resolve({ platform: 'x', posts: 3 });
    });
    expect(asked).toEqual([[12, { type: 'postproof/page-status' }]]);
    expect(pageStatusText(status)).toBe('3 posts on this page can be preserved with their Preserve button.');
    expect(pageStatusText({ state: 'posts', platform: 'x', posts: 1 })).toBe('1 post on this page can be preserved with its Preserve button.');
  });

  it('in quiet mode counts the posts without naming a button the page does not show', () => {
    expect(pageStatusText({ state: 'posts', platform: 'x', posts: 3 }, true)).toBe('3 posts on this page can be preserved.');
    expect(pageStatusText({ state: 'posts', platform: 'x', posts: 1 }, true)).toBe('1 post on this page can be preserved.');
  });

  it('treats no tab, or an answer of the wrong shape, as unsupported', async () => {
    expect(await readPageStatus(undefined, () => Promise.resolve({ platform: 'x', posts: 1 }))).toEqual({ state: 'unsupported' });
    expect(await readPageStatus(3, () => Promise.resolve(undefined))).toEqual({ state: 'unsupported' });
    expect(await readPageStatus(3, () => Promise.resolve({ platform: 'none', posts: 0 }))).toEqual({ state: 'unsupported' });
  });
});
