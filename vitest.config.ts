import { defineConfig } from 'vitest/config';

// One run for all suites so the summary counts everything: unit/database/HTTP tests, then the
// browser journeys (which need `npm run build` first; they skip with a notice without it).
export default defineConfig({
  test: {
    reporters: ['default', './vitest.summary.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Database suites open real SQLite files and PostgreSQL schemas; keep parallelism modest on 2 cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
