// The worker thread's entry (run.ts, solveInWorker): Node 20 does not pass the `--import tsx`
// loader of the main thread on to workers, so the worker loads its TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
