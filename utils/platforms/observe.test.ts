// @vitest-environment happy-dom
// The shared selector observer: once per element, now and later, never inside our own control, silent after abort.
import { afterEach, describe, expect, it } from 'vitest';
import { observeElements } from './observe';

// happy-dom delivers mutation records asynchronously, like a browser; a macrotask lets them through.
const mutationsDelivered = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function post(id: string): HTMLElement {
  const article = document.createElement('article');
  article.dataset.testid = 'tweet';
  article.id = id;
  return article;
}

describe('observeElements', () => {
  afterEach(() => document.body.replaceChildren());

  it('reports present and later-added matches once each, and nothing after abort', async () => {
    const timeline = document.createElement('section');
    timeline.append(post('a'), document.createElement('div'), post('b'));
    document.body.append(timeline);
    const seen: string[] = [];
    const controller = new AbortController();

    observeElements(document, 'article[data-testid="tweet"]', (el) => seen.push(el.id), { signal: controller.signal });
    expect(seen).toEqual(['a', 'b']);

    const cell = document.createElement('div');
    cell.append(post('c'));
    timeline.append(cell, post('d'));
    timeline.append(timeline.querySelector('#a')!);
    await mutationsDelivered();
    expect(seen).toEqual(['a', 'b', 'c', 'd']);

    controller.abort();
    timeline.append(post('e'));
    await mutationsDelivered();
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores matches inside a postproof-control element', async () => {
    const control = document.createElement('postproof-control');
    control.append(post('inside-now'));
    document.body.append(control, post('outside'));
    const seen: string[] = [];
    const controller = new AbortController();

    observeElements(document.body, 'article', (el) => seen.push(el.id), { signal: controller.signal });
    control.append(post('inside-later'));
    await mutationsDelivered();
    controller.abort();
    expect(seen).toEqual(['outside']);
  });

  it('does nothing when the signal is already aborted', async () => {
    document.body.append(post('a'));
    const seen: string[] = [];
    observeElements(document, 'article', (el) => seen.push(el.id), { signal: AbortSignal.abort() });
    document.body.append(post('b'));
    await mutationsDelivered();
    expect(seen).toEqual([]);
  });
});
