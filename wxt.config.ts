import { defineConfig } from 'wxt';

// Manifest and build settings. Permissions are explained one by one in the README.
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  manifestVersion: 3,
  manifest: {
    name: 'PostProof',
    description: 'Preserve social-media posts as verifiable evidence.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab'],
    // Screenshots need <all_urls> or an activeTab gesture: asked for once, with an explanation (see README).
    optional_host_permissions: ['<all_urls>'],
    // Media CDNs: the background fetches a post's own media at full resolution from these hosts only.
    // The content script's own matches (x.com, twitter.com) need no host permission.
    host_permissions: ['https://pbs.twimg.com/*', 'https://video.twimg.com/*'],
    action: { default_title: 'PostProof' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
