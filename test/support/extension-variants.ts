// A copy of the built extension with the optional <all_urls> permission already granted.
// Chromium's permission prompt cannot be answered in headless mode, so the granted case is reached by moving the
// optional permission into host_permissions of a copy; every line of extension code is the same build.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtensionOnce, launchWithExtension, type LaunchedBrowser } from './browser';

export function extensionWithScreenshotsGranted(extensionDir: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'postproof-ext-')), 'chrome-mv3');
  cpSync(extensionDir, copy, { recursive: true });
  const manifestFile = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    host_permissions?: string[];
    optional_host_permissions?: string[];
  };
  if (!manifest.optional_host_permissions?.includes('<all_urls>')) {
    throw new Error('The built manifest no longer asks for <all_urls> as an optional permission; update this test helper.');
  }
  manifest.optional_host_permissions = manifest.optional_host_permissions.filter((p) => p !== '<all_urls>');
  manifest.host_permissions = [...(manifest.host_permissions ?? []), '<all_urls>'];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return copy;
}

/** Chromium with the granted copy of the built extension; closing the browser also removes the copy. */
export async function launchWithScreenshotsGranted(port: number): Promise<LaunchedBrowser> {
  const extensionDir = extensionWithScreenshotsGranted(buildExtensionOnce());
  const removeCopy = () => rmSync(join(extensionDir, '..'), { recursive: true, force: true });
  try {
    const browser = await launchWithExtension({ extensionDir, port });
    return { ...browser, close: () => browser.close().finally(removeCopy) };
  } catch (error) {
    removeCopy();
    throw error;
  }
}
