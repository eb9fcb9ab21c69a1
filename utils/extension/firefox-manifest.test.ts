import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { firefoxManifest } from './firefox-manifest';

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
});
