// The forecasts' worker thread's entry (derived.ts, refreshDerivedInWorker): Node 20 does not pass
// the `--import tsx` loader of the main thread on to workers, so the worker loads its TypeScript
// through tsx's API (as the matching engine's worker does).
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
