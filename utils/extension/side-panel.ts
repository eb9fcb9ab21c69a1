// "Show batch and recent captures beside the page": Chrome's side panel (chrome.sidePanel, not in
// webextension-polyfill) or Firefox's sidebar (sidebar_action, browser.sidebarAction). Both open only during a user
// gesture, so this is called straight from the click.

interface SidePanelApis {
  chrome?: { sidePanel?: { open(options: { tabId: number }): Promise<void> } };
  browser?: { sidebarAction?: { open(): Promise<void> } };
}

/** Which API the browser offers, or undefined where it has neither. */
export function sidePanelKind(apis: SidePanelApis = globalThis as SidePanelApis): 'side-panel' | 'sidebar' | undefined {
  if (apis.chrome?.sidePanel) return 'side-panel';
  if (apis.browser?.sidebarAction) return 'sidebar';
  return undefined;
}

/** Opens the panel beside `tabId`; true when the browser opened it. */
export async function openSidePanel(tabId: number, apis: SidePanelApis = globalThis as SidePanelApis): Promise<boolean> {
  const kind = sidePanelKind(apis);
  try {
    if (kind === 'side-panel') await apis.chrome!.sidePanel!.open({ tabId });
    else if (kind === 'sidebar') await apis.browser!.sidebarAction!.open();
    else return false;
    return true;
  } catch {
    return false;
  }
}
