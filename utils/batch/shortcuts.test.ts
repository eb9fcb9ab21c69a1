// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CONTEXT_MENU_ID, contextMenuItem, onCommand, onContextMenuClicked, PRESERVE_COMMAND, type ShortcutsApi } from './shortcuts';
import { PointerTracker, targetPost } from './post-target';
import { CONTENT_SCRIPT_FILE, PICKER_SCRIPT_FILE } from '../extension/site-access';
import { trusted } from '../../test/trusted-event';

function fakeApi(contentScriptRuns: boolean, found = true) {
  const calls: string[] = [];
  let injected = false;
  const api: ShortcutsApi = {
    sendToTab: async (tabId, message) => {
      calls.push(`send ${tabId} ${message.source}`);
      if (!contentScriptRuns && !injected) throw new Error('Receiving end does not exist.');
      return { ok: true, found };
    },
    injectContentScript: async (tabId, file) => {
      calls.push(`inject ${tabId} ${file}`);
      injected = true;
    },
  };
  return { api, calls };
}

describe('keyboard command and context menu', () => {
  it('the command asks the tab to preserve the post in focus or under the pointer', async () => {
    const { api, calls } = fakeApi(true);
    expect(await onCommand(api, PRESERVE_COMMAND, { id: 3 })).toBe(true);
    expect(await onCommand(api, 'something-else', { id: 3 })).toBe(false);
    expect(calls).toEqual(['send 3 command']);
  });

  it('the menu item starts the content script where it is not running (the click grants activeTab), then asks again', async () => {
    const { api, calls } = fakeApi(false);
    expect(await onContextMenuClicked(api, { menuItemId: CONTEXT_MENU_ID }, { id: 5 })).toBe(true);
    expect(calls).toEqual(['send 5 context-menu', `inject 5 ${CONTENT_SCRIPT_FILE}`, 'send 5 context-menu']);
    expect(await onContextMenuClicked(api, { menuItemId: CONTEXT_MENU_ID }, undefined)).toBe(false);
    expect(contextMenuItem()).toMatchObject({ id: CONTEXT_MENU_ID, title: 'Preserve this post' });
  });

  it('injects the element picker where the tab finds no post', async () => {
    const { api, calls } = fakeApi(false, false);
    expect(await onCommand(api, PRESERVE_COMMAND, { id: 7 })).toBe(true);
    expect(calls).toEqual(['send 7 command', `inject 7 ${CONTENT_SCRIPT_FILE}`, 'send 7 command', `inject 7 ${PICKER_SCRIPT_FILE}`]);
  });
});

describe('targetPost', () => {
  function page() {
    document.body.innerHTML = '<article id="a"><p>one</p><button id="b">Like</button></article><article id="c"><p id="d">two</p></article>';
    const at = new Map<string, Element>([['10,10', document.getElementById('b')!], ['10,300', document.getElementById('d')!]]);
    return { activeElement: document.activeElement, elementFromPoint: (x: number, y: number) => at.get(`${x},${y}`) ?? null } as Pick<Document, 'activeElement' | 'elementFromPoint'>;
  }

  it('prefers the post holding the focus for the command, else the one under the pointer', () => {
    const doc = page();
    expect(targetPost(doc, 'article', 'command', { pointer: { x: 10, y: 300 } })?.id).toBe('c');
    document.getElementById('b')!.focus();
    expect(targetPost({ ...doc, activeElement: document.activeElement }, 'article', 'command', { pointer: { x: 10, y: 300 } })?.id).toBe('a');
  });

  it('takes the right-clicked post for the context menu, and none where no post is', () => {
    const doc = page();
    expect(targetPost(doc, 'article', 'context-menu', { contextClick: { x: 10, y: 10 }, pointer: { x: 10, y: 300 } })?.id).toBe('a');
    expect(targetPost(doc, 'article', 'context-menu', { contextClick: { x: 999, y: 999 } })).toBeNull();
  });

  it('remembers the last pointer position and right click', () => {
    const tracker = new PointerTracker();
    const controller = new AbortController();
    tracker.attach(document, controller.signal);
    document.dispatchEvent(trusted(new MouseEvent('pointermove', { clientX: 4, clientY: 5 })));
    document.dispatchEvent(trusted(new MouseEvent('contextmenu', { clientX: 6, clientY: 7 })));
    expect(tracker).toMatchObject({ pointer: { x: 6, y: 7 }, contextClick: { x: 6, y: 7 } });
    controller.abort();
    document.dispatchEvent(trusted(new MouseEvent('pointermove', { clientX: 1, clientY: 1 })));
    expect(tracker.pointer).toEqual({ x: 6, y: 7 });
  });

  it('ignores pointer moves and right clicks a page script dispatches (they would choose the post preserved)', () => {
    const tracker = new PointerTracker();
    const controller = new AbortController();
    tracker.attach(document, controller.signal);
    document.dispatchEvent(trusted(new MouseEvent('pointermove', { clientX: 4, clientY: 5 })));
    document.dispatchEvent(new MouseEvent('pointermove', { clientX: 10, clientY: 300 }));
    document.dispatchEvent(new MouseEvent('contextmenu', { clientX: 10, clientY: 300 }));
    expect(tracker.pointer).toEqual({ x: 4, y: 5 });
    expect(tracker.contextClick).toBeUndefined();
    controller.abort();
  });
});
