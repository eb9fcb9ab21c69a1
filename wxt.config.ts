import { defineConfig } from 'wxt';
import { MEDIA_HOST_PERMISSIONS } from './utils/platforms/hosts';
import { TSA_PRESET_HOST_PERMISSIONS } from './utils/provenance/tsa-presets';

// Manifest and build settings. Permissions are explained one by one in the README.
export default defineConfig({
  srcDir: '.',
  // A separate output folder per worktree or parallel job: POSTPROOF_OUT_DIR (the tests read the same variable).
  outDir: process.env.POSTPROOF_OUT_DIR ?? '.output',
  manifestVersion: 3,
  manifest: {
    name: 'PostProof',
    description: 'Preserve social-media posts as verifiable evidence.',
    // scripting: the toolbar action injects the content script on sites outside the manifest (Mastodon instances).
    // alarms: the timestamp queue retries with backoff even after the service worker was stopped.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms'],
    // Screenshots need <all_urls> or an activeTab gesture: asked for once, with an explanation (see README).
    optional_host_permissions: ['<all_urls>'],
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
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
