import { defineConfig } from 'vitest/config';

/**
 * Unit tests that change nothing process-wide (no environment writes, mocks, fake timers or signal
 * handlers; checked with grep when this list was made): they run without isolation, one module
 * cache per worker, which spares each file a fresh fork and a fresh import of the sources (on
 * these directories, 77 s -> 29 s wall with the same 998 tests passing, load average 7-8 on two
 * cores). Every other test file keeps its own isolated worker. A directory joins this list only
 * if its tests keep to that rule.
 */
const SHARED = [
  'test/call',
  'test/carriers',
  'test/input',
  'test/live',
  'test/machines',
  'test/report',
  'test/scenario',
  'test/simulator',
  'test/taxonomy',
  'test/text',
].map((directory) => `${directory}/**/*.test.ts`);

export default defineConfig({
  test: {
    setupFiles: ['test/support/fast-check-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Property and traversal tests are CPU-bound; the machine has two cores.
    pool: 'forks',
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: SHARED, isolate: false } },
      {
        extends: true,
        // Negated includes, not `exclude`: a project's `exclude` would replace the command line's --exclude.
        test: { name: 'isolated', include: ['test/**/*.test.ts', ...SHARED.map((glob) => `!${glob}`)] },
      },
    ],
  },
});
