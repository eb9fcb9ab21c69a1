// @vitest-environment happy-dom
// One control per post, even when the content script runs twice in a tab (declared, then injected).
import { describe, expect, it, vi } from 'vitest';
import { attachControl } from './control-slots';

describe('attachControl', () => {
  it('adds one control per post however often it is asked', () => {
    document.body.innerHTML = '<article id="post">Text</article>';
    const post = document.getElementById('post')!;
    expect(attachControl(post, vi.fn())).toBeDefined();
    expect(attachControl(post, vi.fn())).toBeUndefined();
    expect(post.querySelectorAll('postproof-control')).toHaveLength(1);
  });

  it('replaces a control left by an earlier extension instance', () => {
    document.body.innerHTML = '<article id="post">Text<postproof-control></postproof-control></article>';
    const post = document.getElementById('post')!;
    const control = attachControl(post, vi.fn());
    expect(post.querySelectorAll('postproof-control')).toHaveLength(1);
    expect(post.querySelector('postproof-control')).toBe(control?.host);
  });

  it('puts the control after an element that cannot hold one (an image)', () => {
    document.body.innerHTML = '<div><img id="img" src="https://example.org/a.png"></div>';
    const img = document.getElementById('img')!;
    const control = attachControl(img, vi.fn());
    expect(img.nextElementSibling).toBe(control?.host);
    expect(attachControl(img, vi.fn())).toBeUndefined();
  });
});
