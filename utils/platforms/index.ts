// The content script's entry to the adapters: importing this registers every platform, then exposes the registry.
import './x';

export { adapterForUrl, allAdapters, type PlatformAdapter } from './registry';
export { observeElements } from './observe';
