// Three projects: `unit` (pure logic, no services), `integration` and `e2e`
// (real engines, registry and SSH host started by test/env/global-setup.ts, once
// per run even when both projects run). `npm test` (test/run.sh) runs them all.
import { defineConfig } from 'vitest/config';

const withEnv = {
  globalSetup: ['test/env/global-setup.ts'],
  setupFiles: ['test/env/guard.ts'],
  environment: 'node' as const,
};

export default defineConfig({
  test: {
    reporters: ['default', './test/env/summary-reporter.ts'],
    // CI machines have 2 cores; tests of the real services mostly wait on I/O.
    maxWorkers: 2,
    // Stopping the engines (containers removed, daemons stopped, mounts cleaned) takes a few seconds.
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          ...withEnv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          ...withEnv,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
