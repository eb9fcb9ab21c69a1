// The extension's storage areas with the shapes the components take (the polyfill's types do not list
// storage.session, which Chromium has: emptied when the browser quits). The same objects every call, so they can
// be hook dependencies.
import browser from 'webextension-polyfill';
import type { MarkerStorage, SessionStorage } from '../utils/export/marker';

const local = browser.storage.local as MarkerStorage;
const session = (browser.storage as unknown as { session: SessionStorage }).session;

export const extensionLocalStorage = (): MarkerStorage => local;
export const extensionSessionStorage = (): SessionStorage => session;
