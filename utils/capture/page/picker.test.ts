// @vitest-environment happy-dom
// The element picker's keyboard and mouse handling: arrows walk the page, Enter or a click chooses, Escape cancels.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trusted } from '../../../test/trusted-event';
import { nextCandidate, startElementPicker } from './picker';

beforeEach(() => {
  document.body.innerHTML = `
    <header id="top">Site</header>
    <main id="main">
      <article id="a1"><p id="p1">First <a id="link" href="/x">link</a></p><p id="p2">Second</p></article>
      <article id="a2"><p id="p3">Other</p></article>
    </main>`;
});

afterEach(() => {
  document.querySelectorAll('postproof-picker').forEach((el) => el.remove());
});

const byId = (id: string) => document.getElementById(id)!;
const press = (key: string) => document.dispatchEvent(trusted(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));

describe('nextCandidate', () => {
  it('moves to the parent, the first child, and the siblings', () => {
    expect(nextCandidate(byId('p1'), 'ArrowUp')).toBe(byId('a1'));
    expect(nextCandidate(byId('a1'), 'ArrowDown')).toBe(byId('p1'));
    expect(nextCandidate(byId('p1'), 'ArrowRight')).toBe(byId('p2'));
    expect(nextCandidate(byId('p2'), 'ArrowLeft')).toBe(byId('p1'));
  });

  it('goes back down to the child it came up from', () => {
    expect(nextCandidate(byId('a1'), 'ArrowDown', [byId('p2')])).toBe(byId('p2'));
  });

  it('stays put at the edges: above body, below a leaf, past the last sibling', () => {
    expect(nextCandidate(document.body, 'ArrowUp')).toBe(document.body);
    expect(nextCandidate(byId('link'), 'ArrowDown')).toBe(byId('link'));
    expect(nextCandidate(byId('a2'), 'ArrowRight')).toBe(byId('a2'));
    expect(nextCandidate(byId('top'), 'ArrowLeft')).toBe(byId('top'));
  });

  it('never offers PostProof’s own elements', () => {
    byId('a1').append(document.createElement('postproof-control'));
    expect(nextCandidate(byId('p2'), 'ArrowRight')).toBe(byId('p2'));
  });
});

describe('startElementPicker', () => {
  it('starts on the main content, walks with the arrow keys, and Enter chooses', () => {
    const onPick = vi.fn();
    const picker = startElementPicker(document, { onPick, onCancel: vi.fn() });
    expect(picker.current).toBe(byId('main'));
    expect(document.querySelector('postproof-picker')?.shadowRoot?.querySelector('[role="status"]')?.textContent).toMatch(/<main#main>/);
    press('ArrowDown'); // main → a1
    press('ArrowDown'); // a1 → p1
    press('ArrowRight'); // p1 → p2
    press('ArrowUp'); // p2 → a1
    press('ArrowDown'); // back to p2
    expect(picker.current).toBe(byId('p2'));
    press('Enter');
    expect(onPick).toHaveBeenCalledWith(byId('p2'));
    expect(document.querySelector('postproof-picker')).toBeNull();
  });

  it('Escape cancels and removes the picker; later keys do nothing', () => {
    const onPick = vi.fn();
    const onCancel = vi.fn();
    startElementPicker(document, { onPick, onCancel });
    press('Escape');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(document.querySelector('postproof-picker')).toBeNull();
    press('Enter');
    expect(onPick).not.toHaveBeenCalled();
  });

  it('hover outlines the element under the mouse, and a click chooses it without the page seeing the click', () => {
    const onPick = vi.fn();
    const pageClick = vi.fn();
    byId('link').addEventListener('click', pageClick);
    const picker = startElementPicker(document, { onPick, onCancel: vi.fn() });
    byId('p3').dispatchEvent(trusted(new MouseEvent('mousemove', { bubbles: true })));
    expect(picker.current).toBe(byId('p3'));
    byId('link').dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(onPick).toHaveBeenCalledWith(byId('link'));
    expect(pageClick).not.toHaveBeenCalled();
  });

  it('a page script can neither move the outline nor choose nor cancel: only the person’s own input counts', () => {
    const onPick = vi.fn();
    const onCancel = vi.fn();
    const picker = startElementPicker(document, { onPick, onCancel });
    byId('p3').dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    expect(picker.current).toBe(byId('main'));
    byId('link').click();
    byId('link').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    for (const key of ['ArrowDown', 'Enter', 'Escape']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    expect(onPick).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
    expect(document.querySelector('postproof-picker')).not.toBeNull();
    press('Enter');
    expect(onPick).toHaveBeenCalledWith(byId('main'));
  });
});
