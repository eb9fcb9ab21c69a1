import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import { MEDIA_HOST_PERMISSIONS } from './utils/platforms/hosts';
import { TSA_PRESET_HOST_PERMISSIONS } from './utils/provenance/tsa-presets';
import { firefoxManifest } from './utils/extension/firefox-manifest';
import { ALL_WITNESS_HOST_PATTERNS } from './utils/witness/sources/index';

/**
 * The extension pages share code in many small chunks, and each is one more request at page load (the dashboard
 * loaded 15 files before its first render). Rollup merges chunks under this size that run no code when loaded into
 * a chunk loaded alongside them; the lazily loaded export and verifier code stays apart. Only the pages' multi-chunk
 * build: the background and content scripts are single files.
 */
const mergeSmallPageChunks: Plugin = {
  name: 'postproof-merge-small-page-chunks',
  outputOptions(options) {
    if (options.inlineDynamicImports || (options.format !== undefined && options.format !== 'es')) return null;
    return { ...options, experimentalMinChunkSize: 20_000 };
  },
};

// Manifest and build settings. Permissions are explained one by one in the README.
export default defineConfig({
  srcDir: '.',
  // A separate output folder per worktree or parallel job: POSTPROOF_OUT_DIR (the tests read the same variable).
  outDir: process.env.POSTPROOF_OUT_DIR ?? '.output',
  manifestVersion: 3,
  manifest: {
    name: 'PostProof',
    // Interface text: public/_locales/<lang>/messages.json through chrome.i18n (utils/i18n/i18n.ts); English is the fallback.
    default_locale: 'en',
    description: 'Preserve social-media posts as verifiable evidence.',
    // scripting: the toolbar action injects the content script on sites outside the manifest (Mastodon instances), and
    // the popup, shortcut or menu injects the element picker (picker.js) when asked.
    // alarms: the timestamp queue retries with backoff even after the service worker was stopped.
    // contextMenus: "Preserve this post" on a right click; sidePanel: the running batch beside the page.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms', 'contextMenus', 'sidePanel'],
    // pageCapture: the whole page as MHTML, only when the user turns that setting on (asked for then, in the options).
    // notifications: asked for when the user watches a post (a change or deletion is then announced).
    optional_permissions: ['pageCapture', 'notifications'],
    // Alt+Shift+P preserves the post under the pointer or in focus; the gesture grants activeTab for the screenshot.
    commands: {
      'preserve-post': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Preserve the post under the pointer or in focus' },
    },
    // Screenshots need <all_urls> or an activeTab gesture: asked for once, with an explanation (see README).
    // The platforms' public record endpoints (second witness): asked for when the setting is turned on.
    optional_host_permissions: ['<all_urls>', ...ALL_WITNESS_HOST_PATTERNS],
    // Media CDNs: the background fetches a post's own media at full resolution from these hosts only.
    // The content script's matches (the platforms' own pages) need no host permission.
    // Preset timestamp authorities only ever receive a SHA-256 (and only once the user turns timestamping on);
    // a custom authority is asked for as an optional permission when entered.
    host_permissions: [...MEDIA_HOST_PERMISSIONS, ...TSA_PRESET_HOST_PERMISSIONS],
    action: { default_title: 'PostProof' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
  },
  // Firefox (wxt build -b firefox): add-on id, data-collection declaration, no sidePanel (utils/extension/firefox-manifest.ts).
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox') firefoxManifest(manifest as unknown as Parameters<typeof firefoxManifest>[0]);
    },
  },
  vite: () => ({
    // jsxDev off: a build run with NODE_ENV=test (inside vitest) would otherwise write absolute source paths into the JS.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false },
    plugins: [mergeSmallPageChunks],
  }),
});
