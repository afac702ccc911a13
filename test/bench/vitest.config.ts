// `npm run bench`: the benchmarks run against the same private services as
// the tests, one file at a time so they do not disturb each other's figures.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    globalSetup: ['test/env/global-setup.ts'],
    setupFiles: ['test/env/guard.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
