import { describe, expect, it, vi } from 'vitest';
import { openSidePanel, sidePanelKind } from './side-panel';

describe('the panel beside the page', () => {
  it("opens Chrome's side panel for the tab", async () => {
    const open = vi.fn(() => Promise.resolve());
    expect(await openSidePanel(7, { chrome: { sidePanel: { open } } })).toBe(true);
    expect(open).toHaveBeenCalledWith({ tabId: 7 });
  });

  it("opens Firefox's sidebar where there is no chrome.sidePanel", async () => {
    const open = vi.fn(() => Promise.resolve());
    const apis = { chrome: {}, browser: { sidebarAction: { open } } };
    expect(sidePanelKind(apis)).toBe('sidebar');
    expect(await openSidePanel(7, apis)).toBe(true);
    expect(open).toHaveBeenCalledOnce();
  });

  it('says no where the browser has neither, or refuses (no user gesture)', async () => {
    expect(sidePanelKind({})).toBeUndefined();
    expect(await openSidePanel(7, {})).toBe(false);
    expect(await openSidePanel(7, { browser: { sidebarAction: { open: () => Promise.reject(new Error('user input')) } } })).toBe(false);
  });
});
