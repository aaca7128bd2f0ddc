#!/usr/bin/env node
// Launcher: registers tsx's loader in-process so `npx shouwang …` runs the TypeScript CLI directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
