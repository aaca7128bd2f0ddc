// Entry of an allocation worker thread. A Worker does not inherit the loader that runs the server's TypeScript
// (tsx, registered in-process by bin/shouwang.js), so it registers its own, once per worker, then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./highs-worker.ts');
