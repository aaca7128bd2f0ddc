import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites open real SQLite files and PostgreSQL schemas; keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
