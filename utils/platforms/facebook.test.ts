// Facebook-specific rules: permalinks keep what identifies the post and drop click tracking.
import { describe, expect, it } from 'vitest';
import './index';
import { cleanFacebookUrl } from './facebook';

const pageUrl = new URL('https://m.facebook.com/Nintendo/');

describe('cleanFacebookUrl', () => {
  it('keeps story_fbid and id, drops refid and __tn__', () => {
    expect(cleanFacebookUrl('/story.php?story_fbid=3065154550235644&id=119240841493711&refid=52&__tn__=-R', pageUrl)).toBe(
      'https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
    );
    expect(cleanFacebookUrl('/omarflorez?refid=18&__tn__=C-R', pageUrl)).toBe('https://m.facebook.com/omarflorez');
  });

  it('gives nothing for a link off Facebook', () => {
    expect(cleanFacebookUrl('https://lm.facebook.example/l.php?u=x', pageUrl)).toBeUndefined();
  });
});
