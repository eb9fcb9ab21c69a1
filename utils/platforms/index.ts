// Every adapter at once, for the tests and the e2e fixtures: importing this registers every platform, then exposes the
// registry. The content scripts import only their own sites' adapters (entrypoints/*.content.ts, entrypoints/content.ts).
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
