import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { FIREFOX_ADDON_ID, firefoxManifest } from './firefox-manifest';

describe('the Firefox manifest', () => {
  it('drops the Chrome-only sidePanel and the optional pageCapture (Firefox has no such API)', () => {
    const manifest = { permissions: ['storage', 'sidePanel'], optional_permissions: ['pageCapture'] };
    firefoxManifest(manifest);
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest).not.toHaveProperty('optional_permissions');
  });

  it('the Chrome build asks for pageCapture as an optional permission only', () => {
    const manifest = config.manifest as { permissions?: string[]; optional_permissions?: string[] };
    expect(manifest.optional_permissions).toContain('pageCapture');
    expect(manifest.permissions).not.toContain('pageCapture');
  });

  it('names the add-on and the ESR it was tested on, and declares that nothing is collected', () => {
    const manifest: Parameters<typeof firefoxManifest>[0] = { permissions: [] };
    firefoxManifest(manifest);
    expect(manifest.browser_specific_settings?.gecko).toEqual({
      id: FIREFOX_ADDON_ID,
      strict_min_version: '153.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('keeps the sidebar closed at install (it opens when the user asks)', () => {
    const manifest: Parameters<typeof firefoxManifest>[0] = { sidebar_action: { default_panel: 'sidepanel.html' } };
    firefoxManifest(manifest);
    expect(manifest.sidebar_action).toEqual({ default_panel: 'sidepanel.html', open_at_install: false });
  });
});
