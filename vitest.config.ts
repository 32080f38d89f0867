import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Property and traversal tests are CPU-bound; the machine has two cores.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
