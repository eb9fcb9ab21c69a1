// Copies of the built extension with optional permissions already granted.
// Chromium's permission prompt cannot be answered in headless mode, so a granted case is reached by moving an
// optional permission into the granted keys of a copy (optional_host_permissions → host_permissions, optional_permissions
// → permissions); every line of extension code is the same build.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './browser';

/** What a copy has granted up front: host patterns and API permissions the build asks for as optional. */
export interface Grants {
  hosts?: string[];
  permissions?: string[];
}

/** <all_urls>: screenshots of posts (captureVisibleTab) without a toolbar gesture. */
export const SCREENSHOTS: Grants = { hosts: ['<all_urls>'] };
/** pageCapture alone: the whole page as MHTML (setting "Also keep the whole page as MHTML"). */
export const PAGE_CAPTURE: Grants = { permissions: ['pageCapture'] };

interface ManifestKeys {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
}

function grant(manifest: ManifestKeys, optional: 'optional_permissions' | 'optional_host_permissions', granted: 'permissions' | 'host_permissions', names: string[]) {
  for (const name of names) {
    if (!manifest[optional]?.includes(name)) {
      throw new Error(`The built manifest no longer asks for ${name} as an optional permission (${optional}); update this test helper.`);
    }
    manifest[optional] = manifest[optional].filter((p) => p !== name);
    manifest[granted] = [...(manifest[granted] ?? []), name];
  }
}

export function extensionWithGrants(extensionDir: string, grants: Grants): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'postproof-ext-')), 'chrome-mv3');
  cpSync(extensionDir, copy, { recursive: true });
  const manifestFile = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ManifestKeys;
  grant(manifest, 'optional_host_permissions', 'host_permissions', grants.hosts ?? []);
  grant(manifest, 'optional_permissions', 'permissions', grants.permissions ?? []);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return copy;
}

export function extensionWithScreenshotsGranted(extensionDir: string): string {
  return extensionWithGrants(extensionDir, SCREENSHOTS);
}

/** Chromium with a granted copy of the built extension; closing the browser also removes the copy. */
export async function launchWithGrants(port: number, grants: Grants): Promise<LaunchedBrowser> {
  const extensionDir = extensionWithGrants(buildExtensionOnce(), grants);
  const removeCopy = () => rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  try {
    const browser = await launchWithExtension({ extensionDir, port });
    return { ...browser, close: () => browser.close().finally(removeCopy) };
  } catch (error) {
    removeCopy();
    throw error;
  }
}

export function launchWithScreenshotsGranted(port: number): Promise<LaunchedBrowser> {
  return launchWithGrants(port, SCREENSHOTS);
}

export function launchWithPageCaptureGranted(port: number): Promise<LaunchedBrowser> {
  return launchWithGrants(port, PAGE_CAPTURE);
}
