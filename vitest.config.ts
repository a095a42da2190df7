import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ once, so tests that spawn the real CLI run what users run.
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
