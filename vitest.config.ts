import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Installs (as root) or names what the browser and queue tests need, before any test runs.
    globalSetup: ['test/setup/system.ts'],
    // nodejieba's dictionary load and DuckDB runs take seconds on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
