// The content script's entry to the adapters: importing this registers every platform, then exposes the registry.
import './x';
import './mastodon';
import './bluesky';
import './telegram';
import './tiktok';
import './facebook';
import './instagram';
import './reddit';
import './youtube';

export { adapterForPage, adapterForUrl, allAdapters, structuralAdapters, type PlatformAdapter } from './registry';
export { observeElements } from './observe';
