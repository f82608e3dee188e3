// Worker-thread entry for generate.ts. Plain JavaScript on purpose: a worker thread does not
// inherit the parent's TypeScript loader (tsx under the CLI, Vite under Vitest), so this file
// registers tsx and then imports the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
