import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium, driven by Playwright. One at a time (2 cores).
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
