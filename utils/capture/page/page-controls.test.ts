// @vitest-environment happy-dom
// Quiet mode on a page that is open: switching it on takes every control (and a batch's panel) away and adds none
// to posts loaded later; switching it off puts a control on every post again.
import { describe, expect, it, vi } from 'vitest';
import { pageControls } from './page-controls';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const controls = () => document.querySelectorAll('postproof-control').length;

function addPost(id: string) {
  const post = document.createElement('article');
  post.id = id;
  document.body.append(post);
}

describe('pageControls', () => {
  it('adds nothing before the setting is known, nor while quiet, and follows each switch', async () => {
    document.body.innerHTML = '<article id="a"></article><article id="b"></article>';
    const controller = new AbortController();
    const onPreserve = vi.fn();
    const show = pageControls(document, 'article', onPreserve, controller.signal);
    await flush();
    expect(controls()).toBe(0);

    show(true);
    addPost('c');
    await flush();
    expect(controls()).toBe(0);

    show(false);
    expect(controls()).toBe(3);
    addPost('d');
    await flush();
    expect(controls()).toBe(4);
    show(false);
    expect(controls()).toBe(4);

    document.documentElement.append(document.createElement('postproof-batch'));
    show(true);
    expect(document.querySelectorAll('postproof-control, postproof-batch')).toHaveLength(0);
    addPost('e');
    await flush();
    expect(controls()).toBe(0);

    show(false);
    expect(controls()).toBe(5);
    controller.abort();
    addPost('f');
    await flush();
    expect(controls()).toBe(5);
    expect(onPreserve).not.toHaveBeenCalled();
  });

  it('without an adapter (a page only the picker reads) adds nothing, and quiet still removes a picked post’s control', () => {
    document.body.innerHTML = '<article id="a"><postproof-control></postproof-control></article>';
    const show = pageControls(document, undefined, vi.fn(), new AbortController().signal);
    show(false);
    expect(controls()).toBe(1);
    show(true);
    expect(controls()).toBe(0);
  });
});
