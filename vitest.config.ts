import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ once, so tests that spawn the real CLI run what users run.
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          // A worker per core (vitest's default leaves one core free: one worker on a 2-core machine). Most tests
          // wait on programs they start (the CLI, nginx, oauth2-proxy, Chromium), so the cores stay busy.
          maxWorkers: availableParallelism(),
          exclude: ['test/realstack/**', '**/node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The rendered stack with the real Keycloak, oauth2-proxy, Prefect,
        // PostgreSQL, nginx and Chromium (scripts/install-components.sh).
        // One stack at a time: it owns 127.0.0.1:8080, 127.0.0.11:53 and a block of /etc/hosts.
        extends: true,
        test: {
          name: 'real',
          include: ['test/realstack/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      {
        // `npm run bench` only: end-to-end throughput with the real stack.
        extends: true,
        test: {
          name: 'bench',
          include: ['test/realstack/bench/*.run.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
