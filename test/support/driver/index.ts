// Launch either browser behind the same TestBrowser interface (types.ts).
import { hasChromium } from '../browser';
import { launchChromium } from './chromium';
import { hasFirefox, launchFirefox } from './firefox';
import type { BrowserName, LaunchSpec, TestBrowser } from './types';

export type { BrowserName, DownloadedFile, LaunchSpec, TestBrowser, TestPage } from './types';

export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export function hasBrowser(name: BrowserName): boolean {
  return name === 'chromium' ? hasChromium : hasFirefox;
}

export function launchBrowser(name: BrowserName, spec: LaunchSpec): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium(spec) : launchFirefox(spec);
}

