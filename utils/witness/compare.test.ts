import { describe, expect, it } from 'vitest';
import type { PostRecord } from '../model';
import { compareFields, normalizeText, sameInstant, statusOf } from './compare';

const mediaIdOf = (url: string) => /\/([^/.]+)\.[a-z]+$/.exec(url)?.[1];

const post: PostRecord = {
  platform: 'x',
  id: '42',
  author: { id: '7', handle: '@Writer' },
  text: 'Hello\u00A0 world\n\nagain',
  postedAt: '2020-01-30T12:00:00.000Z',
  postedAtSource: 'attribute',
  media: [
    { kind: 'photo', url: 'https://cdn.example/a1.jpg' },
    // A video played from a blob: URL is named by its poster: one media item, id b2.
    { kind: 'video', url: 'blob:https://x.com/5f0c' },
    { kind: 'video-poster', url: 'https://cdn.example/b2.jpg' },
  ],
};

describe('normalizeText', () => {
  it('joins whitespace runs, drops zero-width characters and composes accents', () => {
    expect(normalizeText(' cafe\u0301\u200B  ok\n')).toBe('café ok');
    expect(normalizeText('a\u200Db')).toBe('a\u200Db');
  });
});

describe('sameInstant', () => {
  it('agrees to the second, or to the minute for a time read from text', () => {
    expect(sameInstant('2020-01-30T12:00:00Z', '2020-01-30T12:00:00.400Z', 'attribute')).toBe(true);
    expect(sameInstant('2020-01-30T12:00:00Z', '2020-01-30T12:00:02Z', 'attribute')).toBe(false);
    expect(sameInstant('2020-01-30T12:00:00Z', '2020-01-30T12:00:40Z', 'text')).toBe(true);
    expect(sameInstant('not a time', '2020-01-30T12:00:40Z', 'text')).toBeUndefined();
  });
});

describe('compareFields', () => {
  it('agrees on a witness that says the same, in other spacing and order', () => {
    const fields = compareFields(post, { authorId: '7', authorHandle: 'writer', postId: '42', text: 'Hello world again', postedAt: '2020-01-30T12:00:00Z', mediaCount: 2, mediaIds: ['b2', 'a1'] }, mediaIdOf);
    expect(fields.map((f) => [f.field, f.verdict])).toEqual([
      ['authorId', 'agrees'],
      ['authorHandle', 'agrees'],
      ['postId', 'agrees'],
      ['text', 'agrees'],
      ['postedAt', 'agrees'],
      ['mediaCount', 'agrees'],
      ['mediaIds', 'agrees'],
    ]);
    expect(statusOf(fields)).toBe('agrees');
  });

  it('names the field that differs, with both values, and what the witness did not hold', () => {
    const fields = compareFields(post, { postId: '42', text: 'Hello world, edited', mediaCount: 1, mediaIds: ['a1'] }, mediaIdOf);
    const text = fields.find((f) => f.field === 'text')!;
    expect(text).toEqual({ field: 'text', verdict: 'differs', page: post.text, witness: 'Hello world, edited' });
    expect(fields.find((f) => f.field === 'authorId')!.verdict).toBe('not-in-witness');
    expect(fields.find((f) => f.field === 'mediaCount')!.verdict).toBe('differs');
    expect(fields.find((f) => f.field === 'mediaIds')!.verdict).toBe('differs');
    expect(statusOf(fields)).toBe('differs');
  });

  it('says what the page did not show', () => {
    const bare: PostRecord = { platform: 'x', media: [{ kind: 'photo', url: 'blob:https://x.com/1' }] };
    const fields = compareFields(bare, { postId: '42', mediaIds: ['a1'] }, mediaIdOf);
    expect(fields.find((f) => f.field === 'postId')!.verdict).toBe('not-on-page');
    expect(fields.find((f) => f.field === 'mediaIds')!.verdict).toBe('not-on-page');
  });
});
