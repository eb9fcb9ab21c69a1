import { defineConfig } from 'vitest/config';

// Unit tests: co-located *.test.ts files; plain Node unless a file asks for a DOM environment.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['scripts/**/*.test.ts', 'utils/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'bin/**/*.test.ts', 'entrypoints/**/*.test.ts'],
    environment: 'node',
    // English text for t() where there is no chrome.i18n, as the extension's own pages would show it.
    setupFiles: ['utils/i18n/english.ts'],
    // Several tests run real crypto, openssl and a local TSA; on a loaded 2-core machine 5 s is too tight.
    testTimeout: 30_000,
  },
});
