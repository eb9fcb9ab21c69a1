// The keyboard command and the context-menu item that preserve one post. Both are gestures that grant activeTab,
// so the screenshot works without the optional <all_urls> permission.
import { CONTENT_SCRIPT_FILE } from '../extension/site-access';
import type { PreserveTargetMessage } from './content-wiring';
import type { TargetSource } from './post-target';

export const PRESERVE_COMMAND = 'preserve-post';
export const CONTEXT_MENU_ID = 'postproof-preserve-post';
export const CONTEXT_MENU_TITLE = 'Preserve this post';

export interface ShortcutTab {
  id?: number;
}

export interface ShortcutsApi {
  sendToTab(tabId: number, message: PreserveTargetMessage): Promise<unknown>;
  /** Runs the content script in the tab (pages outside the manifest; the gesture's activeTab allows it). */
  injectContentScript(tabId: number, file: string): Promise<unknown>;
}

/** Asks the tab's content script to preserve the post meant; starts the content script first where it is not running. */
export async function preserveTargetInTab(api: ShortcutsApi, tab: ShortcutTab | undefined, source: TargetSource): Promise<boolean> {
  if (tab?.id === undefined || tab.id < 0) return false;
  const message: PreserveTargetMessage = { type: 'postproof/preserve-target', source };
  try {
    await api.sendToTab(tab.id, message);
  } catch {
    // No content script answered: the page is outside the manifest's sites. The gesture lets us run it there once.
    try {
      await api.injectContentScript(tab.id, CONTENT_SCRIPT_FILE);
      await api.sendToTab(tab.id, message);
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
