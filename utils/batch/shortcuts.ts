// The keyboard command and the context-menu item that preserve one post. Both are gestures that grant activeTab,
// so the screenshot works without the optional <all_urls> permission, and lets the element picker be injected where
// the tab finds no post.
import { CONTENT_SCRIPT_FILE, PICKER_SCRIPT_FILE } from '../extension/site-access';
import type { PreserveTargetMessage, PreserveTargetReply } from './content-wiring';
import type { TargetSource } from './post-target';

export const PRESERVE_COMMAND = 'preserve-post';
export const CONTEXT_MENU_ID = 'postproof-preserve-post';
export const CONTEXT_MENU_TITLE = 'Preserve this post';

export interface ShortcutTab {
  id?: number;
}

export interface ShortcutsApi {
  sendToTab(tabId: number, message: PreserveTargetMessage): Promise<unknown>;
  /** Runs a script in the tab: the content script (pages outside the manifest) or the picker; the gesture's activeTab allows it. */
  injectContentScript(tabId: number, file: string): Promise<unknown>;
}

/**
 * Asks the tab's content script to preserve the post meant; starts the content script first where it is not running,
 * and the element picker where the tab finds no post.
 */
export async function preserveTargetInTab(api: ShortcutsApi, tab: ShortcutTab | undefined, source: TargetSource): Promise<boolean> {
  if (tab?.id === undefined || tab.id < 0) return false;
  const tabId = tab.id;
  const message: PreserveTargetMessage = { type: 'postproof/preserve-target', source };
  let reply: unknown;
  try {
    reply = await api.sendToTab(tabId, message);
  } catch {
    // No content script answered: the page is outside the manifest's sites. The gesture lets us run it there once.
    try {
      await api.injectContentScript(tabId, CONTENT_SCRIPT_FILE);
      reply = await api.sendToTab(tabId, message);
    } catch {
      return false;
    }
  }
  if ((reply as Partial<PreserveTargetReply> | undefined)?.found === false) {
    // No post there (or no adapter for the site): let the user pick the element.
    try {
      await api.injectContentScript(tabId, PICKER_SCRIPT_FILE);
    } catch {
      return false;
    }
  }
  return true;
}

export function onCommand(api: ShortcutsApi, command: string, tab: ShortcutTab | undefined): Promise<boolean> {
  return command === PRESERVE_COMMAND ? preserveTargetInTab(api, tab, 'command') : Promise.resolve(false);
}

export function onContextMenuClicked(api: ShortcutsApi, info: { menuItemId: string | number }, tab: ShortcutTab | undefined): Promise<boolean> {
  return info.menuItemId === CONTEXT_MENU_ID ? preserveTargetInTab(api, tab, 'context-menu') : Promise.resolve(false);
}

/** The menu item, created once per install or update (menus persist across worker restarts). */
export function contextMenuItem(): { id: string; title: string; contexts: ['page', 'link', 'image', 'video', 'selection'] } {
  return { id: CONTEXT_MENU_ID, title: CONTEXT_MENU_TITLE, contexts: ['page', 'link', 'image', 'video', 'selection'] };
}
