// Lint enforces the dependency rule of docs/ARCHITECTURE.md; a violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const forbid = (group, why) => ({ group, message: why });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: rule([
      forbid(['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'child_process'], 'domain is pure: no I/O (ARCHITECTURE.md §2).'),
      forbid(['**/contracts/**', '**/server/**', '**/web/**', '**/cli/**'], 'domain depends on nothing.'),
      forbid(['kysely', 'better-sqlite3', 'pg', 'fastify', 'fastify-*', '@fastify/*', 'react', 'react-*', 'antd', 'zod'], 'domain is pure TypeScript: rules as data and functions.'),
    ]),
  },
  {
    files: ['src/contracts/**'],
    rules: rule([forbid(['**/server/**', '**/web/**', '**/cli/**', 'node:*'], 'contracts depend on domain only.')]),
  },
  {
    files: ['src/server/**'],
    rules: rule([forbid(['**/web/**', '**/cli/**', 'react', 'antd'], 'server never imports web or cli.')]),
  },
  {
    files: ['src/server/db/migrations/**'],
    rules: rule([forbid(['**/modules/**', '**/domain/**', '**/contracts/**'], 'migrations are frozen history: they import nothing from app code.')]),
  },
  {
    files: ['src/server/modules/**/*.routes.ts'],
    rules: rule([forbid(['**/db/**', 'kysely'], 'routes never touch the database: call the service.')]),
  },
  {
    files: ['src/server/modules/**/*.service.ts'],
    rules: rule([forbid(['fastify', '@fastify/*', '**/http/**'], 'services never see HTTP types.')]),
  },
  {
    files: ['src/web/**'],
    rules: rule([
      forbid(['**/server/**', '**/cli/**', 'node:*', 'kysely', 'fastify'], 'web talks to the server over HTTP only.'),
    ]),
  },
  {
    files: ['src/web/**'],
    ignores: ['src/web/map/**', 'src/web/charts/**'],
    rules: rule([
      forbid(['**/server/**', '**/cli/**', 'node:*', 'kysely', 'fastify'], 'web talks to the server over HTTP only.'),
      forbid(['leaflet', 'echarts', 'echarts/*'], 'only src/web/map and src/web/charts import leaflet/echarts.'),
    ]),
  },
  {
    files: ['src/cli/**'],
    rules: rule([forbid(['**/web/**'], 'the CLI drives the server, never the web app.')]),
  },
);
